// Knowledge: one tenant's bot at run time — the knowledge-base index, the analyzer with the
// tenant's words and synonyms, the bot settings and handoff rules — and the text models every
// tenant shares (normaliser, jieba dictionary), loaded once per process on first use.
//
// Thread-safe: queries take a shared lock and copy what they return; changes (after the store
// has made them durable) take the exclusive lock only to swap or patch the index.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "bot/bot_settings.hpp"
#include "bot/kb_entry.hpp"
#include "bot/kb_index.hpp"
#include "bot/matcher.hpp"
#include "common/result.hpp"
#include "engine/tenant_engine.hpp"
#include "protocol/codec.hpp"
#include "storage/store.hpp"
#include "text/dictionary.hpp"
#include "text/normalizer.hpp"

namespace kefu::realtime {

// The process-wide text models. Loading reads OpenCC's and jieba's data (a few hundred ms):
// call Get() from the blocking pool.
class TextModels {
 public:
  Result<void> Get(std::shared_ptr<const text::Normalizer>& normalizer,
                   std::shared_ptr<const text::Dictionary>& dictionary);

 private:
  std::mutex mutex_;
  std::shared_ptr<const text::Normalizer> normalizer_;
  std::shared_ptr<const text::Dictionary> dictionary_;
};

// One search hit for the REST API (agent assist, "add as similar", the admin search box).
struct KbHit {
  bot::KbEntry entry;
  double confidence = 0;
};

class Knowledge {
 public:
  // Loads the tenant's entries and settings from the store. Blocking.
  static Result<std::shared_ptr<Knowledge>> Load(TextModels& models, storage::Store& store,
                                                 const std::string& tenant_id);

  // The bot's turn for a visitor message (see engine::BotTurn).
  engine::BotTurn Respond(std::string_view question, const engine::BotContext& context,
                          Millis now) const;
  // The bot's transfer message when the visitor presses the button.
  engine::BotMessage TransferNotice(std::string reason) const;
  // The bot's offer of a person after an answer was rated not helpful.
  engine::BotMessage NotHelpfulOffer() const;

  // Up to `k` questions for what the visitor is typing (empty when suggestions are off).
  std::vector<protocol::SuggestionItem> Suggest(std::string_view prefix, Millis now,
                                                std::size_t k) const;
  // The best active entries for a question, best first.
  std::vector<KbHit> Search(std::string_view question, Millis now, std::size_t k) const;

  // What the visitor's welcome says about the bot.
  protocol::BotIntro Intro() const;
  // What it says about self-service while waiting (none when the tenant turned it off).
  std::optional<protocol::SelfServiceIntro> SelfService() const;
  bot::BotSettings settings() const;
  std::string bot_name() const;
  // The matching form of a question (what gaps and duplicate checks compare).
  std::string Normalize(std::string_view text) const;

  // Changes already made durable by the caller.
  void Upsert(const bot::KbEntry& entry);
  void Remove(const std::string& entry_id);
  void Rebuild(std::vector<bot::KbEntry> entries);
  // The analyzer depends on the tenant's words and synonyms: the index is rebuilt from
  // `entries` (the tenant's whole knowledge base).
  void SetSettings(bot::BotSettings settings, std::vector<bot::KbEntry> entries);

  Knowledge(std::shared_ptr<const text::Normalizer> normalizer,
            std::shared_ptr<const text::Dictionary> dictionary, bot::BotSettings settings,
            std::vector<bot::KbEntry> entries);

 private:
  struct Model;
  static std::optional<engine::BotTopic> Topic(const Model& model, const bot::MatchResult& match);
  static std::shared_ptr<Model> Build(const std::shared_ptr<const text::Normalizer>& normalizer,
                                      const std::shared_ptr<const text::Dictionary>& dictionary,
                                      bot::BotSettings settings, std::vector<bot::KbEntry> entries);

  std::shared_ptr<const text::Normalizer> normalizer_;
  std::shared_ptr<const text::Dictionary> dictionary_;
  mutable std::shared_mutex mutex_;
  std::shared_ptr<Model> model_;  // replaced whole by SetSettings/Rebuild; patched by Upsert
  std::mutex rebuild_mutex_;      // serialises writers
};

}  // namespace kefu::realtime
