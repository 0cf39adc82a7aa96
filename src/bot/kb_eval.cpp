#include "bot/kb_eval.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <optional>
#include <unordered_set>

#include "bot/kb_index.hpp"
#include "bot/matcher.hpp"
#include "bot/threshold_fit.hpp"

namespace kefu::bot {
namespace {

namespace json = boost::json;
using SteadyClock = std::chrono::steady_clock;

double MillisSince(SteadyClock::time_point start) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

// Resident memory of this process in bytes (Linux), 0 when unknown.
double ResidentBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmRSS:")) return std::stod(line.substr(6)) * 1024;
  }
  return 0;
}

Unexpected LineError(const std::string& path, std::size_t line, ErrorCode code,
                     const std::string& what) {
  return Fail(code, path + ":" + std::to_string(line) + ": " + what);
}

// Calls parse_object(object, line_number) for each non-blank line of a JSON Lines file.
template <typename ParseObject>
Result<void> ForEachJsonLine(const std::string& path, ParseObject parse_object) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, "cannot read " + path);
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    boost::system::error_code ec;
    json::value value = json::parse(line, ec);
    if (ec) return LineError(path, number, ErrorCode::kBadJson, "not JSON: " + ec.message());
    if (!value.is_object()) {
      return LineError(path, number, ErrorCode::kBadJson, "expected a JSON object");
    }
    if (auto parsed = parse_object(value.as_object(), number); !parsed) return parsed;
  }
  return {};
}

// The string member `key`, or an error naming it. Absent optional members give "".
Result<std::string> StringMember(const json::object& object, std::string_view key, bool required) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) {
    if (required) return Fail(ErrorCode::kBadFrame, "missing \"" + std::string(key) + "\"");
    return std::string();
  }
  if (!value->is_string()) {
    return Fail(ErrorCode::kBadFrame, "\"" + std::string(key) + "\" must be a string");
  }
  return std::string(value->as_string());
}

Result<std::vector<std::string>> StringArrayMember(const json::object& object,
                                                   std::string_view key) {
  std::vector<std::string> out;
  const json::value* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) return out;
  if (!value->is_array()) {
    return Fail(ErrorCode::kBadFrame, "\"" + std::string(key) + "\" must be an array of strings");
  }
  for (const json::value& item : value->as_array()) {
    if (!item.is_string()) {
      return Fail(ErrorCode::kBadFrame, "\"" + std::string(key) + "\" must be an array of strings");
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

double Percentile(std::vector<double> sorted_values, double p) {
  if (sorted_values.empty()) return 0;
  std::sort(sorted_values.begin(), sorted_values.end());
  const auto rank =
      static_cast<std::size_t>(p * static_cast<double>(sorted_values.size() - 1) + 0.5);
  return sorted_values[std::min(rank, sorted_values.size() - 1)];
}

}  // namespace

Result<std::vector<KbEntry>> LoadKbJsonl(const std::string& path) {
  std::vector<KbEntry> entries;
  auto loaded =
      ForEachJsonLine(path, [&](const json::object& object, std::size_t line) -> Result<void> {
        KbEntry entry;
        auto fail = [&](const Error& error) {
          return LineError(path, line, error.code, error.message);
        };
        auto id = StringMember(object, "id", true);
        if (!id) return fail(id.error());
        auto question = StringMember(object, "question", true);
        if (!question) return fail(question.error());
        auto answer = StringMember(object, "answer", false);
        if (!answer) return fail(answer.error());
        auto category = StringMember(object, "category", false);
        if (!category) return fail(category.error());
        auto similar = StringArrayMember(object, "similar");
        if (!similar) return fail(similar.error());
        auto tags = StringArrayMember(object, "tags");
        if (!tags) return fail(tags.error());
        if (const json::value* enabled = object.if_contains("enabled")) {
          if (!enabled->is_bool())
            return fail(Error{ErrorCode::kBadFrame, "\"enabled\" must be a boolean"});
          entry.enabled = enabled->as_bool();
        }
        if (id->empty()) return fail(Error{ErrorCode::kBadFrame, "\"id\" is empty"});
        entry.id = std::move(*id);
        entry.question = std::move(*question);
        entry.answer = std::move(*answer);
        entry.category = std::move(*category);
        entry.similar = std::move(*similar);
        entry.tags = std::move(*tags);
        entries.push_back(std::move(entry));
        return {};
      });
  if (!loaded) return Unexpected{loaded.error()};
  return entries;
}

Result<std::vector<EvalQuery>> LoadQueriesJsonl(const std::string& path) {
  std::vector<EvalQuery> queries;
  auto loaded =
      ForEachJsonLine(path, [&](const json::object& object, std::size_t line) -> Result<void> {
        auto fail = [&](const Error& error) {
          return LineError(path, line, error.code, error.message);
        };
        auto query = StringMember(object, "query", true);
        if (!query) return fail(query.error());
        if (!object.contains("gold")) return fail(Error{ErrorCode::kBadFrame, "missing \"gold\""});
        auto gold = StringArrayMember(object, "gold");
        if (!gold) return fail(gold.error());
        queries.push_back(EvalQuery{std::move(*query), std::move(*gold)});
        return {};
      });
  if (!loaded) return Unexpected{loaded.error()};
  return queries;
}

Result<void> SetAnalyzerParameter(std::string_view assignment, AnalyzerOptions& options) {
  const auto equals = assignment.find('=');
  if (equals == std::string_view::npos) {
    return Fail(ErrorCode::kBadFrame, "expected name=value, got " + std::string(assignment));
  }
  const std::string_view name = assignment.substr(0, equals);
  const std::string value_text(assignment.substr(equals + 1));
  double value = 0;
  try {
    std::size_t used = 0;
    value = std::stod(value_text, &used);
    if (used != value_text.size()) throw std::invalid_argument("trailing characters");
  } catch (const std::exception&) {
    return Fail(ErrorCode::kBadFrame, "not a number: " + value_text);
  }
  if (name == "unigram_weight") {
    options.unigram_weight = value;
  } else if (name == "bigram_weight") {
    options.bigram_weight = value;
  } else if (name == "word_weight") {
    options.word_weight = value;
  } else if (name == "query_share") {
    options.query_share = value;
  } else if (name == "function_word_factor") {
    options.function_word_factor = value;
  } else {
    return Fail(ErrorCode::kBadFrame, "unknown parameter " + std::string(name));
  }
  return {};
}

int RunKbEval(const KbEvalOptions& options, std::ostream& out, std::ostream& err) {
  auto entries = LoadKbJsonl(options.kb_path);
  if (!entries) {
    err << "kefu kb eval: " << entries.error().message << "\n";
    return 2;
  }
  auto queries = LoadQueriesJsonl(options.queries_path);
  if (!queries) {
    err << "kefu kb eval: " << queries.error().message << "\n";
    return 2;
  }
  const double rss_start = ResidentBytes();
  auto start = SteadyClock::now();
  auto dictionary = text::Dictionary::Load(options.dictionary_path);
  if (!dictionary) {
    err << "kefu kb eval: " << dictionary.error().message << "\n";
    return 1;
  }
  const double dictionary_ms = MillisSince(start);
  const double rss_dictionary = ResidentBytes();
  start = SteadyClock::now();
  auto normalizer = text::Normalizer::Create(options.opencc_data_dir);
  if (!normalizer) {
    err << "kefu kb eval: " << normalizer.error().message << "\n";
    return 1;
  }
  const double normalizer_ms = MillisSince(start);
  auto segmenter = std::make_shared<text::Segmenter>(*dictionary);
  auto analyzer = std::make_shared<Analyzer>(std::move(*normalizer), segmenter, options.analyzer);

  const std::size_t entry_count = entries->size();
  start = SteadyClock::now();
  KbIndex index(analyzer);
  index.Build(std::move(*entries));
  const double build_ms = MillisSince(start);

  const Millis now = 0;
  const std::size_t top = std::max<std::size_t>(options.top, 1);
  double hits1 = 0, hits5 = 0, hits10 = 0, reciprocal = 0;
  std::vector<double> latencies;
  latencies.reserve(queries->size());
  // Reliability of the top candidate's confidence, by tenths: how often it is a gold entry.
  std::array<std::size_t, 10> band_count{}, band_hits{};
  std::vector<RankObservation> observations;  // for the threshold table and fit
  observations.reserve(queries->size());
  for (const EvalQuery& query : *queries) {
    const auto query_start = SteadyClock::now();
    const auto candidates = Matcher::Rank(index, query.query, now, top);
    latencies.push_back(MillisSince(query_start));
    const std::unordered_set<std::string> gold(query.gold.begin(), query.gold.end());
    std::size_t rank = 0;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      if (gold.contains(candidates[i].entry->id)) {
        rank = i + 1;
        break;
      }
    }
    if (rank == 1) ++hits1;
    if (rank >= 1 && rank <= 5) ++hits5;
    if (rank >= 1 && rank <= 10) {
      ++hits10;
      reciprocal += 1.0 / static_cast<double>(rank);
    }
    if (!candidates.empty()) {
      const auto band =
          std::min<std::size_t>(static_cast<std::size_t>(candidates.front().confidence * 10), 9);
      ++band_count[band];
      if (rank == 1) ++band_hits[band];
      observations.push_back(
          RankObservation{candidates.front().confidence, rank == 1, rank >= 1 && rank <= 3});
    }
  }
  const double n = std::max<double>(1, static_cast<double>(queries->size()));
  constexpr double kMiB = 1024.0 * 1024.0;
  out << std::fixed << std::setprecision(3);
  out << "kb: " << options.kb_path << " (" << entry_count << " entries, " << index.question_count()
      << " questions)\n";
  out << "queries: " << options.queries_path << " (" << queries->size() << ")\n";
  out << "R@1 " << hits1 / n << "  R@5 " << hits5 / n << "  R@10 " << hits10 / n << "  MRR@10 "
      << reciprocal / n << "\n";
  out << std::setprecision(3) << "ranking latency per query (top " << top << "): p50 "
      << Percentile(latencies, 0.5) << " ms  p99 " << Percentile(latencies, 0.99) << " ms  max "
      << Percentile(latencies, 1.0) << " ms\n";
  out << std::setprecision(1) << "dictionary load " << dictionary_ms << " ms ("
      << static_cast<double>((*dictionary)->MemoryBytes()) / kMiB << " MiB, RSS +"
      << (rss_dictionary - rss_start) / kMiB << " MiB); OpenCC + ICU load " << normalizer_ms
      << " ms\n";
  out << "index build " << build_ms << " ms; index memory "
      << static_cast<double>(index.MemoryBytes()) / kMiB << " MiB ("
      << index.MemoryBytes() / std::max<std::size_t>(1, index.size()) << " bytes/entry)\n";
  out << "top-1 confidence: share of queries, precision (top-1 is gold)\n";
  for (std::size_t band = 0; band < band_count.size(); ++band) {
    if (band_count[band] == 0) continue;
    out << std::setprecision(1) << "  [" << static_cast<double>(band) / 10 << ", "
        << static_cast<double>(band + 1) / 10 << ")  " << std::setprecision(3)
        << static_cast<double>(band_count[band]) / n << "  "
        << static_cast<double>(band_hits[band]) / static_cast<double>(band_count[band]) << "\n";
  }
  // Answer/clarify thresholds (MatchThresholds): per threshold, the queries whose top
  // confidence reaches it, how often their top-1 is gold and how often the top 3 hold one.
  const auto table = ThresholdTable(observations, 0.05);
  out << "thresholds: t, share of queries with top-1 confidence >= t, top-1 gold, gold in top 3\n";
  for (const ThresholdPoint& point : table) {
    if (point.threshold < 0.3 - 1e-9) continue;
    out << std::setprecision(2) << "  " << point.threshold << "  " << std::setprecision(3)
        << point.share << "  " << point.top1_precision << "  " << point.top3_hit << "\n";
  }
  const ThresholdTargets targets;
  const FittedThresholds fit = FitThresholds(table, targets);
  auto show = [&out](const std::optional<double>& value) {
    if (value) {
      out << std::setprecision(2) << *value;
    } else {
      out << "none";
    }
  };
  out << std::setprecision(2) << "fitted (top-1 gold >= " << targets.answer_precision
      << ", gold in top 3 >= " << targets.clarify_top3 << ", >= " << targets.min_support
      << " queries): answer ";
  show(fit.answer);
  out << "  clarify ";
  show(fit.clarify);
  out << "\n";
  return 0;
}

}  // namespace kefu::bot
