// KbEntry: one knowledge-base entry as the bot sees it. A value type (thread-compatible).
#pragma once

#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"

namespace kefu::bot {

struct KbEntry {
  std::string id;
  std::string question;              // the standard question
  std::vector<std::string> similar;  // other phrasings of the same question
  std::string answer;
  std::string category;
  std::vector<std::string> tags;
  bool enabled = true;
  Millis valid_from = 0;                                 // inclusive
  Millis valid_to = std::numeric_limits<Millis>::max();  // exclusive

  // Whether the entry may answer at `now`: enabled and within [valid_from, valid_to).
  bool ActiveAt(Millis now) const { return enabled && valid_from <= now && now < valid_to; }
};

// An entry's lists (similar questions, tags) one item per line — how storage keeps them and how
// a CSV cell holds them. Items never contain a newline (ValidateKbEntry enforces it).
std::string JoinLines(const std::vector<std::string>& items);
// The inverse: an empty text is an empty list.
std::vector<std::string> SplitLines(std::string_view text);

}  // namespace kefu::bot
