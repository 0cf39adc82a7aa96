#include "realtime/knowledge.hpp"

#include <algorithm>
#include <unordered_map>

#include "bot/analyzer.hpp"
#include "bot/handoff.hpp"
#include "bot/matcher.hpp"
#include "common/log.hpp"
#include "text/segmenter.hpp"
#include "text/utf8.hpp"

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

namespace {

// The tenant's synonyms for a matcher that compares characters: in folded text every variant
// of a group becomes the group's first (canonical) word, longest variant first, on both sides
// of every comparison (knowledge-base questions when indexed, visitor questions when asked).
class SynonymRewriter {
 public:
  SynonymRewriter(std::shared_ptr<const text::Normalizer> normalizer,
                  const std::vector<std::vector<std::string>>& groups)
      : normalizer_(std::move(normalizer)) {
    for (const auto& group : groups) {
      const std::string canonical = normalizer_->Fold(group.front());
      for (std::size_t i = 1; i < group.size(); ++i) {
        std::string variant = normalizer_->Fold(group[i]);
        if (variant.empty() || variant == canonical) continue;
        std::size_t pos = 0;
        text::NextCodePoint(variant, &pos);
        by_first_[variant.substr(0, pos)].emplace_back(std::move(variant), canonical);
      }
    }
    for (auto& [first, variants] : by_first_) {
      std::sort(variants.begin(), variants.end(),
                [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    }
  }

  bool active() const { return !by_first_.empty(); }

  std::string Rewrite(std::string_view input) const {
    const std::string folded = normalizer_->Fold(input);
    std::string out;
    out.reserve(folded.size());
    std::size_t pos = 0;
    while (pos < folded.size()) {
      std::size_t next = pos;
      text::NextCodePoint(folded, &next);
      bool replaced = false;
      if (auto it = by_first_.find(folded.substr(pos, next - pos)); it != by_first_.end()) {
        for (const auto& [variant, canonical] : it->second) {
          if (folded.compare(pos, variant.size(), variant) == 0) {
            out += canonical;
            pos += variant.size();
            replaced = true;
            break;
          }
        }
      }
      if (!replaced) {
        out.append(folded, pos, next - pos);
        pos = next;
      }
    }
    return out;
  }

  bot::KbEntry Rewrite(const bot::KbEntry& entry) const {
    bot::KbEntry copy = entry;
    copy.question = Rewrite(entry.question);
    for (auto& s : copy.similar) s = Rewrite(s);
    return copy;
  }

 private:
  std::shared_ptr<const text::Normalizer> normalizer_;
  // First character of a variant → (variant, canonical), longest variant first.
  std::unordered_map<std::string, std::vector<std::pair<std::string, std::string>>> by_first_;
};

}  // namespace

struct Knowledge::Model {
  bot::BotSettings settings;
  std::shared_ptr<const bot::Analyzer> analyzer;
  bot::KbIndex index;
  bot::HandoffRules rules;
  SynonymRewriter synonyms;
  // With synonyms the index holds rewritten copies; visitors and editors see the originals.
  std::unordered_map<std::string, bot::KbEntry> originals;

  Model(bot::BotSettings s, std::shared_ptr<const bot::Analyzer> a,
        const std::shared_ptr<const text::Normalizer>& normalizer)
      : settings(std::move(s)),
        analyzer(a),
        index(a),
        rules(normalizer, settings.handoff),
        synonyms(normalizer, settings.synonyms) {}

  std::string Query(std::string_view question) const {
    return synonyms.active() ? synonyms.Rewrite(question) : std::string(question);
  }
  const bot::KbEntry& Original(const bot::KbEntry* indexed) const {
    if (!synonyms.active()) return *indexed;
    auto it = originals.find(indexed->id);
    return it == originals.end() ? *indexed : it->second;
  }
  void Upsert(const bot::KbEntry& entry) {
    if (!synonyms.active()) {
      index.Upsert(entry);
      return;
    }
    originals[entry.id] = entry;
    index.Upsert(synonyms.Rewrite(entry));
  }
  void Remove(const std::string& id) {
    originals.erase(id);
    index.Remove(id);
  }
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
  if (model->synonyms.active()) {
    std::vector<bot::KbEntry> rewritten;
    rewritten.reserve(entries.size());
    for (auto& entry : entries) {
      rewritten.push_back(model->synonyms.Rewrite(entry));
      model->originals.emplace(entry.id, std::move(entry));
    }
    model->index.Build(std::move(rewritten));
  } else {
    model->index.Build(std::move(entries));
  }
  return model;
}

// The topic of a matched question: the answered entry's category, or, when the bot asks which
// question was meant, the category all its choices share. None when the bot knows no topic
// (a miss, or choices across categories): the conversation keeps its earlier one.
std::optional<engine::BotTopic> Knowledge::Topic(const Model& model,
                                                 const bot::MatchResult& match) {
  if (match.band == bot::MatchBand::kUnknown || match.candidates.empty()) return std::nullopt;
  const std::string& category = model.Original(match.candidates.front().entry).category;
  if (match.band == bot::MatchBand::kClarify) {
    for (const auto& candidate : match.candidates) {
      if (model.Original(candidate.entry).category != category) return std::nullopt;
    }
  }
  return engine::BotTopic{category, std::string(model.settings.RouteFor(category))};
}

engine::BotTurn Knowledge::Respond(std::string_view question, const engine::BotContext& context,
                                   Millis now) const {
  std::shared_lock lock(mutex_);
  const Model& model = *model_;
  const auto& settings = model.settings;
  engine::BotTurn turn;
  turn.bot_name = settings.name;

  const std::string query = model.Query(question);
  auto match = bot::Matcher::Match(model.index, query, now, settings.thresholds);
  auto answer = [&] {
    const auto& top = match.candidates.front();
    const bot::KbEntry& entry = model.Original(top.entry);
    engine::BotMessage reply;
    reply.text = entry.answer;
    reply.reply.kind = engine::BotReplyKind::kAnswer;
    reply.reply.entry_id = entry.id;
    reply.reply.question = entry.question;
    reply.reply.confidence = top.confidence;
    reply.reply.waiting = context.waiting;
    return reply;
  };
  if (context.waiting) {
    // Self-service beside the queue: a confident answer or nothing; the person waited for
    // reads the question either way, so no handoff logic and no knowledge gap.
    if (settings.answer_while_waiting && match.band == bot::MatchBand::kAnswer) {
      turn.messages.push_back(answer());
    }
    return turn;
  }
  turn.topic = Topic(model, match);
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
    case bot::MatchBand::kAnswer:
      reply = answer();
      break;
    case bot::MatchBand::kClarify:
      reply.text = settings.clarify_prompt;
      reply.reply.kind = engine::BotReplyKind::kClarify;
      for (const auto& candidate : match.candidates) {
        reply.reply.choices.push_back(
            {candidate.entry->id, model.Original(candidate.entry).question});
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
      auto ranked = bot::Matcher::Rank(model.index, query, now, 1);
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
  const Model& model = *model_;
  for (const auto& s : bot::Matcher::Suggest(model.index, model.Query(prefix), now, k)) {
    // Show the knowledge base's own wording of the question that matched.
    std::string shown = s.question;
    if (model.synonyms.active()) {
      const bot::KbEntry& original = model.Original(s.entry);
      const bot::KbEntry& indexed = *s.entry;
      if (indexed.question == s.question) {
        shown = original.question;
      } else {
        for (std::size_t i = 0; i < indexed.similar.size() && i < original.similar.size(); ++i) {
          if (indexed.similar[i] == s.question) shown = original.similar[i];
        }
      }
    }
    items.push_back({s.entry->id, std::move(shown)});
  }
  return items;
}

std::vector<KbHit> Knowledge::Search(std::string_view question, Millis now, std::size_t k) const {
  std::vector<KbHit> hits;
  std::shared_lock lock(mutex_);
  const Model& model = *model_;
  for (const auto& c : bot::Matcher::Rank(model.index, model.Query(question), now, k)) {
    hits.push_back({model.Original(c.entry), c.confidence});
  }
  return hits;
}

protocol::BotIntro Knowledge::Intro() const {
  std::shared_lock lock(mutex_);
  const auto& s = model_->settings;
  return {s.name, s.greeting, s.suggestions};
}

std::optional<protocol::SelfServiceIntro> Knowledge::SelfService() const {
  std::shared_lock lock(mutex_);
  const auto& s = model_->settings;
  if (!s.answer_while_waiting) return std::nullopt;
  return protocol::SelfServiceIntro{s.name, s.suggestions};
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
  model_->Upsert(entry);
}

void Knowledge::Remove(const std::string& entry_id) {
  std::lock_guard writer(rebuild_mutex_);
  std::unique_lock lock(mutex_);
  model_->Remove(entry_id);
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
