// ShardedMap: a string-keyed hash map split into a fixed number of independent hash maps, so
// that growing it never rehashes more than one shard's entries at a time.
//
// Why: std::unordered_map rehashes all of its entries when it outgrows its buckets. A map that
// holds a busy day of entries (hundreds of thousands of command keys) then stops its thread for
// tens of milliseconds at each doubling — on a tenant's strand, every message of the tenant
// waits that long (measured: 33–37 ms at about 200,000 keys in bench/routing's
// BM_MessageExchange, against 1 ms with the maps presized). With 64 shards each doubling moves
// a 64th of the entries. Lookups cost one extra hash of the key.
//
// kStable chooses the shards: node-based maps (std::unordered_map) whose entries never move, or
// open-addressing ones (boost::unordered_flat_map) for small values looked up on every message:
// no node per entry and one probe of a metadata group instead of a walk along a bucket's chain
// (under S3, lookups in the engine's key map were ~5% of the I/O threads' samples). Entries of a
// flat shard move when it grows: a reference or pointer into it lasts only until the next insert.
//
// Not thread-safe (like the map it replaces).
#pragma once

#include <algorithm>
#include <array>
#include <boost/unordered/unordered_flat_map.hpp>
#include <cstddef>
#include <functional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>

namespace kefu {

template <typename Value, std::size_t kShards = 64, bool kStable = true>
class ShardedMap {
 public:
  // Null if absent. Valid until the key is erased (kStable) or the next insert.
  const Value* Find(const std::string& key) const {
    const auto& shard = ShardOf(key);
    auto it = shard.find(key);
    return it == shard.end() ? nullptr : &it->second;
  }

  Value* Find(const std::string& key) { return const_cast<Value*>(std::as_const(*this).Find(key)); }

  // The value under `key`, default-constructed if absent. References stay valid until the key
  // is erased (kStable: node-based shards) or the next insert.
  Value& operator[](const std::string& key) { return ShardOf(key)[key]; }

  // Inserts unless present; true if inserted.
  bool Insert(const std::string& key, Value value) {
    return ShardOf(key).emplace(key, std::move(value)).second;
  }

  // True if it was there.
  bool Erase(const std::string& key) { return ShardOf(key).erase(key) > 0; }

  std::size_t size() const {
    std::size_t total = 0;
    for (const auto& shard : shards_) total += shard.size();
    return total;
  }

  static constexpr std::size_t shard_count() { return kShards; }

  // Erases the entries of one shard for which `pred(key, value)` holds; returns how many. A map
  // can so be swept a shard at a time, without an order list per entry.
  template <typename Pred>
  std::size_t EraseIfInShard(std::size_t shard, Pred pred) {
    auto matches = [&](const auto& entry) { return pred(entry.first, entry.second); };
    if constexpr (kStable) {
      return std::erase_if(shards_[shard % kShards], matches);
    } else {
      return boost::unordered::erase_if(shards_[shard % kShards], matches);
    }
  }

  // The largest shard (a check that keys spread).
  std::size_t LargestShard() const {
    std::size_t largest = 0;
    for (const auto& shard : shards_) largest = std::max(largest, shard.size());
    return largest;
  }

 private:
  using Shard = std::conditional_t<kStable, std::unordered_map<std::string, Value>,
                                   boost::unordered_flat_map<std::string, Value>>;

  // The shard comes from the hash's high bits; each shard's buckets from the whole hash modulo
  // a prime, so the two choices do not correlate.
  static std::size_t Index(const std::string& key) {
    const std::size_t hash = std::hash<std::string>{}(key);
    return (hash >> (sizeof(std::size_t) * 8 - 16)) % kShards;
  }
  Shard& ShardOf(const std::string& key) { return shards_[Index(key)]; }
  const Shard& ShardOf(const std::string& key) const { return shards_[Index(key)]; }

  std::array<Shard, kShards> shards_;
};

}  // namespace kefu
