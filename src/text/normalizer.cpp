#include "text/normalizer.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <exception>
#include <opencc/Config.hpp>
#include <opencc/Converter.hpp>
#include <utility>

#include "text/utf8.hpp"

namespace kefu::text {
namespace {

// OpenCC's tw2sp.json without TWVariantsRev.ocd2: that table maps 么 to 幺 (and similar), so
// tw2sp turns Simplified 怎么 into 怎幺 and folding would not be idempotent on the Simplified
// text a knowledge base is written in. Everything else — Taiwan phrases (軟體→软件,
// 資訊→信息), phrase-aware Traditional→Simplified — is kept.
constexpr std::string_view kOpenccConfig = R"({
  "name": "Kefu matching: Traditional (Taiwan phrasing) to Simplified, idempotent on Simplified",
  "segmentation": {"type": "mmseg", "dict": {"type": "ocd2", "file": "TSPhrases.ocd2"}},
  "conversion_chain": [
    {"dict": {"type": "group", "dicts": [
      {"type": "ocd2", "file": "TWPhrasesRev.ocd2"},
      {"type": "ocd2", "file": "TWVariantsRevPhrases.ocd2"}]}},
    {"dict": {"type": "group", "dicts": [
      {"type": "ocd2", "file": "TSPhrases.ocd2"},
      {"type": "ocd2", "file": "TSCharacters.ocd2"}]}}
  ]
})";

// Characters OpenCC leaves apart although a Simplified knowledge base writes the second: found
// by folding the Taiwan-phrased bq-dev queries and diffing them with their Simplified originals
// (帐, 着/著, 痺), plus Taiwan forms OpenCC keeps on purpose (妳, 祢, 牠, 衹). Sorted by the first
// member (binary search).
constexpr std::array<std::pair<char32_t, char32_t>, 7> kVariants = {{
    {U'妳', U'你'},
    {U'帐', U'账'},  // 帳號/帳單: OpenCC keeps 帐 unless the phrase is in its table
    {U'牠', U'它'},
    {U'痺', U'痹'},
    {U'祢', U'你'},
    {U'著', U'着'},  // 接著/看著 (Taiwan) = 接着/看着; 著名 folds too, harmlessly for matching
    {U'衹', U'只'},
}};

// Taiwan vocabulary OpenCC has no entry for, folded to the Mainland word (both sides of a
// comparison are folded, so the direction only has to be consistent).
constexpr std::array<std::pair<std::string_view, std::string_view>, 1> kPhrases = {{
    {"稽核", "审核"},
}};

const icu::Normalizer2* IcuNormalizer(const void* opaque) {
  return static_cast<const icu::Normalizer2*>(opaque);
}

bool IsWordCharacter(char32_t cp) {
  return IsHan(cp) || u_isalnum(static_cast<UChar32>(cp)) != 0;
}

bool IsDigit(char32_t cp) {
  return cp >= U'0' && cp <= U'9';
}

}  // namespace

char32_t FoldVariant(char32_t cp) {
  const auto* it =
      std::lower_bound(kVariants.begin(), kVariants.end(), cp,
                       [](const auto& entry, char32_t key) { return entry.first < key; });
  return it != kVariants.end() && it->first == cp ? it->second : cp;
}

Result<std::unique_ptr<Normalizer>> Normalizer::Create(std::string_view opencc_data_dir) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status) || nfkc == nullptr) {
    return Fail(ErrorCode::kUnavailable,
                std::string("ICU NFKC_Casefold data unavailable: ") + u_errorName(status));
  }
  auto config = std::make_unique<opencc::Config>();
  std::shared_ptr<opencc::Converter> converter;
  try {
    std::string directory(opencc_data_dir);
    if (!directory.empty() && directory.back() != '/') directory += '/';
    converter = config->NewFromString(std::string(kOpenccConfig), directory);
  } catch (const std::exception& error) {
    return Fail(ErrorCode::kUnavailable, "cannot load OpenCC dictionaries from " +
                                             std::string(opencc_data_dir) + ": " + error.what());
  }
  return std::unique_ptr<Normalizer>(new Normalizer(nfkc, std::move(config), std::move(converter)));
}

Normalizer::Normalizer(const void* icu_normalizer, std::unique_ptr<opencc::Config> config,
                       std::shared_ptr<opencc::Converter> converter)
    : icu_normalizer_(icu_normalizer),
      config_(std::move(config)),
      converter_(std::move(converter)) {}

Normalizer::~Normalizer() = default;

std::string Normalizer::Fold(std::string_view utf8) const {
  // Re-encode first so that ICU and OpenCC only ever see well-formed UTF-8.
  std::string clean;
  clean.reserve(utf8.size());
  for (std::size_t pos = 0; pos < utf8.size();) AppendUtf8(NextCodePoint(utf8, &pos), &clean);

  std::string nfkc;
  icu::StringByteSink<std::string> sink(&nfkc, static_cast<int32_t>(clean.size()));
  UErrorCode status = U_ZERO_ERROR;
  IcuNormalizer(icu_normalizer_)
      ->normalizeUTF8(0, icu::StringPiece(clean.data(), static_cast<int32_t>(clean.size())), sink,
                      nullptr, status);
  // normalizeUTF8 only fails on memory exhaustion; keep the text unnormalised rather than lose
  // it.
  if (U_FAILURE(status)) nfkc = clean;

  const std::string simplified = converter_->Convert(nfkc);
  std::string out;
  out.reserve(simplified.size());
  for (std::size_t pos = 0; pos < simplified.size();) {
    AppendUtf8(FoldVariant(NextCodePoint(simplified, &pos)), &out);
  }
  for (const auto& [from, to] : kPhrases) {
    for (std::size_t at = out.find(from); at != std::string::npos; at = out.find(from, at)) {
      out.replace(at, from.size(), to);
      at += to.size();
    }
  }
  return out;
}

std::string Normalizer::NormalizeForMatching(std::string_view utf8) const {
  const std::string folded = Fold(utf8);
  std::string out;
  out.reserve(folded.size());
  bool pending_separator = false;
  char32_t previous = 0;
  for (std::size_t pos = 0; pos < folded.size();) {
    const char32_t cp = NextCodePoint(folded, &pos);
    if (cp == U'.' && IsDigit(previous) && pos < folded.size() &&
        IsDigit(static_cast<unsigned char>(folded[pos]))) {
      out.push_back('.');
      previous = cp;
      continue;
    }
    if (!IsWordCharacter(cp)) {
      pending_separator = !out.empty();
      previous = 0;
      continue;
    }
    if (pending_separator) out.push_back(' ');
    pending_separator = false;
    AppendUtf8(cp, &out);
    previous = cp;
  }
  return out;
}

}  // namespace kefu::text
