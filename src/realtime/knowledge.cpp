#include "realtime/knowledge.hpp"

#include <algorithm>

#include "bot/analyzer.hpp"
#include "bot/handoff.hpp"
#include "bot/matcher.hpp"
#include "common/log.hpp"
#include "text/segmenter.hpp"

namespace kefu::realtime {

Result<void> TextModels::Get(std::shared_ptr<const text::Normalizer>& normalizer,
                             std::shared_ptr<const text::Dictionary>& dictionary) {
  std::lock_guard lock(mutex_);
  if (!normalizer_) {
    auto created = text::Normalizer::Create();
    if (!created) return Unexpected{created.error()};
    normalizer_ = std::move(*created);
  }
  if (!dictionary_) {
    auto loaded = text::Dictionary::Load();
    if (!loaded) return Unexpected{loaded.error()};
    dictionary_ = std::move(*loaded);
    log::Info("event=text_models_loaded");
  }
  normalizer = normalizer_;
  dictionary = dictionary_;
  return {};
}

struct Knowledge::Model {
  bot::BotSettings settings;
  std::shared_ptr<const bot::Analyzer> analyzer;
  bot::KbIndex index;
  bot::HandoffRules rules;

  Model(bot::BotSettings s, std::shared_ptr<const bot::Analyzer> a,
        std::shared_ptr<const text::Normalizer> normalizer)
      : settings(std::move(s)), analyzer(a), index(a), rules(std::move(normalizer), settings.handoff) {}
};

Knowledge::Knowledge(std::shared_ptr<const text::Normalizer> normalizer,
                     std::shared_ptr<const text::Dictionary> dictionary, bot::BotSettings settings,
                     std::vector<bot::KbEntry> entries)
    : normalizer_(std::move(normalizer)), dictionary_(std::move(dictionary)) {
  model_ = Build(normalizer_, dictionary_, std::move(settings), std::move(entries));
}

Result<std::shared_ptr<Knowledge>> Knowledge::Load(TextModels& models, storage::Store& store,
                                                   const std::string& tenant_id) {
  std::shared_ptr<const text::Normalizer> normalizer;
  std::shared_ptr<const text::Dictionary> dictionary;
  if (auto r = models.Get(normalizer, dictionary); !r) return Unexpected{r.error()};
  auto entries = store.ListKbEntries(tenant_id);
  if (!entries) return Unexpected{entries.error()};
  auto stored = store.FindBotSettings(tenant_id);
  if (!stored) return Unexpected{stored.error()};
  bot::BotSettings settings;
  if (*stored) {
    auto parsed = bot::ParseBotSettings(**stored);
    if (parsed) {
      settings = std::move(*parsed);
    } else {
      // Only validated documents are stored; if one still fails, the bot runs on defaults
      // rather than not at all.
      log::Error("event=bot_settings_unreadable tenant={} error=\"{}\"", tenant_id,
                 parsed.error().message);
    }
  }
  const auto count = entries->size();
  auto knowledge = std::make_shared<Knowledge>(std::move(normalizer), std::move(dictionary),
                                               std::move(settings), std::move(*entries));
  log::Info("event=knowledge_loaded tenant={} entries={}", tenant_id, count);
  return knowledge;
}

std::shared_ptr<Knowledge::Model> Knowledge::Build(
    const std::shared_ptr<const text::Normalizer>& normalizer,
    const std::shared_ptr<const text::Dictionary>& dictionary, bot::BotSettings settings,
    std::vector<bot::KbEntry> entries) {
  auto segmenter = std::make_shared<text::Segmenter>(dictionary);
  for (const auto& word : settings.custom_words) {
    segmenter->AddWord(normalizer->NormalizeForMatching(word));
  }
  for (const auto& group : settings.synonyms) {
    const std::string canonical = normalizer->NormalizeForMatching(group.front());
    for (std::size_t i = 1; i < group.size(); ++i) {
      segmenter->AddSynonym(normalizer->NormalizeForMatching(group[i]), canonical);
    }
  }
  auto analyzer = std::make_shared<const bot::Analyzer>(normalizer, std::move(segmenter));
  auto model = std::make_shared<Model>(std::move(settings), analyzer, normalizer);
  model->index.Build(std::move(entries));
  return model;
}

engine::BotTurn Knowledge::Respond(std::string_view question, const engine::BotContext& context,
                                   Millis now) const {
  std::shared_lock lock(mutex_);
  const Model& model = *model_;
  const auto& settings = model.settings;
  engine::BotTurn turn;
  turn.bot_name = settings.name;

  auto match = bot::Matcher::Match(model.index, question, now, settings.thresholds);
  bot::HandoffState state{context.misses};
  const bool missed = match.band == bot::MatchBand::kUnknown;
  auto decision = model.rules.OnMessage(question, missed, state);
  turn.misses = state.consecutive_misses;

  auto handoff_message = [&](engine::BotReplyKind kind, const std::string& text) {
    engine::BotMessage message;
    message.text = text;
    message.reply.kind = kind;
    message.reply.reason = std::string(bot::HandoffReasonName(decision.reason));
    message.reply.detail = decision.detail;
    return message;
  };
  if (decision.action == bot::HandoffAction::kTransferNow &&
      decision.reason == bot::HandoffReason::kExplicitRequest) {
    // The visitor asked for a person: no answer first, and no knowledge gap.
    turn.messages.push_back(
        handoff_message(engine::BotReplyKind::kTransfer, settings.transfer_notice));
    turn.transfer = true;
    return turn;
  }

  engine::BotMessage reply;
  switch (match.band) {
    case bot::MatchBand::kAnswer: {
      const auto& top = match.candidates.front();
      reply.text = top.entry->answer;
      reply.reply.kind = engine::BotReplyKind::kAnswer;
      reply.reply.entry_id = top.entry->id;
      reply.reply.question = top.entry->question;
      reply.reply.confidence = top.confidence;
      break;
    }
    case bot::MatchBand::kClarify:
      reply.text = settings.clarify_prompt;
      reply.reply.kind = engine::BotReplyKind::kClarify;
      for (const auto& candidate : match.candidates) {
        reply.reply.choices.push_back({candidate.entry->id, candidate.entry->question});
      }
      break;
    case bot::MatchBand::kUnknown:
      reply.text = settings.unknown_reply;
      reply.reply.kind = engine::BotReplyKind::kUnknown;
      break;
  }
  turn.messages.push_back(std::move(reply));
  if (match.band != bot::MatchBand::kAnswer) {
    engine::KnowledgeGap gap;
    gap.key = normalizer_->NormalizeForMatching(question);
    gap.question = std::string(question);
    if (!match.candidates.empty()) {
      gap.best_entry_id = match.candidates.front().entry->id;
      gap.best_confidence = match.candidates.front().confidence;
    } else {
      auto ranked = bot::Matcher::Rank(model.index, question, now, 1);
      if (!ranked.empty()) {
        gap.best_entry_id = ranked.front().entry->id;
        gap.best_confidence = ranked.front().confidence;
      }
    }
    if (!gap.key.empty()) turn.gap = std::move(gap);
  }
  if (decision.action == bot::HandoffAction::kOfferTransfer) {
    turn.messages.push_back(handoff_message(engine::BotReplyKind::kOffer, settings.offer_prompt));
  } else if (decision.action == bot::HandoffAction::kTransferNow) {
    turn.messages.push_back(
        handoff_message(engine::BotReplyKind::kTransfer, settings.transfer_notice));
    turn.transfer = true;
  }
  return turn;
}

engine::BotMessage Knowledge::TransferNotice(std::string reason) const {
  std::shared_lock lock(mutex_);
  engine::BotMessage message;
  message.text = model_->settings.transfer_notice;
  message.reply.kind = engine::BotReplyKind::kTransfer;
  message.reply.reason = std::move(reason);
  return message;
}

engine::BotMessage Knowledge::NotHelpfulOffer() const {
  std::shared_lock lock(mutex_);
  engine::BotMessage message;
  message.text = model_->settings.offer_prompt;
  message.reply.kind = engine::BotReplyKind::kOffer;
  message.reply.reason =
      std::string(bot::HandoffReasonName(bot::HandoffReason::kNotHelpfulFeedback));
  return message;
}

std::vector<protocol::SuggestionItem> Knowledge::Suggest(std::string_view prefix, Millis now,
                                                         std::size_t k) const {
  std::vector<protocol::SuggestionItem> items;
  std::shared_lock lock(mutex_);
  if (!model_->settings.suggestions) return items;
  for (const auto& s : bot::Matcher::Suggest(model_->index, prefix, now, k)) {
    items.push_back({s.entry->id, s.question});
  }
  return items;
}

std::vector<KbHit> Knowledge::Search(std::string_view question, Millis now, std::size_t k) const {
  std::vector<KbHit> hits;
  std::shared_lock lock(mutex_);
  for (const auto& c : bot::Matcher::Rank(model_->index, question, now, k)) {
    hits.push_back({*c.entry, c.confidence});
  }
  return hits;
}

protocol::BotIntro Knowledge::Intro() const {
  std::shared_lock lock(mutex_);
  const auto& s = model_->settings;
  return {s.name, s.greeting, s.suggestions};
}

bot::BotSettings Knowledge::settings() const {
  std::shared_lock lock(mutex_);
  return model_->settings;
}

std::string Knowledge::bot_name() const {
  std::shared_lock lock(mutex_);
  return model_->settings.name;
}

std::string Knowledge::Normalize(std::string_view text) const {
  return normalizer_->NormalizeForMatching(text);
}

void Knowledge::Upsert(const bot::KbEntry& entry) {
  std::lock_guard writer(rebuild_mutex_);
  std::unique_lock lock(mutex_);
  model_->index.Upsert(entry);
}

void Knowledge::Remove(const std::string& entry_id) {
  std::lock_guard writer(rebuild_mutex_);
  std::unique_lock lock(mutex_);
  model_->index.Remove(entry_id);
}

void Knowledge::Rebuild(std::vector<bot::KbEntry> entries) {
  std::lock_guard writer(rebuild_mutex_);
  auto current = settings();
  // Built without the lock: visitors keep getting answers from the old index meanwhile.
  auto model = Build(normalizer_, dictionary_, std::move(current), std::move(entries));
  std::unique_lock lock(mutex_);
  model_ = std::move(model);
}

void Knowledge::SetSettings(bot::BotSettings settings, std::vector<bot::KbEntry> entries) {
  std::lock_guard writer(rebuild_mutex_);
  auto model = Build(normalizer_, dictionary_, std::move(settings), std::move(entries));
  std::unique_lock lock(mutex_);
  model_ = std::move(model);
}

}  // namespace kefu::realtime
