#include "bot/kb_eval.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace kefu::bot {
namespace {

class KbEvalTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& contents) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("kefu_kb_eval_test_" + std::to_string(::getpid()) + "_" + name);
    std::ofstream(path) << contents;
    files_.push_back(path);
    return path.string();
  }
  ~KbEvalTest() override {
    for (const auto& path : files_) std::filesystem::remove(path);
  }
  std::vector<std::filesystem::path> files_;
};

TEST_F(KbEvalTest, ReadsEntriesAndQueries) {
  const auto kb =
      Write("kb.jsonl", R"({"id":"a","question":"怎么还款","similar":["如何还款"],"answer":"x"})"
                        "\n\n"
                        R"({"id":"b","question":"额度","enabled":false,"tags":["t"]})"
                        "\n");
  auto entries = LoadKbJsonl(kb);
  ASSERT_TRUE(entries) << entries.error().message;
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].similar, (std::vector<std::string>{"如何还款"}));
  EXPECT_FALSE((*entries)[1].enabled);
  const auto queries = Write("q.jsonl", R"({"query":"还款","gold":["a"]})"
                                        "\n");
  auto parsed = LoadQueriesJsonl(queries);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->front().gold, (std::vector<std::string>{"a"}));
}

TEST_F(KbEvalTest, BadLinesNameTheLine) {
  const struct {
    const char* contents;
    const char* expected;
  } cases[] = {
      {"{\"id\":\"a\",\"question\":\"q\"}\nnot json\n", ":2: not JSON"},
      {"[1,2]\n", ":1: expected a JSON object"},
      {"{\"question\":\"q\"}\n", ":1: missing \"id\""},
      {"{\"id\":\"a\",\"question\":3}\n", ":1: \"question\" must be a string"},
      {"{\"id\":\"a\",\"question\":\"q\",\"similar\":[1]}\n", ":1: \"similar\" must be an array"},
  };
  for (const auto& c : cases) {
    auto entries = LoadKbJsonl(Write("bad.jsonl", c.contents));
    ASSERT_FALSE(entries) << c.contents;
    EXPECT_NE(entries.error().message.find(c.expected), std::string::npos)
        << entries.error().message;
  }
  EXPECT_EQ(LoadKbJsonl("/nonexistent/kb.jsonl").error().code, ErrorCode::kNotFound);
  auto queries = LoadQueriesJsonl(Write("badq.jsonl", "{\"query\":\"q\"}\n"));
  ASSERT_FALSE(queries);
  EXPECT_NE(queries.error().message.find(":1: missing \"gold\""), std::string::npos);
}

TEST_F(KbEvalTest, ReportsMetrics) {
  if (!std::filesystem::exists(text::kDefaultJiebaDictionary))
    GTEST_SKIP() << "no jieba dictionary";
  KbEvalOptions options;
  options.kb_path = Write("kb.jsonl",
                          "{\"id\":\"a\",\"question\":\"怎么提前还款\"}\n"
                          "{\"id\":\"b\",\"question\":\"怎么提高额度\"}\n");
  options.queries_path = Write("q.jsonl",
                               "{\"query\":\"提前还款\",\"gold\":[\"a\"]}\n"
                               "{\"query\":\"额度提高\",\"gold\":[\"b\"]}\n");
  std::ostringstream out, err;
  EXPECT_EQ(RunKbEval(options, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("R@1 1.000"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("MRR@10 1.000"), std::string::npos) << out.str();

  options.queries_path = Write("bad.jsonl", "{\"query\":\"x\",\"gold\":\"a\"}\n");
  std::ostringstream out2, err2;
  EXPECT_EQ(RunKbEval(options, out2, err2), 2);
  EXPECT_NE(err2.str().find(":1:"), std::string::npos);
}

TEST(SetAnalyzerParameterTest, KnownNamesOnly) {
  AnalyzerOptions options;
  EXPECT_TRUE(SetAnalyzerParameter("unigram_weight=2.5", options));
  EXPECT_DOUBLE_EQ(options.unigram_weight, 2.5);
  EXPECT_FALSE(SetAnalyzerParameter("nope=1", options));
  EXPECT_FALSE(SetAnalyzerParameter("word_weight=abc", options));
  EXPECT_FALSE(SetAnalyzerParameter("word_weight", options));
}

}  // namespace
}  // namespace kefu::bot
