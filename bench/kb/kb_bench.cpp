// kefu_kb_bench: ranking and suggestion latency against a 50,000-entry knowledge base, index
// build time and memory per entry. Release build only:
//   build/kb-release/bench/kb/kefu_kb_bench [--benchmark_filter=...]
// The knowledge base is bq-dev's 5,172 questions (KEFU_KB_DATA, default
// /work/shared/data/kb-eval/bq-dev) plus generated variants up to 50,000 entries: each variant
// wraps a question in customer-service chatter (greetings, fillers, trailing particles) and
// swaps one character for another drawn from the knowledge base's own characters, so that
// posting lists grow like a real knowledge base's. The queries are bq-dev's queries.
// Latency percentiles are measured per call and reported as counters (microseconds).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>

#include "bot/kb_eval.hpp"
#include "bot/kb_index.hpp"
#include "bot/matcher.hpp"
#include "text/utf8.hpp"

namespace kefu::bot {
namespace {

constexpr std::size_t kEntries = 50'000;

std::string DataDir() {
  const char* dir = std::getenv("KEFU_KB_DATA");
  return dir != nullptr ? dir : "/work/shared/data/kb-eval/bq-dev";
}

std::vector<std::string> SplitCodePoints(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t begin = pos;
    text::NextCodePoint(text, &pos);
    out.emplace_back(text.substr(begin, pos - begin));
  }
  return out;
}

std::vector<KbEntry> MakeKnowledgeBase(const std::vector<KbEntry>& seed) {
  static const char* const kPrefixes[] = {"",           "请问",     "你好，", "您好，请问",
                                          "我想问一下", "麻烦问下", "客服，"};
  static const char* const kSuffixes[] = {"", "？", "吗", "呢", "啊", "怎么办", "谢谢"};
  std::vector<std::string> characters;
  for (const auto& entry : seed) {
    for (auto& c : SplitCodePoints(entry.question)) characters.push_back(std::move(c));
  }
  std::mt19937 random(42);  // fixed: every run benchmarks the same knowledge base
  std::vector<KbEntry> entries = seed;
  while (entries.size() < kEntries) {
    const KbEntry& base = seed[random() % seed.size()];
    auto chars = SplitCodePoints(base.question);
    if (!chars.empty()) chars[random() % chars.size()] = characters[random() % characters.size()];
    std::string question = kPrefixes[random() % std::size(kPrefixes)];
    for (const auto& c : chars) question += c;
    question += kSuffixes[random() % std::size(kSuffixes)];
    KbEntry entry;
    entry.id = "gen" + std::to_string(entries.size());
    entry.question = std::move(question);
    entry.answer = base.answer;
    entries.push_back(std::move(entry));
  }
  return entries;
}

struct Fixture {
  std::shared_ptr<const text::Dictionary> dictionary;
  std::shared_ptr<Analyzer> analyzer;
  std::unique_ptr<KbIndex> index;
  std::vector<std::string> queries;
  double build_ms = 0;
};

Fixture& Shared() {
  static Fixture* fixture = [] {
    auto* f = new Fixture;
    auto seed = LoadKbJsonl(DataDir() + "/kb.jsonl");
    auto queries = LoadQueriesJsonl(DataDir() + "/queries.jsonl");
    auto dictionary = text::Dictionary::Load();
    auto normalizer = text::Normalizer::Create();
    if (!seed || !queries || !dictionary || !normalizer) {
      std::cerr << "kefu_kb_bench: needs bq-dev (KEFU_KB_DATA), the jieba dictionary and OpenCC\n";
      std::exit(2);
    }
    f->dictionary = *dictionary;
    f->analyzer = std::make_shared<Analyzer>(std::move(*normalizer),
                                             std::make_shared<text::Segmenter>(f->dictionary));
    auto entries = MakeKnowledgeBase(*seed);
    f->index = std::make_unique<KbIndex>(f->analyzer);
    const auto start = std::chrono::steady_clock::now();
    f->index->Build(std::move(entries));
    f->build_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    for (auto& query : *queries) f->queries.push_back(std::move(query.query));
    return f;
  }();
  return *fixture;
}

void ReportPercentiles(benchmark::State& state, std::vector<double>& micros) {
  if (micros.empty()) return;
  std::sort(micros.begin(), micros.end());
  auto at = [&](double p) {
    return micros[std::min(micros.size() - 1,
                           static_cast<std::size_t>(p * static_cast<double>(micros.size())))];
  };
  state.counters["p50_us"] = at(0.50);
  state.counters["p99_us"] = at(0.99);
  state.counters["max_us"] = micros.back();
}

void BM_Rank(benchmark::State& state) {
  Fixture& f = Shared();
  std::vector<double> micros;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    auto candidates = Matcher::Rank(*f.index, f.queries[i++ % f.queries.size()], 0, 10);
    benchmark::DoNotOptimize(candidates);
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
  }
  ReportPercentiles(state, micros);
  state.counters["entries"] = static_cast<double>(f.index->size());
}
BENCHMARK(BM_Rank)->Iterations(20'000);

void BM_Suggest(benchmark::State& state) {
  Fixture& f = Shared();
  // What a visitor types: the first 1, 2, 3, 4 characters of each query.
  std::vector<std::string> prefixes;
  for (const auto& query : f.queries) {
    const auto chars = SplitCodePoints(query);
    std::string prefix;
    for (std::size_t n = 0; n < std::min<std::size_t>(4, chars.size()); ++n) {
      prefix += chars[n];
      prefixes.push_back(prefix);
    }
  }
  std::vector<double> micros;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    auto suggestions = Matcher::Suggest(*f.index, prefixes[i++ % prefixes.size()], 0, 8);
    benchmark::DoNotOptimize(suggestions);
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
  }
  ReportPercentiles(state, micros);
}
BENCHMARK(BM_Suggest)->Iterations(20'000);

void BM_IndexMemory(benchmark::State& state) {
  Fixture& f = Shared();
  for (auto _ : state) benchmark::DoNotOptimize(f.index->MemoryBytes());
  state.counters["bytes_per_entry"] =
      static_cast<double>(f.index->MemoryBytes()) / static_cast<double>(f.index->size());
  state.counters["index_MiB"] = static_cast<double>(f.index->MemoryBytes()) / (1024.0 * 1024.0);
  state.counters["build_ms"] = f.build_ms;
}
BENCHMARK(BM_IndexMemory)->Iterations(1);

void BM_UpsertOne(benchmark::State& state) {
  Fixture& f = Shared();
  std::size_t i = 0;
  for (auto _ : state) {
    KbEntry entry;
    entry.id = "edit" + std::to_string(i % 100);
    entry.question = f.queries[i++ % f.queries.size()];
    f.index->Upsert(std::move(entry));
  }
}
BENCHMARK(BM_UpsertOne)->Iterations(2'000)->Unit(benchmark::kMicrosecond);

void BM_DictionaryLoad(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(text::Dictionary::Load());
  state.counters["MiB"] =
      static_cast<double>(Shared().dictionary->MemoryBytes()) / (1024.0 * 1024.0);
}
BENCHMARK(BM_DictionaryLoad)->Iterations(3)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace kefu::bot

BENCHMARK_MAIN();
