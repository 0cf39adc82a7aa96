// The page cache wrapper (page_cache.hpp): commits after B-tree page swaps skip the truncate,
// and a truncate that must drop pages (growth undone by ROLLBACK TO) still reaches SQLite's
// cache; the data and the integrity check agree afterwards.
#include "storage/sqlite/page_cache.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/store_test_support.hpp"

namespace kefu::storage::sqlite {
namespace {

class PageCacheTest : public StoreFixture {
 protected:
  PageCacheTest() : StoreFixture("kefu-page-cache") {}

  // Random 40-character keys: inserts land all over the index, which splits pages and makes
  // the balancer swap page numbers.
  static std::string RandomKey(std::mt19937_64& random) {
    static constexpr char kAlphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    std::string key(40, ' ');
    for (char& c : key) c = kAlphabet[random() % (sizeof kAlphabet - 1)];
    return key;
  }

  static void Insert(Connection& db, std::mt19937_64& random, int rows, const std::string& tag) {
    for (int i = 0; i < rows; ++i) {
      auto stmt = db.Prepare("INSERT INTO t (k, tag, pad) VALUES (?, ?, ?)");
      stmt.Bind(1, RandomKey(random)).Bind(2, tag).Bind(3, std::string(200, 'x'));
      ASSERT_TRUE(stmt.Run());
    }
  }

  static void CreateTable(Connection& db) {
    ASSERT_TRUE(
        db.Exec("CREATE TABLE t (k TEXT NOT NULL, tag TEXT, pad TEXT);"
                "CREATE INDEX t_k ON t (k);"));
  }

  static std::int64_t Count(Connection& db, const std::string& sql) {
    auto stmt = db.Prepare(sql);
    auto row = stmt.Step();
    EXPECT_TRUE(row && *row);
    return stmt.Int(0);
  }

  static std::string IntegrityCheck(Connection& db) {
    auto stmt = db.Prepare("PRAGMA integrity_check");
    auto row = stmt.Step();
    EXPECT_TRUE(row && *row);
    return stmt.Text(0);
  }
};

TEST_F(PageCacheTest, CommitsAfterPageSwapsSkipTheTruncate) {
  Connection db(Path(), Connection::Role::kWriter);
  ASSERT_TRUE(InstallPageCache()) << "SQLite initialised before the first connection";
  CreateTable(db);
  std::mt19937_64 random(7);
  const PageCacheStats before = GetPageCacheStats();
  for (int commit = 0; commit < 100; ++commit) {
    ASSERT_TRUE(db.Exec("BEGIN"));
    Insert(db, random, 100, "kept");
    ASSERT_TRUE(db.Exec("COMMIT"));
  }
  const PageCacheStats after = GetPageCacheStats();
  // Every commit ends with a truncate to the database's size; with the index split hundreds of
  // times, SQLite's own cache would walk itself on most of them. Here none can drop a page.
  EXPECT_GE(after.truncates_skipped - before.truncates_skipped, 100u);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM t"), 10000);
  EXPECT_EQ(IntegrityCheck(db), "ok");
}

TEST_F(PageCacheTest, GrowthUndoneByRollbackToIsDroppedFromTheCache) {
  Connection db(Path(), Connection::Role::kWriter);
  CreateTable(db);
  std::mt19937_64 random(11);
  ASSERT_TRUE(db.Exec("BEGIN"));
  Insert(db, random, 500, "kept");
  ASSERT_TRUE(db.Exec("COMMIT"));
  const auto pages_before = Count(db, "PRAGMA page_count");

  const PageCacheStats before = GetPageCacheStats();
  for (int round = 0; round < 5; ++round) {
    // The savepoint grows the file by hundreds of pages, which ROLLBACK TO gives back: the
    // pages above the database's end are still cached, so the commit's truncate must reach
    // SQLite's cache to drop them.
    ASSERT_TRUE(db.Exec("BEGIN; SAVEPOINT grow"));
    Insert(db, random, 2000, "undone");
    ASSERT_GT(Count(db, "PRAGMA page_count"), pages_before + 100);
    ASSERT_TRUE(db.Exec("ROLLBACK TO grow; RELEASE grow"));
    Insert(db, random, 100, "kept");
    ASSERT_TRUE(db.Exec("COMMIT"));
  }
  const PageCacheStats after = GetPageCacheStats();
  EXPECT_GE(after.truncates_passed - before.truncates_passed, 5u);

  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM t WHERE tag = 'undone'"), 0);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM t WHERE tag = 'kept'"), 1000);
  EXPECT_EQ(IntegrityCheck(db), "ok");
  // A second connection reads the file, not this cache.
  Connection reader(Path());
  EXPECT_EQ(Count(reader, "SELECT COUNT(*) FROM t"), 1000);
  EXPECT_EQ(IntegrityCheck(reader), "ok");
}

}  // namespace
}  // namespace kefu::storage::sqlite
