// `kefu kb eval`: ranks every query of a labelled set against a knowledge base and reports
// recall, MRR and latency. Also the JSON Lines readers for the knowledge base and the queries.
// Thread-compatible (plain functions over their arguments).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "bot/analyzer.hpp"
#include "bot/kb_entry.hpp"
#include "common/result.hpp"
#include "text/dictionary.hpp"
#include "text/normalizer.hpp"

namespace kefu::bot {

struct EvalQuery {
  std::string query;
  std::vector<std::string> gold;  // ids of entries that answer it
};

// Reads {"id","question","similar":[],"answer","category","tags":[],"enabled"} a line (only id
// and question are required; blank lines are skipped). Fails with kNotFound when the file
// cannot be read and kBadJson/kBadFrame naming the line for a line that is not such an object.
Result<std::vector<KbEntry>> LoadKbJsonl(const std::string& path);

// Reads {"query","gold":[ids]} a line, with the same error contract.
Result<std::vector<EvalQuery>> LoadQueriesJsonl(const std::string& path);

struct KbEvalOptions {
  std::string kb_path;
  std::string queries_path;
  std::size_t top = 10;  // candidates ranked per query; R@n and MRR@10 count within them
  std::string dictionary_path = std::string(text::kDefaultJiebaDictionary);
  std::string opencc_data_dir = std::string(text::kDefaultOpenccDataDir);
  AnalyzerOptions analyzer;
};

// Runs the evaluation and prints the report to `out` (errors to `err`). Returns the process exit
// code: 0 on success, 2 for unreadable or malformed input, 1 when the text data cannot load.
int RunKbEval(const KbEvalOptions& options, std::ostream& out, std::ostream& err);

// Sets one AnalyzerOptions field from "name=value" (unigram_weight, bigram_weight,
// word_weight, function_word_factor). Fails with kBadFrame for an unknown name or bad value.
Result<void> SetAnalyzerParameter(std::string_view assignment, AnalyzerOptions& options);

}  // namespace kefu::bot
