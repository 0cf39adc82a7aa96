#include "storage/sqlite/migrations.hpp"

#include <string>
#include <vector>

namespace kefu::storage::sqlite {
namespace {

struct Migration {
  int version;
  const char* sql;
};

// Every table carries tenant_id and every key starts with it: queries are always tenant-scoped.
const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> migrations = {
      {1, R"sql(
CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE users (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  id TEXT NOT NULL,
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('agent','supervisor','admin')),
  password_hash TEXT NOT NULL,
  capacity INTEGER NOT NULL,
  platform_admin INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, email)
);
CREATE TABLE queues (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  id TEXT NOT NULL,
  slug TEXT NOT NULL,
  name TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, slug)
);
CREATE TABLE queue_members (
  tenant_id TEXT NOT NULL,
  queue_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  PRIMARY KEY (tenant_id, queue_id, user_id),
  FOREIGN KEY (tenant_id, queue_id) REFERENCES queues(tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id)
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id)
);
CREATE TABLE visitors (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE conversations (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  visitor_id TEXT NOT NULL,
  visitor_name TEXT NOT NULL,
  queue_id TEXT NOT NULL,
  queue_name TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('new','queued','assigned','closed')),
  agent_id TEXT,
  agent_name TEXT,
  last_seq INTEGER NOT NULL,
  unread INTEGER NOT NULL,
  closed_by TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id)
) WITHOUT ROWID;
CREATE INDEX conversations_by_visitor ON conversations (tenant_id, visitor_id, created_at);
CREATE INDEX conversations_open ON conversations (tenant_id, state) WHERE state <> 'closed';
-- The append-only history of every conversation; the conversations table is its projection.
CREATE TABLE events (
  tenant_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  author_role TEXT NOT NULL,
  author_id TEXT NOT NULL,
  author_name TEXT NOT NULL,
  text TEXT NOT NULL,
  code TEXT,
  ref_id TEXT,
  ref_name TEXT,
  closed_by TEXT,
  sender_id TEXT,
  idempotency_key TEXT,
  PRIMARY KEY (tenant_id, conversation_id, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX events_idempotency ON events (tenant_id, sender_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX events_keys_by_time ON events (tenant_id, at) WHERE idempotency_key IS NOT NULL;
CREATE TABLE canned_replies (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  id TEXT NOT NULL,
  code TEXT NOT NULL,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code)
);
CREATE TABLE faq_entries (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  id TEXT NOT NULL,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  category TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
)sql"},
      // The knowledge base replaces the plain FAQ list: similar questions, tags, an enabled flag
      // and validity dates; categories of their own; the bot's gaps, ratings and settings.
      // Lists are stored one item per line (items never contain a newline).
      {2, R"sql(
CREATE TABLE kb_categories (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  PRIMARY KEY (tenant_id, name)
);
CREATE TABLE kb_entries (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  id TEXT NOT NULL,
  question TEXT NOT NULL,
  similar TEXT NOT NULL,
  answer TEXT NOT NULL,
  category TEXT NOT NULL,
  tags TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  valid_from INTEGER NOT NULL,
  valid_to INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
INSERT INTO kb_categories (tenant_id, name)
  SELECT DISTINCT tenant_id, category FROM faq_entries WHERE category <> '';
INSERT INTO kb_entries
  SELECT tenant_id, id, question, '', answer, category, '', 1, 0, 9223372036854775807, 0
  FROM faq_entries;
DROP TABLE faq_entries;
CREATE TABLE kb_gaps (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  key TEXT NOT NULL,
  question TEXT NOT NULL,
  count INTEGER NOT NULL,
  best_entry_id TEXT NOT NULL,
  best_confidence REAL NOT NULL,
  first_at INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, key)
);
CREATE TABLE kb_ratings (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  entry_id TEXT NOT NULL,
  helpful INTEGER NOT NULL,
  not_helpful INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, entry_id)
);
CREATE TABLE bot_settings (
  tenant_id TEXT PRIMARY KEY REFERENCES tenants(id),
  settings TEXT NOT NULL
);
)sql"},
      {3, R"sql(
-- The bot in conversations: bot-first queues, the structured part of bot messages (JSON, the
-- wire form of docs/protocol.md), and which answers were rated (each counts once).
ALTER TABLE queues ADD COLUMN bot_first INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN bot TEXT;
-- A CHECK constraint cannot be altered in SQLite: the table is rebuilt with the 'bot' state.
CREATE TABLE conversations_v3 (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  visitor_id TEXT NOT NULL,
  visitor_name TEXT NOT NULL,
  queue_id TEXT NOT NULL,
  queue_name TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('new','bot','queued','assigned','closed')),
  agent_id TEXT,
  agent_name TEXT,
  last_seq INTEGER NOT NULL,
  unread INTEGER NOT NULL,
  closed_by TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id)
) WITHOUT ROWID;
INSERT INTO conversations_v3 SELECT tenant_id, id, visitor_id, visitor_name, queue_id, queue_name,
  state, agent_id, agent_name, last_seq, unread, closed_by, created_at, updated_at
  FROM conversations;
DROP TABLE conversations;
ALTER TABLE conversations_v3 RENAME TO conversations;
CREATE INDEX conversations_by_visitor ON conversations (tenant_id, visitor_id, created_at);
CREATE INDEX conversations_open ON conversations (tenant_id, state) WHERE state <> 'closed';
CREATE TABLE kb_rated (
  tenant_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  entry_id TEXT NOT NULL,
  helpful INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, conversation_id, seq)
) WITHOUT ROWID;
)sql"},
      {4, R"sql(
-- Queueing and routing (docs/routing.md): queue routing and agents' skills (JSON, the REST
-- form), each conversation's priority and wait start, transfer/requeue details of events (JSON),
-- tenant routing settings and identity secret, messages left outside business hours.
ALTER TABLE queues ADD COLUMN routing TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN skills TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN queued_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN detail TEXT;
CREATE INDEX conversations_closed ON conversations (tenant_id, updated_at) WHERE state = 'closed';
CREATE TABLE tenant_settings (
  tenant_id TEXT PRIMARY KEY REFERENCES tenants(id),
  routing TEXT NOT NULL DEFAULT '',
  identity_secret TEXT
);
CREATE TABLE left_messages (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  id TEXT NOT NULL,
  queue_id TEXT NOT NULL,
  queue_name TEXT NOT NULL,
  visitor_id TEXT NOT NULL,
  visitor_name TEXT NOT NULL,
  name TEXT NOT NULL,
  contact TEXT NOT NULL,
  text TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX left_messages_by_time ON left_messages (tenant_id, at);
)sql"},
      {5, R"sql(
-- Canned replies (docs/protocol.md, "Canned replies"): per-tenant categories, and team or
-- personal scope. owner_id is '' for a team reply, else the owning agent: codes are unique per
-- scope, so an agent's personal /thx may shadow the team's /thx.
CREATE TABLE canned_categories (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, name)
);
-- Every tenant starts with the same editable defaults, existing ones now and new ones when
-- created (a trigger, so that every way of creating a tenant gets them).
CREATE TABLE canned_default_categories (id TEXT PRIMARY KEY, name TEXT NOT NULL, position INTEGER NOT NULL);
INSERT INTO canned_default_categories VALUES
  ('greeting', '问候', 1), ('apology', '致歉', 2), ('waiting', '等待', 3), ('thanks', '感谢', 4),
  ('closing', '结束语', 5);
INSERT INTO canned_categories (tenant_id, id, name, position)
  SELECT t.id, d.id, d.name, d.position FROM tenants t CROSS JOIN canned_default_categories d;
CREATE TRIGGER tenants_canned_categories AFTER INSERT ON tenants BEGIN
  INSERT INTO canned_categories (tenant_id, id, name, position)
    SELECT NEW.id, id, name, position FROM canned_default_categories;
END;
CREATE TABLE canned_replies_v5 (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  id TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  code TEXT NOT NULL,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  category_id TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, owner_id, code)
);
-- Existing replies become team replies; their category is guessed from the usual shortcuts and
-- titles, else they stay uncategorised.
INSERT INTO canned_replies_v5 (tenant_id, id, owner_id, code, title, text, category_id, updated_at)
  SELECT tenant_id, id, '', code, title, text,
    CASE
      WHEN lower(code) IN ('hi', 'hello', 'welcome') OR title LIKE '%问候%' OR title LIKE '%欢迎%'
        THEN 'greeting'
      WHEN lower(code) IN ('sorry', 'apology') OR title LIKE '%致歉%' OR title LIKE '%抱歉%'
        THEN 'apology'
      WHEN lower(code) IN ('wait', 'hold') OR title LIKE '%稍候%' OR title LIKE '%等待%'
        THEN 'waiting'
      WHEN lower(code) IN ('thx', 'thanks', 'ty') OR title LIKE '%感谢%' OR title LIKE '%谢谢%'
        THEN 'thanks'
      WHEN lower(code) IN ('bye', 'close', 'end') OR title LIKE '%结束%' OR title LIKE '%再见%'
        THEN 'closing'
      ELSE ''
    END,
    0
  FROM canned_replies;
DROP TABLE canned_replies;
ALTER TABLE canned_replies_v5 RENAME TO canned_replies;
CREATE INDEX canned_replies_by_category ON canned_replies (tenant_id, category_id);
)sql"},
      {6, R"sql(
-- Inquiry classification (docs/protocol.md, "Inquiry classification"): each tenant's tree (a
-- node used by a conversation is disabled, never deleted), the classification and summary of
-- each conversation, and the tenant's settings (JSON: required, repeat window).
CREATE TABLE classification_nodes (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  id TEXT NOT NULL,
  parent_id TEXT,
  name TEXT NOT NULL,
  position INTEGER NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, id)
) WITHOUT ROWID;
ALTER TABLE conversations ADD COLUMN classification_id TEXT;
ALTER TABLE conversations ADD COLUMN summary TEXT;
ALTER TABLE tenant_settings ADD COLUMN classification TEXT NOT NULL DEFAULT '';
CREATE INDEX conversations_by_classification ON conversations (tenant_id, classification_id)
  WHERE classification_id IS NOT NULL;
)sql"},
      {7, R"sql(
-- Customer profiles (docs/protocol.md, "Customer profile"): contact, VIP level, tags (one per
-- line), custom attributes (one "key<TAB>value" per line), the agents' note, the enterprise's user
-- id of a verified customer, and who changed the profile last.
ALTER TABLE visitors ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE visitors ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE visitors ADD COLUMN vip INTEGER NOT NULL DEFAULT 0;
ALTER TABLE visitors ADD COLUMN tags TEXT NOT NULL DEFAULT '';
ALTER TABLE visitors ADD COLUMN attributes TEXT NOT NULL DEFAULT '';
ALTER TABLE visitors ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE visitors ADD COLUMN user_id TEXT;
ALTER TABLE visitors ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE visitors ADD COLUMN updated_by_id TEXT;
ALTER TABLE visitors ADD COLUMN updated_by_name TEXT;
)sql"},
      {8, R"sql(
-- Events in commit order (docs/architecture.md, "Storage"): a commit appends to the log's last
-- page instead of writing a random leaf of a conversation-clustered table. The per-conversation
-- index is written later, many events of a conversation at a time ("folding"); the rows not yet
-- folded are those of event_log above event_log_fold.low that are missing from event_seqs.
CREATE TABLE event_log (
  id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  author_role TEXT NOT NULL,
  author_id TEXT NOT NULL,
  author_name TEXT NOT NULL,
  text TEXT NOT NULL,
  code TEXT,
  ref_id TEXT,
  ref_name TEXT,
  closed_by TEXT,
  sender_id TEXT,
  idempotency_key TEXT,
  bot TEXT,
  detail TEXT
);
CREATE TABLE event_seqs (
  tenant_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  log_id INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, conversation_id, seq)
) WITHOUT ROWID;
CREATE TABLE event_log_fold (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  low INTEGER NOT NULL
);
INSERT INTO event_log (tenant_id, conversation_id, seq, at, kind, author_role, author_id,
  author_name, text, code, ref_id, ref_name, closed_by, sender_id, idempotency_key, bot, detail)
  SELECT tenant_id, conversation_id, seq, at, kind, author_role, author_id, author_name, text,
    code, ref_id, ref_name, closed_by, sender_id, idempotency_key, bot, detail
  FROM events ORDER BY at, tenant_id, conversation_id, seq;
INSERT INTO event_seqs (tenant_id, conversation_id, seq, log_id)
  SELECT tenant_id, conversation_id, seq, id FROM event_log;
INSERT INTO event_log_fold (id, low) SELECT 1, COALESCE(MAX(id), 0) + 1 FROM event_log;
DROP TABLE events;
CREATE UNIQUE INDEX event_log_idempotency ON event_log (tenant_id, sender_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX event_log_keys_by_time ON event_log (tenant_id, at)
  WHERE idempotency_key IS NOT NULL;
-- The whole history under its old name, for reports and ad-hoc queries (read only).
CREATE VIEW events AS SELECT tenant_id, conversation_id, seq, at, kind, author_role, author_id,
  author_name, text, code, ref_id, ref_name, closed_by, sender_id, idempotency_key, bot, detail
  FROM event_log;
)sql"},
      {9, R"sql(
-- Senders' idempotency keys are folded like the per-conversation index: the writer checks a new
-- key against its unfolded tail (in memory) and this table, which gets a conversation's keys
-- when the conversation is folded, instead of a unique index leaf written per event.
CREATE TABLE event_keys (
  tenant_id TEXT NOT NULL,
  sender_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  log_id INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, sender_id, idempotency_key)
) WITHOUT ROWID;
INSERT INTO event_keys (tenant_id, sender_id, idempotency_key, log_id)
  SELECT l.tenant_id, l.sender_id, l.idempotency_key, l.id FROM event_log l
  JOIN event_seqs s ON s.tenant_id = l.tenant_id AND s.conversation_id = l.conversation_id
    AND s.seq = l.seq
  WHERE l.sender_id IS NOT NULL AND l.sender_id <> '' AND l.idempotency_key IS NOT NULL
    AND l.idempotency_key <> '';
DROP INDEX event_log_idempotency;
)sql"},
      {10, R"sql(
-- The keys applied lately are read at start from the log's newest rows, found by bisecting the
-- log's ids (commit order): this index cost a B-tree leaf written at nearly every commit.
DROP INDEX event_log_keys_by_time;
)sql"},
  };
  return migrations;
}

}  // namespace

Result<int> Migrate(Connection& db, int target) {
  if (auto r = db.Exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                       "version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
      !r) {
    return Unexpected{r.error()};
  }
  int current = 0;
  {
    auto stmt = db.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    auto row = stmt.Step();
    if (!row) return Unexpected{row.error()};
    current = static_cast<int>(stmt.Int(0));
  }
  for (const auto& migration : Migrations()) {
    if (migration.version <= current) continue;
    if (migration.version > target) break;
    // Each migration and its version row commit together or not at all.
    std::string sql = std::string("BEGIN IMMEDIATE;") + migration.sql +
                      "INSERT INTO schema_migrations VALUES (" + std::to_string(migration.version) +
                      ", CAST(strftime('%s','now') AS INTEGER) * 1000); COMMIT;";
    if (auto r = db.Exec(sql); !r) {
      (void)db.Exec("ROLLBACK");
      return Fail(r.error().code, "migration " + std::to_string(migration.version) +
                                      " failed: " + r.error().message);
    }
    current = migration.version;
  }
  return current;
}

}  // namespace kefu::storage::sqlite
