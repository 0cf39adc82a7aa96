// Business hours of a queue: whether an instant falls within them, and the next opening.
// Time zones come from ICU's database. Thread-safe (per-thread zone cache).
#pragma once

#include <optional>
#include <string>

#include "common/clock.hpp"
#include "engine/types.hpp"

namespace kefu::engine {

// Whether `at` (UTC) is within `hours`: a weekly span of the local weekday contains the local
// time, and the local date is not a holiday.
bool IsOpen(const BusinessHours& hours, Millis at);

// The first opening after `at` within the next 14 days, if any.
std::optional<Millis> NextOpening(const BusinessHours& hours, Millis at);

// Why `hours` is unusable (unknown time zone, day outside 1–7, a span that closes before it
// opens or after midnight, a malformed holiday), or nullopt when it is fine.
std::optional<std::string> ValidateHours(const BusinessHours& hours);

// "HH:MM" ↔ minutes after midnight (00:00–24:00). nullopt for anything else.
std::optional<int> ParseMinuteOfDay(std::string_view text);
std::string FormatMinuteOfDay(int minute);

}  // namespace kefu::engine
