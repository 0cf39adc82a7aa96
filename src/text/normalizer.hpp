// Normalizer: folds Chinese text to the form the matcher compares — NFKC with case folding
// (full-width letters, digits and punctuation become half-width), Traditional → Simplified with
// OpenCC plus a table of variants OpenCC keeps apart, and punctuation stripped.
// The result is a matching key, not display text (e.g. 著 and 着 fold together).
// Thread-safe: immutable after construction; share one instance across tenants and threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace opencc {
class Config;
class Converter;
}  // namespace opencc

namespace kefu::text {

inline constexpr std::string_view kDefaultOpenccDataDir = "/usr/share/opencc";

class Normalizer {
 public:
  // Loads ICU's NFKC_Casefold data and OpenCC's dictionaries (*.ocd2) from `opencc_data_dir`
  // (Debian: libopencc-data). Fails with kUnavailable when either cannot be loaded.
  static Result<std::unique_ptr<Normalizer>> Create(
      std::string_view opencc_data_dir = kDefaultOpenccDataDir);
  ~Normalizer();
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  // NFKC + case folding + Traditional→Simplified + variant folding. Punctuation and spacing are
  // kept (NFKC already made them half-width; the ideographic space becomes ' '). Malformed
  // UTF-8 becomes U+FFFD.
  std::string Fold(std::string_view utf8) const;

  // Fold(), then every character that is not a letter, digit or ideograph (punctuation,
  // symbols, emoji, whitespace) becomes a separator: runs of them collapse to one ' ', none at
  // either end. A '.' between two digits is kept ("0.05"). Words never span a separator.
  std::string NormalizeForMatching(std::string_view utf8) const;

 private:
  Normalizer(const void* icu_normalizer, std::unique_ptr<opencc::Config> config,
             std::shared_ptr<opencc::Converter> converter);

  const void* icu_normalizer_;  // const icu::Normalizer2*, owned by ICU (a process singleton)
  std::unique_ptr<opencc::Config> config_;  // owns the dictionaries the converter uses
  std::shared_ptr<opencc::Converter> converter_;
};

// The variant folding applied after OpenCC, exposed for tests: returns `cp` when it has none.
char32_t FoldVariant(char32_t cp);

}  // namespace kefu::text
