#include "bot/matcher.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace kefu::bot {
namespace {

// A small jieba-format dictionary keeps the tests hermetic; the matcher's defaults use
// characters, so the dictionary barely matters here.
constexpr std::string_view kDictionary =
    "还款 5000 v\n提前 3000 v\n额度 2000 n\n怎么 8000 r\n银行卡 900 n\n吗 9000 y\n";

class MatcherTest : public ::testing::Test {
 protected:
  MatcherTest() {
    auto normalizer = text::Normalizer::Create();
    EXPECT_TRUE(normalizer) << normalizer.error().message;
    auto segmenter =
        std::make_shared<text::Segmenter>(text::Dictionary::Parse(kDictionary).value());
    analyzer_ = std::make_shared<Analyzer>(std::move(normalizer.value()), segmenter);
    index_ = std::make_unique<KbIndex>(analyzer_);
    index_->Build({
        Entry("repay", "怎么提前还款", {"可以提前还钱吗"}),
        Entry("limit", "怎么提高额度", {"额度太低了"}),
        Entry("card", "如何更换银行卡", {"换绑银行卡"}),
        Entry("rate", "利息怎么算", {}),
        Entry("open", "怎么开通微粒贷", {}),
    });
  }

  static KbEntry Entry(std::string id, std::string question, std::vector<std::string> similar) {
    KbEntry entry;
    entry.id = std::move(id);
    entry.question = std::move(question);
    entry.similar = std::move(similar);
    entry.answer = "answer of " + entry.id;
    return entry;
  }

  std::shared_ptr<Analyzer> analyzer_;
  std::unique_ptr<KbIndex> index_;
  const Millis now_ = 1'700'000'000'000;
};

TEST_F(MatcherTest, BandsFollowTheThresholds) {
  const MatchThresholds thresholds{0.75, 0.45};
  const struct {
    const char* question;
    MatchBand band;
    const char* top;  // expected first candidate, "" for none
  } cases[] = {
      {"怎么提前还款", MatchBand::kAnswer, "repay"},    // the standard question
      {"怎麼提前還款？", MatchBand::kAnswer, "repay"},  // Traditional + punctuation
      {"可以提前还钱吗", MatchBand::kAnswer, "repay"},  // a similar question
      {"换绑银行卡", MatchBand::kAnswer, "card"},
      {"额度低", MatchBand::kClarify, "limit"},  // partial: "您可能想问"
      {"天气怎么样", MatchBand::kUnknown, ""},   // unrelated
      {"", MatchBand::kUnknown, ""},
  };
  for (const auto& c : cases) {
    const MatchResult result = Matcher::Match(*index_, c.question, now_, thresholds);
    EXPECT_EQ(result.band, c.band) << c.question;
    if (std::string_view(c.top).empty()) {
      EXPECT_TRUE(result.candidates.empty()) << c.question;
    } else {
      ASSERT_FALSE(result.candidates.empty()) << c.question;
      EXPECT_EQ(result.candidates.front().entry->id, c.top) << c.question;
    }
    for (const auto& candidate : result.candidates) {
      EXPECT_GE(candidate.confidence, 0.0);
      EXPECT_LE(candidate.confidence, 1.0);
    }
    EXPECT_LE(result.candidates.size(), 3u);
  }
}

TEST_F(MatcherTest, ExactQuestionHasFullConfidenceAndReportsTheMatchedWording) {
  const auto ranked = Matcher::Rank(*index_, "额度太低了", now_, 5);
  ASSERT_FALSE(ranked.empty());
  EXPECT_EQ(ranked.front().entry->id, "limit");
  EXPECT_EQ(ranked.front().matched_question, "额度太低了");
  EXPECT_DOUBLE_EQ(ranked.front().confidence, 1.0);
  // Each entry at most once, best first.
  for (std::size_t i = 1; i < ranked.size(); ++i) {
    EXPECT_NE(ranked[i].entry->id, ranked[i - 1].entry->id);
    EXPECT_LE(ranked[i].confidence, ranked[i - 1].confidence);
  }
}

TEST_F(MatcherTest, DisabledAndOutOfValidityEntriesNeverMatch) {
  KbEntry disabled = Entry("repay", "怎么提前还款", {});
  disabled.enabled = false;
  index_->Upsert(disabled);
  EXPECT_TRUE(Matcher::Rank(*index_, "怎么提前还款", now_, 5).empty() ||
              Matcher::Rank(*index_, "怎么提前还款", now_, 5).front().entry->id != "repay");

  KbEntry windowed = Entry("repay", "怎么提前还款", {});
  windowed.valid_from = now_ + 1000;
  windowed.valid_to = now_ + 2000;
  index_->Upsert(windowed);
  auto top = [&](Millis at) {
    const auto ranked = Matcher::Rank(*index_, "怎么提前还款", at, 1);
    return ranked.empty() ? std::string() : ranked.front().entry->id;
  };
  EXPECT_NE(top(now_), "repay");         // not yet valid
  EXPECT_EQ(top(now_ + 1000), "repay");  // valid_from is inclusive
  EXPECT_NE(top(now_ + 2000), "repay");  // valid_to is exclusive
  EXPECT_TRUE(Matcher::Suggest(*index_, "怎么提前", now_, 5).empty() ||
              Matcher::Suggest(*index_, "怎么提前", now_, 5).front().entry->id != "repay");
}

TEST_F(MatcherTest, IncrementalUpsertAndRemove) {
  EXPECT_EQ(index_->size(), 5u);
  index_->Upsert(Entry("lost", "银行卡丢了怎么办", {}));
  EXPECT_EQ(index_->size(), 6u);
  EXPECT_EQ(Matcher::Rank(*index_, "银行卡丢了", now_, 1).front().entry->id, "lost");

  // Updating replaces the questions: the old wording no longer matches fully.
  index_->Upsert(Entry("lost", "卡片遗失挂失", {}));
  EXPECT_EQ(index_->size(), 6u);
  EXPECT_EQ(Matcher::Rank(*index_, "卡片遗失挂失", now_, 1).front().entry->id, "lost");
  EXPECT_LT(Matcher::Rank(*index_, "银行卡丢了怎么办", now_, 1).front().confidence, 1.0);

  EXPECT_TRUE(index_->Remove("lost"));
  EXPECT_FALSE(index_->Remove("lost"));
  EXPECT_EQ(index_->Find("lost"), nullptr);
  EXPECT_EQ(index_->size(), 5u);
  for (const auto& candidate : Matcher::Rank(*index_, "卡片遗失挂失", now_, 10)) {
    EXPECT_NE(candidate.entry->id, "lost");
  }
  // Slots are reused; many edits keep the index consistent with a fresh build.
  for (int i = 0; i < 200; ++i)
    index_->Upsert(Entry("tmp" + std::to_string(i % 7), "临时问题", {}));
  for (int i = 0; i < 7; ++i) EXPECT_TRUE(index_->Remove("tmp" + std::to_string(i)));
  const auto ranked = Matcher::Rank(*index_, "可以提前还钱吗", now_, 1);
  ASSERT_FALSE(ranked.empty());
  EXPECT_EQ(ranked.front().entry->id, "repay");
  EXPECT_DOUBLE_EQ(ranked.front().confidence, 1.0);
}

TEST_F(MatcherTest, SuggestionsFromTheFirstCharacter) {
  auto ids = [&](std::string_view prefix, std::size_t k) {
    std::vector<std::string> out;
    for (const auto& s : Matcher::Suggest(*index_, prefix, now_, k)) out.push_back(s.entry->id);
    return out;
  };
  // Prefix matches first, shortest first: 怎么提高额度 / 怎么提前还款 / 怎么开通微粒贷 all start
  // with 怎么; the partial match 利息怎么算 comes after them.
  const auto by_prefix = ids("怎么", 4);
  ASSERT_EQ(by_prefix.size(), 4u);
  EXPECT_EQ(by_prefix[3], "rate");
  EXPECT_EQ(ids("怎", 1).size(), 1u);
  EXPECT_EQ(ids("换绑", 1), (std::vector<std::string>{"card"}));   // a similar question's prefix
  EXPECT_EQ(ids("額度", 1), (std::vector<std::string>{"limit"}));  // folded before matching
  // Not a prefix of anything: best partial matches.
  EXPECT_EQ(ids("银行卡", 1), (std::vector<std::string>{"card"}));
  EXPECT_TRUE(ids("", 5).empty());
  EXPECT_TRUE(ids("？", 5).empty());
  const auto suggestions = Matcher::Suggest(*index_, "换绑", now_, 1);
  EXPECT_EQ(suggestions.front().question, "换绑银行卡");
}

}  // namespace
}  // namespace kefu::bot
