// SQLite's default page cache with a truncate that does not walk the whole cache for nothing.
//
// At the end of every write transaction the pager truncates its page cache to the database's
// size (pcache1's xTruncate). The default cache visits the hash buckets between the limit and the
// largest page number it has held since its last truncate, or the whole hash table when that span
// is wider than the table. B-tree balancing swaps two pages' numbers through a temporary number,
// the lock-byte page's (262,145 with 4 KiB pages), so after nearly every commit that splits an
// index page the largest number held is far beyond the database, and the truncate reads every
// cached page's header — thousands of cache misses per commit with the writer's 64 MiB cache, to
// drop nothing (the swap has long put both pages back below the limit).
//
// The wrapper passes every call to SQLite's default cache and keeps, per cache, a bound on the
// page numbers that can be in it: the largest number a fetch may have created, and the numbers
// that rekeyed pages hold above it. A truncate whose limit is above that bound cannot drop a page
// and is skipped; any other truncate is passed on and lowers the bound.
//
// Thread-safety: a cache is used by one connection at a time, as SQLite's own.
#pragma once

#include <cstdint>

namespace kefu::storage::sqlite {

// Wraps SQLite's default page cache. Must run before SQLite initialises (the first Connection
// calls it); returns false, changing nothing, when SQLite had already initialised. Idempotent.
bool InstallPageCache();

struct PageCacheStats {
  std::uint64_t truncates_skipped = 0;
  std::uint64_t truncates_passed = 0;
};
// Process-wide counts since start (relaxed; for tests and diagnostics).
PageCacheStats GetPageCacheStats();

}  // namespace kefu::storage::sqlite
