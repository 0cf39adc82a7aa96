// Handoff rules: whether the bot should offer or make a transfer to a human agent, from the
// visitor's message and the conversation so far. Pure logic over a per-tenant policy.
// Thread-compatible: HandoffRules is immutable after construction, so const calls may run
// concurrently; HandoffState belongs to one conversation.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "text/normalizer.hpp"

namespace kefu::bot {

// A word or phrase of negative or angry tone and how strongly it counts.
struct ToneTerm {
  std::string phrase;
  double intensity = 1;
};

// Per-tenant configuration. Phrases are written as people type them; they are compared after
// normalisation, so 轉人工 and ＂转 人工＂ match 转人工.
struct HandoffPolicy {
  // Explicit requests for a person: transfer now.
  std::vector<std::string> request_phrases = {"转人工", "人工客服", "人工服务", "找人工",
                                              "真人",   "客服人员", "投诉"};
  // Consecutive unanswered questions (MatchBand::kUnknown) before offering a transfer, and
  // before transferring without asking. 0 disables the rule.
  int misses_to_offer = 2;
  int misses_to_transfer = 4;
  // A small lexicon of negative tone (docs/kb.md lists it and why it is small): intensities of
  // the matched phrases add up; at `tone_to_offer` the bot offers a person, at
  // `tone_to_transfer` it transfers.
  std::vector<ToneTerm> tone_lexicon = {
      {"垃圾", 2},     {"气死", 2},   {"什么破", 2},     {"破玩意", 2}, {"骗子", 2}, {"坑人", 2},
      {"投诉你们", 3}, {"举报", 2},   {"太差", 1.5},     {"差劲", 1.5}, {"无语", 1}, {"烦死", 1.5},
      {"搞什么", 1},   {"有病", 2},   {"滚", 2},         {"失望", 1},   {"生气", 1}, {"不满意", 1},
      {"没用", 1},     {"听不懂", 1}, {"答非所问", 1.5}, {"废物", 2},   {"混蛋", 3}, {"骗钱", 2},
  };
  double tone_to_offer = 2;
  double tone_to_transfer = 4;
};

enum class HandoffAction {
  kNone,           // the bot goes on
  kOfferTransfer,  // ask whether the visitor wants a person
  kTransferNow,    // queue the conversation for an agent
};

enum class HandoffReason {
  kNone,
  kExplicitRequest,     // the visitor asked for a person
  kConsecutiveMisses,   // the bot could not answer several times in a row
  kNotHelpfulFeedback,  // the visitor marked an answer as not helpful
  kNegativeTone,        // angry or negative words
};

struct HandoffDecision {
  HandoffAction action = HandoffAction::kNone;
  HandoffReason reason = HandoffReason::kNone;
  std::string detail;  // the phrase that matched, or the count: for the agent and the logs
};

// What the rules know about a conversation. Updated by the caller after each bot turn.
struct HandoffState {
  int consecutive_misses = 0;  // the current run of kUnknown answers
};

class HandoffRules {
 public:
  HandoffRules(std::shared_ptr<const text::Normalizer> normalizer, HandoffPolicy policy);

  // Decides for one visitor message. `missed` says whether the bot could not answer this
  // message (it is counted into state.consecutive_misses, and a hit resets the run).
  // The strongest action wins; at equal action, an explicit request, then tone, then misses.
  HandoffDecision OnMessage(std::string_view message, bool missed, HandoffState& state) const;

  // The visitor marked the bot's last answer as not helpful: offer a person.
  HandoffDecision OnNotHelpful() const;

  // The tone score of a message: the sum of the intensities of the lexicon phrases it contains.
  double ToneScore(std::string_view message) const;

 private:
  // Normalised form used for containment: no separators at all, so spacing cannot hide a
  // phrase.
  std::string Key(std::string_view text) const;

  std::shared_ptr<const text::Normalizer> normalizer_;
  HandoffPolicy policy_;
  std::vector<std::string> request_keys_;
  std::vector<std::pair<std::string, double>> tone_keys_;
};

std::string_view HandoffReasonName(HandoffReason reason);

}  // namespace kefu::bot
