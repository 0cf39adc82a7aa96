#include "engine/business_hours.hpp"

#include <unicode/timezone.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <unordered_map>

namespace kefu::engine {
namespace {

constexpr Millis kDay = 24LL * 60 * 60 * 1000;
constexpr Millis kMinute = 60 * 1000;

// ICU zones are costly to create; each thread keeps the ones it used.
const icu::TimeZone* Zone(const std::string& name) {
  thread_local std::unordered_map<std::string, std::unique_ptr<icu::TimeZone>> cache;
  auto it = cache.find(name);
  if (it == cache.end()) {
    std::unique_ptr<icu::TimeZone> zone(
        icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(name)));
    icu::UnicodeString id;
    zone->getID(id);
    if (id == icu::UnicodeString("Etc/Unknown")) zone.reset();
    it = cache.emplace(name, std::move(zone)).first;
  }
  return it->second.get();
}

// The zone's offset from UTC at the UTC instant `at`.
Millis OffsetAt(const icu::TimeZone& zone, Millis at) {
  int32_t raw = 0;
  int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone.getOffset(static_cast<UDate>(at), false, raw, dst, status);
  return U_SUCCESS(status) ? static_cast<Millis>(raw) + dst : 0;
}

long long FloorDiv(long long a, long long b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

std::string DateOf(long long day_number) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day_number}}};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

int IsoWeekday(long long day_number) {
  return static_cast<int>(
      std::chrono::weekday{std::chrono::sys_days{std::chrono::days{day_number}}}.iso_encoding());
}

bool Holiday(const BusinessHours& hours, long long day_number) {
  const std::string date = DateOf(day_number);
  return std::find(hours.holidays.begin(), hours.holidays.end(), date) != hours.holidays.end();
}

}  // namespace

bool IsOpen(const BusinessHours& hours, Millis at) {
  const icu::TimeZone* zone = Zone(hours.time_zone);
  if (zone == nullptr) return true;  // validated on save; never lock customers out on a bad zone
  const Millis local = at + OffsetAt(*zone, at);
  const long long day = FloorDiv(local, kDay);
  if (Holiday(hours, day)) return false;
  const int minute = static_cast<int>((local - day * kDay) / kMinute);
  const int weekday = IsoWeekday(day);
  return std::any_of(hours.weekly.begin(), hours.weekly.end(), [&](const auto& span) {
    return span.day == weekday && span.open_minute <= minute && minute < span.close_minute;
  });
}

std::optional<Millis> NextOpening(const BusinessHours& hours, Millis at) {
  const icu::TimeZone* zone = Zone(hours.time_zone);
  if (zone == nullptr) return std::nullopt;
  const long long today = FloorDiv(at + OffsetAt(*zone, at), kDay);
  std::optional<Millis> best;
  for (long long day = today; day <= today + 14 && !best; ++day) {
    if (Holiday(hours, day)) continue;
    const int weekday = IsoWeekday(day);
    for (const auto& span : hours.weekly) {
      if (span.day != weekday || span.open_minute >= span.close_minute) continue;
      const Millis local = day * kDay + span.open_minute * kMinute;
      // Local → UTC: the offset at the guessed instant, refined once (DST edges).
      Millis utc = local - OffsetAt(*zone, local);
      utc = local - OffsetAt(*zone, utc);
      // When the clocks go back, the same local time comes twice: the first one opens. It is
      // the one with the offset in force before the change (half a day earlier).
      const Millis first = local - OffsetAt(*zone, local - kDay / 2);
      if (first < utc && first + OffsetAt(*zone, first) == local) utc = first;
      if (utc > at && (!best || utc < *best)) best = utc;
    }
  }
  return best;
}

std::optional<std::string> ValidateHours(const BusinessHours& hours) {
  if (Zone(hours.time_zone) == nullptr) return "unknown time zone: " + hours.time_zone;
  for (const auto& span : hours.weekly) {
    if (span.day < 1 || span.day > 7) return std::string("day must be 1 (Monday) to 7 (Sunday)");
    if (span.open_minute < 0 || span.close_minute > 24 * 60 ||
        span.open_minute >= span.close_minute) {
      return std::string("each span must open before it closes, within one day");
    }
  }
  for (const auto& date : hours.holidays) {
    unsigned y = 0, m = 0, d = 0;
    char tail = 0;
    // Exactly DDDD-DD-DD: scanf alone would also take " 2026-10-1" or "2026-+1-01", which never
    // equal a local date.
    bool shaped = date.size() == 10;
    for (std::size_t i = 0; shaped && i < date.size(); ++i) {
      shaped = (i == 4 || i == 7) ? date[i] == '-' : (date[i] >= '0' && date[i] <= '9');
    }
    if (!shaped || std::sscanf(date.c_str(), "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 ||
        !std::chrono::year_month_day{std::chrono::year(static_cast<int>(y)), std::chrono::month(m),
                                     std::chrono::day(d)}
             .ok()) {
      return "holidays must be dates like 2026-10-01: " + date;
    }
  }
  return std::nullopt;
}

std::optional<int> ParseMinuteOfDay(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (!digit(0) || !digit(1) || !digit(3) || !digit(4)) return std::nullopt;
  const int h = (text[0] - '0') * 10 + (text[1] - '0');
  const int m = (text[3] - '0') * 10 + (text[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::string FormatMinuteOfDay(int minute) {
  minute = std::clamp(minute, 0, 24 * 60);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", minute / 60, minute % 60);
  return buffer;
}

}  // namespace kefu::engine
