// Store: the durable state of every tenant. Writes are queued to one writer thread that commits
// them in groups (one transaction and one fsync for many writes); reads run on the caller's
// thread. Every method is scoped by tenant.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bot/kb_entry.hpp"
#include "common/histogram.hpp"
#include "common/result.hpp"
#include "engine/profile.hpp"
#include "engine/repeat_contact.hpp"
#include "engine/tenant_engine.hpp"
#include "storage/records.hpp"

namespace kefu::storage {

// Called on the writer thread once the write is durable (or failed). Must not block.
using Done = std::function<void(Result<void>)>;

// Shared by the writes of one tenant engine's lifetime. When one of them fails the guard trips
// and every later write carrying it fails too without touching the database, so that nothing
// built on state that never became durable is ever committed (the engine must be reloaded).
using WriteGuard = std::shared_ptr<std::atomic<bool>>;

struct StoreStats {
  std::atomic<std::uint64_t> commits{0};
  std::atomic<std::uint64_t> writes{0};  // individual writes committed
  std::atomic<std::uint64_t> events{0};  // conversation events committed
  std::atomic<std::uint64_t> failed_writes{0};
  std::atomic<std::uint64_t> max_batch{0};
  std::atomic<std::uint64_t> checkpoints{0};           // write-ahead log checkpoints run
  std::atomic<std::uint64_t> checkpoint_micros{0};     // total time in them (off the commit path)
  std::atomic<std::uint64_t> log_restarts{0};          // times the log was written from its start
  std::atomic<std::uint64_t> database_write_backs{0};  // checkpoints' pages written out by them
  std::atomic<std::uint64_t> folded_events{0};  // events moved from the log's tail into its indexes
  std::atomic<std::uint64_t> tail_events{0};    // events in the log's tail now (not yet folded)
  // Per commit: the transaction's duration, its fsync included (µs; its sum is the total time
  // in transactions), and its number of writes.
  BucketHistogram commit_latency{BucketHistogram::LatencyMicros()};
  BucketHistogram commit_writes{BucketHistogram::Sizes()};
  // Per write: from its submission to the start of the commit that carries it (µs).
  BucketHistogram commit_wait{BucketHistogram::LatencyMicros()};
};

class Store {
 public:
  virtual ~Store() = default;

  // --- Writes: asynchronous, durable when `done` is called with success. ---

  // Appends an outcome's events and updates the conversation projections it carries. The
  // store holds `outcome` until the write is applied and reads it from its writer: the caller
  // must not change it before `done` (the runtime publishes it afterwards, so nothing is
  // copied per message).
  virtual void AppendOutcome(const std::string& tenant_id,
                             std::shared_ptr<const engine::Outcome> outcome,
                             const WriteGuard& guard, Done done) = 0;
  // The same for an outcome the caller does not keep (tests, tools): the store copies it.
  void AppendOutcome(const std::string& tenant_id, const engine::Outcome& outcome,
                     const WriteGuard& guard, Done done) {
    AppendOutcome(tenant_id, std::make_shared<const engine::Outcome>(outcome), guard,
                  std::move(done));
  }
  // Completes after every write submitted before it is durable.
  virtual void Barrier(Done done) = 0;
  // What a sender's idempotency key was stored with, if it was (durably: the answer comes after
  // every write submitted before it), and an upper bound of every key the sender has stored
  // (byte order). The engine keeps keys in memory for a short while and asks here about older
  // ones.
  struct StoredKey {
    std::optional<engine::Ack> original;
    std::string sender_max;
  };
  virtual void FindCommandKey(const std::string& tenant_id, const std::string& sender_id,
                              const std::string& key,
                              std::function<void(Result<StoredKey>)> done) = 0;
  // kConflict if the slug exists.
  virtual void CreateTenant(const TenantRecord& tenant,
                            const std::vector<engine::QueueInfo>& queues, const UserRecord& admin,
                            Done done) = 0;
  // kConflict if the email exists in the tenant.
  virtual void CreateUser(const UserRecord& user, Done done) = 0;
  virtual void CreateQueue(const std::string& tenant_id, const engine::QueueInfo& queue,
                           Done done) = 0;
  // kNotFound if the tenant has no such queue.
  virtual void SetQueueBotFirst(const std::string& tenant_id, const std::string& queue_id,
                                bool bot_first, Done done) = 0;
  // Name, bot-first and routing of an existing queue. kNotFound.
  virtual void UpdateQueue(const std::string& tenant_id, const engine::QueueInfo& queue,
                           Done done) = 0;
  // Name, role, capacity, skills and queue memberships of an existing user. kNotFound.
  virtual void UpdateUser(const UserRecord& user, Done done) = 0;
  virtual void PutRoutingSettings(const std::string& tenant_id,
                                  const engine::RoutingSettings& settings, Done done) = 0;
  virtual void PutIdentitySecret(const std::string& tenant_id, const std::string& secret,
                                 Done done) = 0;
  virtual void AddLeftMessage(const LeftMessage& message, Done done) = 0;
  virtual void CreateSession(const SessionRecord& session, Done done) = 0;
  virtual void DeleteSession(const std::string& token_hash, Done done) = 0;
  virtual void CreateVisitor(const VisitorRecord& visitor, Done done) = 0;
  // Applies a checked patch (engine::CheckProfilePatch) to a visitor's profile at `at`, by `by`
  // (a staff member; none for a verified identity). A visitor that does not exist is created
  // named `create_as` (the patch's name first), or the write fails with kNotFound without one.
  virtual void PatchVisitorProfile(const std::string& tenant_id, const std::string& visitor_id,
                                   const engine::ProfilePatch& patch, Millis at,
                                   const std::optional<engine::Ref>& by,
                                   const std::optional<std::string>& create_as, Done done) = 0;

  // --- Canned replies (a new tenant starts with the default categories 问候, 致歉, 等待, 感谢 and
  // 结束语, added by the database when the tenant is created) ---

  // kConflict if the reply's scope (the team, or its owner) already has its code.
  virtual void CreateCannedReply(const std::string& tenant_id, const CannedReply& reply,
                                 Done done) = 0;
  // Replaces code, title, text and category of the reply with this id and owner (the scope
  // never changes). kNotFound if there is none, kConflict if the code is taken in the scope.
  virtual void UpdateCannedReply(const std::string& tenant_id, const CannedReply& reply,
                                 Done done) = 0;
  // kNotFound unless the tenant has a reply with this id and owner ("" for a team reply).
  virtual void DeleteCannedReply(const std::string& tenant_id, const std::string& reply_id,
                                 const std::string& owner_id, Done done) = 0;
  // An import, in one transaction: each reply replaces the one with the same code in its scope
  // (keeping that one's id) or is added with its own id.
  virtual void PutCannedReplies(const std::string& tenant_id, std::vector<CannedReply> replies,
                                Done done) = 0;
  // Added after the existing categories. kConflict if the name exists.
  virtual void CreateCannedCategory(const std::string& tenant_id, const CannedCategory& category,
                                    Done done) = 0;
  // kNotFound, or kConflict if another category has the name.
  virtual void RenameCannedCategory(const std::string& tenant_id, const std::string& category_id,
                                    const std::string& name, Done done) = 0;
  // Replies in the category (team and personal) become uncategorised. kNotFound.
  virtual void DeleteCannedCategory(const std::string& tenant_id, const std::string& category_id,
                                    Done done) = 0;

  // --- Knowledge base writes ---

  // Creates or replaces entries by id, all in one transaction (an import is one write). Lists
  // (similar questions, tags) must not contain newlines.
  virtual void PutKbEntries(const std::string& tenant_id, std::vector<bot::KbEntry> entries,
                            Millis at, Done done) = 0;
  // kNotFound if the tenant has no such entry.
  virtual void DeleteKbEntry(const std::string& tenant_id, const std::string& entry_id,
                             Done done) = 0;
  // kConflict if the category exists.
  virtual void CreateKbCategory(const std::string& tenant_id, const std::string& name,
                                Done done) = 0;
  // kNotFound if it does not exist, kConflict while entries use it.
  virtual void DeleteKbCategory(const std::string& tenant_id, const std::string& name,
                                Done done) = 0;
  // Counts one more ask of `gap.key` (count and first_at of `gap` are ignored).
  virtual void RecordKbGap(const std::string& tenant_id, const KbGap& gap, Done done) = 0;
  virtual void DeleteKbGap(const std::string& tenant_id, const std::string& key, Done done) = 0;
  virtual void RecordKbRating(const std::string& tenant_id, const std::string& entry_id,
                              bool helpful, Done done) = 0;
  // The tenant's bot settings, a JSON document the application reads and validates.
  virtual void PutBotSettings(const std::string& tenant_id, const std::string& json, Done done) = 0;

  // --- Reads: blocking; they see everything whose write has completed. ---

  virtual Result<std::optional<TenantRecord>> FindTenantBySlug(const std::string& slug) = 0;
  virtual Result<std::optional<TenantRecord>> FindTenant(const std::string& tenant_id) = 0;
  virtual Result<std::optional<UserRecord>> FindUserByEmail(const std::string& tenant_id,
                                                            const std::string& email) = 0;
  virtual Result<std::optional<UserRecord>> FindUser(const std::string& tenant_id,
                                                     const std::string& user_id) = 0;
  virtual Result<std::vector<UserRecord>> ListUsers(const std::string& tenant_id) = 0;
  virtual Result<std::optional<SessionRecord>> FindSession(const std::string& token_hash) = 0;
  virtual Result<std::optional<VisitorRecord>> FindVisitor(const std::string& tenant_id,
                                                           const std::string& visitor_id) = 0;
  virtual Result<std::optional<engine::CustomerProfile>> FindVisitorProfile(
      const std::string& tenant_id, const std::string& visitor_id) = 0;
  virtual Result<std::vector<engine::QueueInfo>> ListQueues(const std::string& tenant_id) = 0;
  // The team's replies and the personal ones of `viewer_id` (only the team's when it is empty),
  // by code; a personal reply comes before a team reply with the same code.
  virtual Result<std::vector<CannedReply>> ListCannedReplies(const std::string& tenant_id,
                                                             const std::string& viewer_id) = 0;
  // Any scope: callers check ownership.
  virtual Result<std::optional<CannedReply>> FindCannedReply(const std::string& tenant_id,
                                                             const std::string& reply_id) = 0;
  // By position, then name.
  virtual Result<std::vector<CannedCategory>> ListCannedCategories(
      const std::string& tenant_id) = 0;
  virtual Result<std::vector<bot::KbEntry>> ListKbEntries(const std::string& tenant_id) = 0;
  // Whether the tenant has any knowledge-base entry (self-service needs one).
  virtual Result<bool> HasKbEntries(const std::string& tenant_id) = 0;
  virtual Result<std::optional<bot::KbEntry>> FindKbEntry(const std::string& tenant_id,
                                                          const std::string& entry_id) = 0;
  virtual Result<std::vector<std::string>> ListKbCategories(const std::string& tenant_id) = 0;
  // Most asked first, at most `limit`.
  virtual Result<std::vector<KbGap>> ListKbGaps(const std::string& tenant_id,
                                                std::size_t limit) = 0;
  virtual Result<std::vector<KbRatings>> ListKbRatings(const std::string& tenant_id) = 0;
  virtual Result<std::optional<std::string>> FindBotSettings(const std::string& tenant_id) = 0;
  // Defaults until changed.
  virtual Result<engine::RoutingSettings> FindRoutingSettings(const std::string& tenant_id) = 0;
  virtual Result<std::optional<std::string>> FindIdentitySecret(const std::string& tenant_id) = 0;
  // Newest first, at most `limit`.
  virtual Result<std::vector<LeftMessage>> ListLeftMessages(const std::string& tenant_id,
                                                            std::size_t limit) = 0;

  // State to rebuild a tenant's engine: queues, staff, open conversations, and the idempotency
  // keys applied since `keys_since`.
  virtual Result<engine::RestoredState> LoadTenantState(const std::string& tenant_id,
                                                        Millis keys_since) = 0;
  // Events of one conversation with seq > after_seq, in order, at most `limit`.
  virtual Result<std::vector<engine::ConversationEvent>> EventsAfter(
      const std::string& tenant_id, const std::string& conversation_id, long after_seq,
      std::size_t limit) = 0;
  virtual Result<std::optional<engine::ConversationSnapshot>> FindConversation(
      const std::string& tenant_id, const std::string& conversation_id) = 0;
  // The visitor's most recent conversations, oldest first, at most `limit`.
  virtual Result<std::vector<engine::ConversationSnapshot>> VisitorConversations(
      const std::string& tenant_id, const std::string& visitor_id, std::size_t limit) = 0;

  // --- Inquiry classification (docs/protocol.md, "Inquiry classification") ---

  // Replaces the tenant's tree with `submitted` (engine::ReplaceTree: nodes that conversations
  // used and `submitted` leaves out are kept, disabled), in one transaction. kBadFrame with the
  // reason if the result is not a valid tree.
  virtual void PutClassificationTree(const std::string& tenant_id,
                                     std::vector<engine::ClassificationNode> submitted,
                                     Done done) = 0;
  virtual void PutClassificationSettings(const std::string& tenant_id,
                                         const engine::ClassificationSettings& settings,
                                         Done done) = 0;
  // Sets the classification and summary of a conversation (after its close). kNotFound.
  virtual void SetConversationClassification(const std::string& tenant_id,
                                             const std::string& conversation_id,
                                             const engine::ClassificationChoice& choice,
                                             Done done) = 0;
  // Parents before children, each level by order.
  virtual Result<std::vector<engine::ClassificationNode>> ListClassificationNodes(
      const std::string& tenant_id) = 0;
  // Defaults until changed.
  virtual Result<engine::ClassificationSettings> FindClassificationSettings(
      const std::string& tenant_id) = 0;
  // The tree and the settings, as the engine takes them.
  virtual Result<engine::ClassificationPolicy> FindClassificationPolicy(
      const std::string& tenant_id) = 0;
  // The visitor's conversations closed at or after `closed_since`, newest first, at most
  // `limit` (the repeat-contact rule's input).
  virtual Result<std::vector<engine::PastConversation>> ClosedConversationsOf(
      const std::string& tenant_id, const std::string& visitor_id, Millis closed_since,
      std::size_t limit) = 0;

  virtual const StoreStats& stats() const = 0;
};

}  // namespace kefu::storage
