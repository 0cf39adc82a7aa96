#include "bot/handoff.hpp"

#include <algorithm>

namespace kefu::bot {

HandoffRules::HandoffRules(std::shared_ptr<const text::Normalizer> normalizer, HandoffPolicy policy)
    : normalizer_(std::move(normalizer)), policy_(std::move(policy)) {
  for (const auto& phrase : policy_.request_phrases) {
    if (std::string key = Key(phrase); !key.empty()) request_keys_.push_back(std::move(key));
  }
  for (const auto& term : policy_.tone_lexicon) {
    if (std::string key = Key(term.phrase); !key.empty()) {
      tone_keys_.emplace_back(std::move(key), term.intensity);
    }
  }
  // Longest first, so that 投诉你们 is reported (and counted) rather than a shorter phrase
  // inside it.
  auto longer = [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); };
  std::stable_sort(tone_keys_.begin(), tone_keys_.end(), longer);
}

std::string HandoffRules::Key(std::string_view text) const {
  std::string key = normalizer_->NormalizeForMatching(text);
  std::erase(key, ' ');
  return key;
}

double HandoffRules::ToneScore(std::string_view message) const {
  std::string key = Key(message);
  double score = 0;
  for (const auto& [phrase, intensity] : tone_keys_) {
    // Blank out what matched, so a phrase inside a longer matched one is not counted twice.
    for (auto at = key.find(phrase); at != std::string::npos; at = key.find(phrase, at)) {
      score += intensity;
      key.replace(at, phrase.size(), phrase.size(), ' ');
    }
  }
  return score;
}

HandoffDecision HandoffRules::OnMessage(std::string_view message, bool missed,
                                        HandoffState& state) const {
  state.consecutive_misses = missed ? state.consecutive_misses + 1 : 0;
  const std::string key = Key(message);
  for (const auto& phrase : request_keys_) {
    if (key.find(phrase) != std::string::npos) {
      return HandoffDecision{HandoffAction::kTransferNow, HandoffReason::kExplicitRequest, phrase};
    }
  }
  HandoffDecision decision;
  auto consider = [&decision](HandoffAction action, HandoffReason reason, std::string detail) {
    if (action > decision.action) decision = HandoffDecision{action, reason, std::move(detail)};
  };
  if (const double tone = ToneScore(message); tone > 0) {
    const std::string detail = "tone " + std::to_string(tone);
    if (tone >= policy_.tone_to_transfer) {
      consider(HandoffAction::kTransferNow, HandoffReason::kNegativeTone, detail);
    } else if (tone >= policy_.tone_to_offer) {
      consider(HandoffAction::kOfferTransfer, HandoffReason::kNegativeTone, detail);
    }
  }
  const int misses = state.consecutive_misses;
  const std::string detail = std::to_string(misses) + " misses";
  if (policy_.misses_to_transfer > 0 && misses >= policy_.misses_to_transfer) {
    consider(HandoffAction::kTransferNow, HandoffReason::kConsecutiveMisses, detail);
  } else if (policy_.misses_to_offer > 0 && misses >= policy_.misses_to_offer) {
    consider(HandoffAction::kOfferTransfer, HandoffReason::kConsecutiveMisses, detail);
  }
  return decision;
}

HandoffDecision HandoffRules::OnNotHelpful() const {
  return HandoffDecision{HandoffAction::kOfferTransfer, HandoffReason::kNotHelpfulFeedback,
                         "not helpful"};
}

std::string_view HandoffReasonName(HandoffReason reason) {
  switch (reason) {
    case HandoffReason::kNone:
      return "none";
    case HandoffReason::kExplicitRequest:
      return "explicit_request";
    case HandoffReason::kConsecutiveMisses:
      return "consecutive_misses";
    case HandoffReason::kNotHelpfulFeedback:
      return "not_helpful";
    case HandoffReason::kNegativeTone:
      return "negative_tone";
  }
  return "none";
}

}  // namespace kefu::bot
