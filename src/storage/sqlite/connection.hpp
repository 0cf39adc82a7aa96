// A thin RAII layer over one sqlite3 connection and its prepared statements.
// Not thread-safe: one thread uses a Connection at a time.
#pragma once

#include <boost/unordered/unordered_flat_map.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace kefu::storage::sqlite {

class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();  // resets and clears bindings; the statement stays cached

  // Binding, 1-based. An empty optional binds NULL.
  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, double value);
  Statement& BindOptional(int index, const std::optional<std::string>& value);
  Statement& BindNullIfEmpty(int index, std::string_view value);
  // Binding a text without copying it (the binds above copy): `value` must stay alive and
  // unchanged until the statement is stepped for the last time, i.e. while this Statement
  // lives. For the writer's per-message statements, whose texts live in the outcome being
  // written: a copy per text was an allocation, a copy and a free inside SQLite, about a fifth
  // of the writer's instructions. Temporaries do not compile.
  Statement& BindRef(int index, std::string_view value);
  Statement& BindRefNullIfEmpty(int index, std::string_view value);
  Statement& BindRefOrNull(int index, std::optional<std::string_view> value);  // NULL if none
  Statement& BindRef(int index, std::string&&) = delete;
  Statement& BindRefNullIfEmpty(int index, std::string&&) = delete;

  // Steps once. True if a row is available, false when done; kUnavailable on error and
  // kConflict on a constraint violation.
  Result<bool> Step();
  // Steps to completion (for statements without rows).
  Result<void> Run();

  std::string Text(int column) const;
  std::int64_t Int(int column) const;
  double Double(int column) const;
  bool IsNull(int column) const;

 private:
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  // How a connection is used. In WAL mode a connection that starts a read after another one
  // committed drops its page cache and unmaps its memory map (SQLite's pager_reset), so only the
  // writer — which never sees its own commits as foreign — gains from a large cache and mmap;
  // for readers and the checkpointer, mmap turns every read after a commit into an munmap and
  // a TLB shootdown across all cores.
  enum class Role { kWriter, kReader };

  // Opens (creating if needed) the database at `path` in WAL mode with synchronous=FULL and
  // foreign keys on. Throws std::runtime_error on failure (a start-up failure).
  explicit Connection(const std::string& path, Role role = Role::kReader);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A cached prepared statement for `sql`. Throws on SQL that does not compile (a bug).
  Statement Prepare(const std::string& sql);
  // The same for a string literal, found by its address: no string built, hashed and compared
  // per call (the writer prepares several statements per message). A hit is checked against
  // the statement's text, so a reused buffer is never mistaken for another statement.
  template <std::size_t N>
  Statement Prepare(const char (&sql)[N]) {
    return PrepareLiteral(sql, N - 1);
  }
  // Executes one or more statements without results. kUnavailable/kConflict on failure.
  Result<void> Exec(const std::string& sql);

  sqlite3* handle() { return db_; }

 private:
  Statement PrepareLiteral(const char* sql, std::size_t size);

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;              // owns the statements
  boost::unordered_flat_map<const char*, sqlite3_stmt*> by_address_;  // literals' entries in it
};

}  // namespace kefu::storage::sqlite
