#include "storage/sqlite/page_cache.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <new>
#include <vector>

#include "common/log.hpp"

namespace kefu::storage::sqlite {
namespace {

sqlite3_pcache_methods2 defaults;  // SQLite's own cache, which every call ends in
std::atomic<std::uint64_t> skipped{0};
std::atomic<std::uint64_t> passed{0};

struct Cache {
  sqlite3_pcache* inner;
  // Every page in the cache has a number ≤ created_max or in moved.
  unsigned created_max = 0;     // the largest number a fetch may have created
  std::vector<unsigned> moved;  // numbers above created_max that rekeyed pages were given
};

Cache* Of(sqlite3_pcache* cache) {
  return reinterpret_cast<Cache*>(cache);
}

int Init(void*) {
  return defaults.xInit(defaults.pArg);
}

void Shutdown(void*) {
  if (defaults.xShutdown != nullptr) defaults.xShutdown(defaults.pArg);
}

sqlite3_pcache* Create(int page_size, int extra_size, int purgeable) {
  sqlite3_pcache* inner = defaults.xCreate(page_size, extra_size, purgeable);
  if (inner == nullptr) return nullptr;
  auto* cache = new (std::nothrow) Cache{inner, 0, {}};
  if (cache == nullptr) {
    defaults.xDestroy(inner);
    return nullptr;
  }
  return reinterpret_cast<sqlite3_pcache*>(cache);
}

void Cachesize(sqlite3_pcache* cache, int pages) {
  defaults.xCachesize(Of(cache)->inner, pages);
}

int Pagecount(sqlite3_pcache* cache) {
  return defaults.xPagecount(Of(cache)->inner);
}

sqlite3_pcache_page* Fetch(sqlite3_pcache* cache, unsigned key, int create) {
  Cache* c = Of(cache);
  sqlite3_pcache_page* page = defaults.xFetch(c->inner, key, create);
  // Without create, a page returned was already in the cache, so already within the bound.
  if (page != nullptr && create != 0) c->created_max = std::max(c->created_max, key);
  return page;
}

void Unpin(sqlite3_pcache* cache, sqlite3_pcache_page* page, int discard) {
  defaults.xUnpin(Of(cache)->inner, page, discard);
}

void Rekey(sqlite3_pcache* cache, sqlite3_pcache_page* page, unsigned old_key, unsigned new_key) {
  Cache* c = Of(cache);
  defaults.xRekey(c->inner, page, old_key, new_key);
  if (auto it = std::find(c->moved.begin(), c->moved.end(), old_key); it != c->moved.end()) {
    c->moved.erase(it);
  }
  if (new_key > c->created_max) c->moved.push_back(new_key);
}

// Drops every page numbered limit or more.
void Truncate(sqlite3_pcache* cache, unsigned limit) {
  Cache* c = Of(cache);
  unsigned bound = c->created_max;
  for (const unsigned key : c->moved) bound = std::max(bound, key);
  if (bound < limit) {
    skipped.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  passed.fetch_add(1, std::memory_order_relaxed);
  defaults.xTruncate(c->inner, limit);
  if (c->created_max >= limit) c->created_max = limit > 0 ? limit - 1 : 0;
  std::erase_if(c->moved, [limit](unsigned key) { return key >= limit; });
}

void Destroy(sqlite3_pcache* cache) {
  Cache* c = Of(cache);
  defaults.xDestroy(c->inner);
  delete c;
}

void Shrink(sqlite3_pcache* cache) {
  if (defaults.xShrink != nullptr) defaults.xShrink(Of(cache)->inner);
}

bool Install() {
  sqlite3_pcache_methods2 current{};
  if (sqlite3_config(SQLITE_CONFIG_GETPCACHE2, &current) != SQLITE_OK ||
      current.xCreate == nullptr) {
    return false;
  }
  defaults = current;
  sqlite3_pcache_methods2 wrapped{};
  wrapped.iVersion = 1;
  wrapped.xInit = Init;
  wrapped.xShutdown = Shutdown;
  wrapped.xCreate = Create;
  wrapped.xCachesize = Cachesize;
  wrapped.xPagecount = Pagecount;
  wrapped.xFetch = Fetch;
  wrapped.xUnpin = Unpin;
  wrapped.xRekey = Rekey;
  wrapped.xTruncate = Truncate;
  wrapped.xDestroy = Destroy;
  wrapped.xShrink = Shrink;
  return sqlite3_config(SQLITE_CONFIG_PCACHE2, &wrapped) == SQLITE_OK;
}

}  // namespace

bool InstallPageCache() {
  static const bool installed = [] {
    const bool ok = Install();
    // Correct either way; without it commits are slower (page_cache.hpp).
    if (!ok) log::Warn("event=page_cache_default reason=\"sqlite initialised before it\"");
    return ok;
  }();
  return installed;
}

PageCacheStats GetPageCacheStats() {
  return PageCacheStats{skipped.load(std::memory_order_relaxed),
                        passed.load(std::memory_order_relaxed)};
}

}  // namespace kefu::storage::sqlite
