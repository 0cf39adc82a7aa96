// Business hours: IsOpen / NextOpening in zones with and without daylight saving time, holidays
// (local dates), ISO weekday numbering (1 = Monday … 7 = Sunday), validation and "HH:MM" parsing.
#include "engine/business_hours.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kefu::engine {
namespace {

constexpr Millis kMinute = 60 * 1000;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kDay = 24 * kHour;

// A UTC instant.
Millis Utc(int y, unsigned m, unsigned d, int h, int min = 0) {
  using namespace std::chrono;
  const auto t = sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{min};
  return duration_cast<milliseconds>(t.time_since_epoch()).count();
}

std::string Show(Millis at) {
  using namespace std::chrono;
  const sys_time<milliseconds> t{milliseconds{at}};
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u %02ld:%02ld UTC",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<long>(hms.hours().count()),
                static_cast<long>(hms.minutes().count()));
  return buffer;
}

BusinessHours Weekdays(std::string zone, int open, int close) {
  BusinessHours hours;
  hours.time_zone = std::move(zone);
  for (int day = 1; day <= 5; ++day) hours.weekly.push_back({day, open, close});
  return hours;
}

struct OpenRow {
  std::string name;
  Millis at;
  bool open;
};

TEST(BusinessHours, BerlinAcrossDaylightSavingTime) {
  // Mon–Fri 09:00–18:00 in Berlin: UTC+1 in winter, UTC+2 from 2026-03-29 01:00 UTC to
  // 2026-10-25 01:00 UTC.
  const BusinessHours hours = Weekdays("Europe/Berlin", 9 * 60, 18 * 60);
  const std::vector<OpenRow> rows = {
      {"Fri 27 Mar 08:59 CET", Utc(2026, 3, 27, 7, 59), false},
      {"Fri 27 Mar 09:00 CET: opening is inclusive", Utc(2026, 3, 27, 8, 0), true},
      {"Fri 27 Mar 17:59 CET", Utc(2026, 3, 27, 16, 59), true},
      {"Fri 27 Mar 18:00 CET: closing is exclusive", Utc(2026, 3, 27, 17, 0), false},
      {"Sat 28 Mar 11:00 CET", Utc(2026, 3, 28, 10, 0), false},
      {"Sun 29 Mar 11:00 CEST", Utc(2026, 3, 29, 9, 0), false},
      // After the change: 07:30 UTC is 09:30 CEST (it would be 08:30 in CET).
      {"Mon 30 Mar 08:59 CEST", Utc(2026, 3, 30, 6, 59), false},
      {"Mon 30 Mar 09:00 CEST", Utc(2026, 3, 30, 7, 0), true},
      {"Mon 30 Mar 09:30 CEST", Utc(2026, 3, 30, 7, 30), true},
      {"Mon 30 Mar 17:59 CEST", Utc(2026, 3, 30, 15, 59), true},
      {"Mon 30 Mar 18:30 CEST (17:30 in CET)", Utc(2026, 3, 30, 16, 30), false},
      {"Fri 23 Oct 09:30 CEST", Utc(2026, 10, 23, 7, 30), true},
      {"Mon 26 Oct 08:30 CET (09:30 in CEST)", Utc(2026, 10, 26, 7, 30), false},
      {"Mon 26 Oct 09:00 CET", Utc(2026, 10, 26, 8, 0), true},
      {"Mon 26 Oct 17:30 CET (18:30 in CEST)", Utc(2026, 10, 26, 16, 30), true},
  };
  for (const auto& row : rows) EXPECT_EQ(IsOpen(hours, row.at), row.open) << row.name;

  struct NextRow {
    std::string name;
    Millis from;
    Millis expected;
  };
  const std::vector<NextRow> next = {
      {"Friday evening in CET → Monday 09:00 CEST", Utc(2026, 3, 27, 17, 0),
       Utc(2026, 3, 30, 7, 0)},
      {"Friday evening in CEST → Monday 09:00 CET", Utc(2026, 10, 23, 16, 0),
       Utc(2026, 10, 26, 8, 0)},
      {"Monday early → the same morning", Utc(2026, 3, 30, 5, 0), Utc(2026, 3, 30, 7, 0)},
      {"open now → the next opening, tomorrow", Utc(2026, 3, 30, 7, 30), Utc(2026, 3, 31, 7, 0)},
      {"exactly at an opening → the next one", Utc(2026, 3, 30, 7, 0), Utc(2026, 3, 31, 7, 0)},
  };
  for (const auto& row : next) {
    auto opening = NextOpening(hours, row.from);
    ASSERT_TRUE(opening.has_value()) << row.name;
    EXPECT_EQ(Show(*opening), Show(row.expected)) << row.name;
  }
}

TEST(BusinessHours, OpeningInTheSkippedHourOpensWhenLocalTimeReachesIt) {
  // Sunday 02:00–04:00 in Berlin; on 2026-03-29 the clocks jump from 02:00 to 03:00.
  BusinessHours hours;
  hours.time_zone = "Europe/Berlin";
  hours.weekly = {{7, 2 * 60, 4 * 60}};
  EXPECT_EQ(Show(*NextOpening(hours, Utc(2026, 3, 28, 12, 0))), Show(Utc(2026, 3, 29, 1, 0)));
  EXPECT_TRUE(IsOpen(hours, Utc(2026, 3, 29, 1, 0)));
  EXPECT_FALSE(IsOpen(hours, Utc(2026, 3, 29, 0, 59)));
  EXPECT_FALSE(IsOpen(hours, Utc(2026, 3, 29, 2, 0)));  // 04:00 CEST
}

TEST(BusinessHours, OpeningInTheRepeatedHourOpensAtItsFirstOccurrence) {
  // Sunday 02:30–05:00 in Berlin; on 2026-10-25 the clocks go back from 03:00 CEST to 02:00 CET,
  // so 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
  BusinessHours hours;
  hours.time_zone = "Europe/Berlin";
  hours.weekly.push_back({7, 2 * 60 + 30, 5 * 60});
  EXPECT_EQ(Show(*NextOpening(hours, Utc(2026, 10, 24, 22))), Show(Utc(2026, 10, 25, 0, 30)));
  EXPECT_FALSE(IsOpen(hours, Utc(2026, 10, 25, 0, 29)));
  EXPECT_TRUE(IsOpen(hours, Utc(2026, 10, 25, 0, 30)));
  // An ordinary Sunday after the change: 02:30 CET.
  EXPECT_EQ(Show(*NextOpening(hours, Utc(2026, 10, 25, 5))), Show(Utc(2026, 11, 1, 1, 30)));
}

TEST(BusinessHours, ShanghaiHolidaysAndLunchBreaks) {
  BusinessHours hours;
  hours.time_zone = "Asia/Shanghai";  // UTC+8, no daylight saving time
  for (int day = 1; day <= 5; ++day) {
    hours.weekly.push_back({day, 9 * 60, 12 * 60});
    hours.weekly.push_back({day, 13 * 60, 18 * 60});
  }
  hours.weekly.push_back({6, 10 * 60, 16 * 60});
  hours.holidays = {"2026-10-01"};  // a Thursday
  const std::vector<OpenRow> rows = {
      {"Wed 30 Sep 10:00", Utc(2026, 9, 30, 2, 0), true},
      {"Wed 30 Sep 12:30: lunch", Utc(2026, 9, 30, 4, 30), false},
      {"Wed 30 Sep 13:00", Utc(2026, 9, 30, 5, 0), true},
      {"Thu 1 Oct 10:00: holiday", Utc(2026, 10, 1, 2, 0), false},
      {"Thu 1 Oct 09:30 local is still 30 Sep in UTC", Utc(2026, 10, 1, 1, 30), false},
      {"Fri 2 Oct 09:00 local is 1 Oct in UTC", Utc(2026, 10, 2, 1, 0), true},
      {"Sat 3 Oct 10:00", Utc(2026, 10, 3, 2, 0), true},
      {"Sat 3 Oct 16:00", Utc(2026, 10, 3, 8, 0), false},
      {"Sun 4 Oct 10:00", Utc(2026, 10, 4, 2, 0), false},
  };
  for (const auto& row : rows) EXPECT_EQ(IsOpen(hours, row.at), row.open) << row.name;

  EXPECT_EQ(Show(*NextOpening(hours, Utc(2026, 9, 30, 4, 30))), Show(Utc(2026, 9, 30, 5, 0)))
      << "after lunch";
  EXPECT_EQ(Show(*NextOpening(hours, Utc(2026, 9, 30, 10, 0))), Show(Utc(2026, 10, 2, 1, 0)))
      << "Wednesday 18:00 → Friday 09:00, the holiday skipped";

  // Golden week: closed 1–7 October, Saturday included.
  hours.holidays = {"2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04",
                    "2026-10-05", "2026-10-06", "2026-10-07"};
  EXPECT_FALSE(IsOpen(hours, Utc(2026, 10, 3, 2, 0)));
  EXPECT_EQ(Show(*NextOpening(hours, Utc(2026, 9, 30, 10, 0))), Show(Utc(2026, 10, 8, 1, 0)));

  // Holidays are local dates: Friday 00:30 local is Thursday 16:30 UTC.
  BusinessHours all_day;
  all_day.time_zone = "Asia/Shanghai";
  all_day.weekly = {{4, 0, 24 * 60}, {5, 0, 24 * 60}};
  all_day.holidays = {"2026-10-01"};
  EXPECT_TRUE(IsOpen(all_day, Utc(2026, 10, 1, 16, 30)));
  EXPECT_FALSE(IsOpen(all_day, Utc(2026, 10, 1, 15, 59)));
  EXPECT_EQ(Show(*NextOpening(all_day, Utc(2026, 10, 1, 2, 0))), Show(Utc(2026, 10, 1, 16, 0)));
}

TEST(BusinessHours, WeekdaysAreNumberedFromMonday) {
  struct Row {
    int day;
    Millis open_at;    // 12:00 local on that weekday
    Millis closed_at;  // 12:00 local the day before
  };
  // 2026-03-23 is a Monday. Shanghai noon is 04:00 UTC.
  std::vector<Row> rows;
  for (int day = 1; day <= 7; ++day) {
    const Millis noon = Utc(2026, 3, 23, 4) + (day - 1) * kDay;
    rows.push_back({day, noon, noon - kDay});
  }
  for (const auto& row : rows) {
    BusinessHours hours;
    hours.time_zone = "Asia/Shanghai";
    hours.weekly = {{row.day, 0, 24 * 60}};
    EXPECT_TRUE(IsOpen(hours, row.open_at)) << "day " << row.day;
    EXPECT_FALSE(IsOpen(hours, row.closed_at)) << "day " << row.day;
    EXPECT_FALSE(IsOpen(hours, row.open_at + kDay)) << "day " << row.day;
  }
  // Sunday 01:00 in Shanghai is still Saturday in UTC.
  BusinessHours sunday;
  sunday.time_zone = "Asia/Shanghai";
  sunday.weekly = {{7, 0, 24 * 60}};
  EXPECT_TRUE(IsOpen(sunday, Utc(2026, 3, 28, 17, 0)));
  EXPECT_FALSE(IsOpen(sunday, Utc(2026, 3, 28, 15, 59)));
  EXPECT_TRUE(IsOpen(sunday, Utc(2026, 3, 29, 15, 59)));  // 23:59 local
  EXPECT_FALSE(IsOpen(sunday, Utc(2026, 3, 29, 16, 0)));  // Monday 00:00 local
}

// NextOpening agrees with a minute-by-minute scan of IsOpen, across both changes of Berlin's
// clocks and a Shanghai week with a holiday.
TEST(BusinessHours, NextOpeningMatchesAScanOfIsOpen) {
  BusinessHours berlin = Weekdays("Europe/Berlin", 8 * 60 + 30, 17 * 60);
  berlin.weekly.push_back({6, 0, 60});  // Saturday just after midnight
  berlin.weekly.push_back({7, 23 * 60, 24 * 60});
  berlin.holidays = {"2026-10-27"};
  BusinessHours shanghai;
  shanghai.time_zone = "Asia/Shanghai";
  for (int day = 1; day <= 5; ++day) {
    shanghai.weekly.push_back({day, 9 * 60, 12 * 60});
    shanghai.weekly.push_back({day, 13 * 60 + 30, 18 * 60});
  }
  shanghai.holidays = {"2026-10-01", "2026-10-02"};
  struct Row {
    std::string name;
    const BusinessHours* hours;
    Millis from;
  };
  const std::vector<Row> rows = {{"Berlin, spring", &berlin, Utc(2026, 3, 24, 0)},
                                 {"Berlin, autumn", &berlin, Utc(2026, 10, 20, 0)},
                                 {"Shanghai", &shanghai, Utc(2026, 9, 27, 0)}};
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    const int minutes = 16 * 24 * 60;
    std::vector<bool> open(minutes);
    for (int m = 0; m < minutes; ++m) open[m] = IsOpen(*row.hours, row.from + m * kMinute);
    int checked = 0;
    for (int m = 1; m < 7 * 24 * 60; m += 17) {
      int expected = -1;
      for (int n = m + 1; n < minutes; ++n) {
        if (open[n] && !open[n - 1]) {
          expected = n;
          break;
        }
      }
      ASSERT_GE(expected, 0);
      const Millis at = row.from + m * kMinute;
      auto opening = NextOpening(*row.hours, at);
      ASSERT_TRUE(opening.has_value()) << Show(at);
      ASSERT_EQ(Show(*opening), Show(row.from + expected * kMinute)) << "from " << Show(at);
      ++checked;
    }
    EXPECT_GT(checked, 500);
  }
}

TEST(BusinessHours, NoOpeningWithinTwoWeeks) {
  BusinessHours hours = Weekdays("Asia/Shanghai", 9 * 60, 18 * 60);
  for (int d = 1; d <= 28; ++d) {
    hours.holidays.push_back("2026-02-" + std::string(d < 10 ? "0" : "") + std::to_string(d));
  }
  EXPECT_FALSE(NextOpening(hours, Utc(2026, 2, 1, 0)).has_value());
  EXPECT_TRUE(NextOpening(hours, Utc(2026, 2, 20, 0)).has_value()) << "March is within 14 days";
  BusinessHours never;
  never.time_zone = "Asia/Shanghai";
  EXPECT_FALSE(IsOpen(never, Utc(2026, 2, 2, 4)));
  EXPECT_FALSE(NextOpening(never, Utc(2026, 2, 2, 4)).has_value());
}

TEST(BusinessHours, UnknownZoneNeverLocksCustomersOut) {
  BusinessHours hours = Weekdays("Mars/Olympus_Mons", 9 * 60, 18 * 60);
  EXPECT_TRUE(IsOpen(hours, Utc(2026, 3, 28, 2, 0)));  // a Saturday
  EXPECT_FALSE(NextOpening(hours, Utc(2026, 3, 28, 2, 0)).has_value());
  auto error = ValidateHours(hours);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("unknown time zone"), std::string::npos) << *error;
}

TEST(BusinessHours, ValidateHours) {
  struct Row {
    std::string name;
    std::function<void(BusinessHours&)> change;
    std::string error;  // a part of the message; empty: valid
  };
  const std::vector<Row> rows = {
      {"weekdays 09:00–18:00", [](BusinessHours&) {}, ""},
      {"a span to midnight, a leap day",
       [](BusinessHours& h) {
         h.weekly.push_back({7, 0, 24 * 60});
         h.holidays = {"2028-02-29", "2026-10-01"};
       },
       ""},
      {"Berlin", [](BusinessHours& h) { h.time_zone = "Europe/Berlin"; }, ""},
      {"unknown zone", [](BusinessHours& h) { h.time_zone = "Asia/Beijing"; }, "unknown time zone"},
      {"empty zone", [](BusinessHours& h) { h.time_zone = ""; }, "unknown time zone"},
      {"day 0",
       [](BusinessHours& h) {
         h.weekly.push_back({0, 0, 60});
       },
       "day must be"},
      {"day 8",
       [](BusinessHours& h) {
         h.weekly.push_back({8, 0, 60});
       },
       "day must be"},
      {"closes when it opens",
       [](BusinessHours& h) {
         h.weekly.push_back({6, 600, 600});
       },
       "open before"},
      {"closes before it opens",
       [](BusinessHours& h) {
         h.weekly.push_back({6, 600, 540});
       },
       "open before"},
      {"after midnight",
       [](BusinessHours& h) {
         h.weekly.push_back({6, 600, 24 * 60 + 1});
       },
       "open before"},
      {"before midnight",
       [](BusinessHours& h) {
         h.weekly.push_back({6, -1, 60});
       },
       "open before"},
      {"no such date", [](BusinessHours& h) { h.holidays = {"2026-02-30"}; }, "holidays"},
      {"not a leap year", [](BusinessHours& h) { h.holidays = {"2026-02-29"}; }, "holidays"},
      {"month 13", [](BusinessHours& h) { h.holidays = {"2026-13-01"}; }, "holidays"},
      {"short", [](BusinessHours& h) { h.holidays = {"2026-1-01"}; }, "holidays"},
      {"long", [](BusinessHours& h) { h.holidays = {"2026-10-011"}; }, "holidays"},
      {"slashes", [](BusinessHours& h) { h.holidays = {"2026/10/01"}; }, "holidays"},
      {"empty", [](BusinessHours& h) { h.holidays = {""}; }, "holidays"},
      {"trailing text", [](BusinessHours& h) { h.holidays = {"2026-1-011"}; }, "holidays"},
      // Ten characters that scanf would read as a date, but never equal to a local date.
      {"a leading space", [](BusinessHours& h) { h.holidays = {" 2026-10-1"}; }, "holidays"},
      {"a signed month", [](BusinessHours& h) { h.holidays = {"2026-+1-01"}; }, "holidays"},
      {"a signed year", [](BusinessHours& h) { h.holidays = {"+026-10-01"}; }, "holidays"},
  };
  for (const auto& row : rows) {
    BusinessHours hours = Weekdays("Asia/Shanghai", 9 * 60, 18 * 60);
    row.change(hours);
    auto error = ValidateHours(hours);
    if (row.error.empty()) {
      EXPECT_FALSE(error.has_value()) << row.name << ": " << error.value_or("");
    } else {
      ASSERT_TRUE(error.has_value()) << row.name;
      EXPECT_NE(error->find(row.error), std::string::npos) << row.name << ": " << *error;
    }
  }
}

TEST(BusinessHours, ParseAndFormatMinuteOfDay) {
  struct Row {
    std::string text;
    std::optional<int> minute;
  };
  const std::vector<Row> rows = {
      {"00:00", 0},
      {"09:05", 9 * 60 + 5},
      {"12:30", 750},
      {"23:59", 1439},
      {"24:00", 1440},
      {"24:01", std::nullopt},
      {"25:00", std::nullopt},
      {"09:60", std::nullopt},
      {"9:00", std::nullopt},
      {"09:0", std::nullopt},
      {"0900", std::nullopt},
      {"09-00", std::nullopt},
      {"", std::nullopt},
      {"ab:cd", std::nullopt},
      {"09:0a", std::nullopt},
      {" 9:00", std::nullopt},
      {"09:00 ", std::nullopt},
      {"-1:00", std::nullopt},
      {"０９:００", std::nullopt},
  };
  for (const auto& row : rows) EXPECT_EQ(ParseMinuteOfDay(row.text), row.minute) << row.text;
  EXPECT_EQ(FormatMinuteOfDay(0), "00:00");
  EXPECT_EQ(FormatMinuteOfDay(545), "09:05");
  EXPECT_EQ(FormatMinuteOfDay(1440), "24:00");
  EXPECT_EQ(FormatMinuteOfDay(-5), "00:00");
  EXPECT_EQ(FormatMinuteOfDay(2000), "24:00");
  for (int minute = 0; minute <= 24 * 60; ++minute) {
    ASSERT_EQ(ParseMinuteOfDay(FormatMinuteOfDay(minute)), minute);
  }
}

}  // namespace
}  // namespace kefu::engine
