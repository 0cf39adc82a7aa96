// BoundedMemo: a string-keyed map that holds at most `capacity` entries and forgets the ones put
// or touched longest ago first.
//
// Why: a cache on a tenant's strand must neither grow without bound nor stop the strand to shed
// entries. Each Put or Touch evicts at most a few entries (amortised O(1)); the entries live in a
// ShardedMap, so growth never rehashes everything at once either.
//
// Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <utility>

#include "common/sharded_map.hpp"

namespace kefu {

template <typename Value>
class BoundedMemo {
 public:
  explicit BoundedMemo(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

  // Null if absent. Valid until the next Put, Touch or Erase.
  Value* Find(const std::string& key) {
    auto* entry = entries_.Find(key);
    return entry ? &entry->value : nullptr;
  }

  // Inserts or replaces; the entry becomes the newest.
  void Put(const std::string& key, Value value) {
    auto& entry = entries_[key];
    entry.value = std::move(value);
    Renew(key, entry);
  }

  // Makes a present entry the newest; false if absent.
  bool Touch(const std::string& key) {
    auto* entry = entries_.Find(key);
    if (!entry) return false;
    Renew(key, *entry);
    return true;
  }

  bool Erase(const std::string& key) { return entries_.Erase(key); }

  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    Value value;
    std::uint64_t stamp = 0;
  };

  void Renew(const std::string& key, Entry& entry) {
    entry.stamp = ++clock_;
    order_.emplace_back(key, entry.stamp);
    // The order keeps one record per Put or Touch; records of entries renewed or erased since
    // are stale and dropped as they come up. Keeping it under twice the capacity bounds it.
    while (entries_.size() > capacity_ || order_.size() > 2 * capacity_) {
      auto [oldest, stamp] = std::move(order_.front());
      order_.pop_front();
      if (const auto* found = entries_.Find(oldest); found && found->stamp == stamp) {
        entries_.Erase(oldest);
      }
    }
  }

  std::size_t capacity_;
  std::uint64_t clock_ = 0;
  ShardedMap<Entry> entries_;
  std::deque<std::pair<std::string, std::uint64_t>> order_;
};

}  // namespace kefu
