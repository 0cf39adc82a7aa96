#include "storage/sqlite/connection.hpp"

#include <sqlite3.h>

#include <cstring>
#include <stdexcept>

#include "storage/sqlite/batching_vfs.hpp"
#include "storage/sqlite/page_cache.hpp"

namespace kefu::storage::sqlite {
namespace {

Unexpected SqliteFailure(sqlite3* db, int rc) {
  const ErrorCode code =
      (rc & 0xff) == SQLITE_CONSTRAINT ? ErrorCode::kConflict : ErrorCode::kUnavailable;
  return Fail(code, std::string("sqlite: ") + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

// Process-wide settings that must precede SQLite's initialisation (the first open does it).
void ConfigureSqlite() {
  static const bool configured = [] {
    // Without memory statistics: with them every allocation and free inside SQLite takes a
    // process-wide mutex to count bytes (binding a text, stepping a statement), and nothing here
    // reads the counts. Fails harmlessly when SQLite has already initialised.
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    // page_cache.hpp says why.
    return InstallPageCache();
  }();
  (void)configured;
}

}  // namespace

Statement::~Statement() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Statement& Statement::Bind(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::Bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}

Statement& Statement::BindOptional(int index, const std::optional<std::string>& value) {
  if (value) return Bind(index, *value);
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Statement& Statement::BindNullIfEmpty(int index, std::string_view value) {
  if (!value.empty()) return Bind(index, value);
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Statement& Statement::BindRef(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  return *this;
}

Statement& Statement::BindRefNullIfEmpty(int index, std::string_view value) {
  if (!value.empty()) return BindRef(index, value);
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Statement& Statement::BindRefOrNull(int index, std::optional<std::string_view> value) {
  if (value) return BindRef(index, *value);
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteFailure(sqlite3_db_handle(stmt_), rc);
}

Result<void> Statement::Run() {
  for (;;) {
    auto row = Step();
    if (!row) return Unexpected{row.error()};
    if (!*row) return {};
  }
}

std::string Statement::Text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::int64_t Statement::Int(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

double Statement::Double(int column) const {
  return sqlite3_column_double(stmt_, column);
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Connection::Connection(const std::string& path, Role role) {
  // Before SQLite initialises (the VFS lookup below does).
  ConfigureSqlite();
  const int rc = sqlite3_open_v2(path.c_str(), &db_,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 BatchingVfsName());
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    throw std::runtime_error("cannot open database " + path + ": " + message);
  }
  sqlite3_busy_timeout(db_, 5000);
  // FULL: a commit returns only after the WAL is fsynced, so an acknowledged write survives
  // kill -9 and power loss.
  auto pragmas = Exec(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
      "PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=0;");
  // The store checkpoints on a thread of its own (see SqliteStore), never on the commit path.
  // Syscalls are what a message costs on the reference machine: for the writer a 64 MiB page
  // cache and memory-mapped reads keep hot pages out of pread. Readers keep SQLite's defaults
  // (see Role).
  if (pragmas && role == Role::kWriter) {
    pragmas = Exec("PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;");
  }
  if (!pragmas) throw std::runtime_error("cannot configure database: " + pragmas.error().message);
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Statement Connection::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      throw std::logic_error("bad SQL (" + std::string(sqlite3_errmsg(db_)) + "): " + sql);
    }
    it = cache_.emplace(sql, stmt).first;
  }
  return Statement(it->second);
}

Statement Connection::PrepareLiteral(const char* sql, std::size_t size) {
  if (auto it = by_address_.find(sql); it != by_address_.end()) {
    const char* text = sqlite3_sql(it->second);
    if (std::strncmp(text, sql, size) == 0 && text[size] == '\0') return Statement(it->second);
  }
  const std::string text(sql, size);
  (void)Prepare(text);  // compiles and caches it
  sqlite3_stmt* stmt = cache_.find(text)->second;
  by_address_.insert_or_assign(sql, stmt);
  return Statement(stmt);
}

Result<void> Connection::Exec(const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return {};
  std::string text = message ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  return Fail((rc & 0xff) == SQLITE_CONSTRAINT ? ErrorCode::kConflict : ErrorCode::kUnavailable,
              "sqlite: " + text);
}

}  // namespace kefu::storage::sqlite
