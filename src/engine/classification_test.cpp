#include "engine/classification.hpp"

#include <gtest/gtest.h>

#include <map>

#include "engine/tenant_engine.hpp"

namespace kefu::engine {
namespace {

ClassificationNode Node(std::string id, std::string parent, std::string name, bool enabled = true) {
  return ClassificationNode{std::move(id), std::move(parent), std::move(name), 0, enabled};
}

// 账户问题 > 密码重置 | 账户冻结(disabled) ; 信用卡 > 额度 > 临时额度 ; 停用分类(disabled) > 旧问题
std::vector<ClassificationNode> BankTree() {
  return {Node("acct", "", "账户问题"),
          Node("acct-pwd", "acct", "密码重置"),
          Node("acct-frozen", "acct", "账户冻结", false),
          Node("card", "", "信用卡"),
          Node("card-limit", "card", "额度"),
          Node("card-limit-temp", "card-limit", "临时额度"),
          Node("old", "", "停用分类", false),
          Node("old-q", "old", "旧问题")};
}

std::string Repeat(std::string_view unit, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += unit;
  return s;
}

// --- the tree -------------------------------------------------------------------------------

TEST(ClassificationTree, ValidatesShape) {
  struct Row {
    const char* name;
    std::vector<ClassificationNode> tree;
    bool valid;
  };
  std::vector<ClassificationNode> too_many;
  for (int i = 0; i <= 500; ++i)
    too_many.push_back(Node("n" + std::to_string(i), "", "分类" + std::to_string(i)));
  std::vector<ClassificationNode> at_most;
  for (int i = 0; i < 500; ++i)
    at_most.push_back(Node("n" + std::to_string(i), "", "分类" + std::to_string(i)));
  const std::vector<Row> rows = {
      {"the bank tree", BankTree(), true},
      {"empty", {}, true},
      {"500 nodes", at_most, true},
      {"501 nodes", too_many, false},
      {"duplicate id", {Node("a", "", "甲"), Node("a", "", "乙")}, false},
      {"unknown parent", {Node("a", "x", "甲")}, false},
      {"own parent", {Node("a", "a", "甲")}, false},
      {"two-node cycle", {Node("a", "b", "甲"), Node("b", "a", "乙")}, false},
      {"three-node cycle",
       {Node("a", "c", "甲"), Node("b", "a", "乙"), Node("c", "b", "丙")},
       false},
      {"depth 4",
       {Node("a", "", "1"), Node("b", "a", "2"), Node("c", "b", "3"), Node("d", "c", "4")},
       true},
      {"depth 5",
       {Node("a", "", "1"), Node("b", "a", "2"), Node("c", "b", "3"), Node("d", "c", "4"),
        Node("e", "d", "5")},
       false},
      {"same name under one parent", {Node("a", "", "甲"), Node("b", "", "甲")}, false},
      {"same name, one disabled", {Node("a", "", "甲"), Node("b", "", "甲", false)}, true},
      {"same name under different parents",
       {Node("a", "", "甲"), Node("b", "", "乙"), Node("a1", "a", "其他"), Node("b1", "b", "其他")},
       true},
      {"blank name", {Node("a", "", "  ")}, false},
      {"50-character name", {Node("a", "", Repeat("字", 50))}, true},
      {"51-character name", {Node("a", "", Repeat("字", 51))}, false},
      {"id with a space", {Node("a b", "", "甲")}, false},
      {"empty id", {Node("", "", "甲")}, false},
  };
  for (const auto& row : rows) {
    auto result = ValidateTree(row.tree);
    EXPECT_EQ(result.has_value(), row.valid) << row.name;
    if (!result) {
      EXPECT_EQ(result.error().code, ErrorCode::kBadFrame) << row.name;
    }
  }
}

TEST(ClassificationTree, SelectableNodesAreEnabledLeaves) {
  const auto tree = BankTree();
  struct Row {
    const char* id;
    bool selectable;
  };
  const std::vector<Row> rows = {
      {"acct-pwd", true},         // an enabled leaf
      {"acct", false},            // has an enabled child
      {"acct-frozen", false},     // disabled
      {"card-limit-temp", true},  // a leaf at depth 3
      {"card-limit", false},      // has an enabled child
      {"old", false},             // disabled
      {"old-q", false},           // under a disabled parent
      {"nope", false},            // unknown
      {"", false},
  };
  for (const auto& row : rows) EXPECT_EQ(Selectable(tree, row.id), row.selectable) << row.id;

  // A node whose children are all disabled is a leaf.
  auto pruned = tree;
  for (auto& node : pruned) {
    if (node.id == "acct-pwd") node.enabled = false;
  }
  EXPECT_TRUE(Selectable(pruned, "acct"));
}

TEST(ClassificationTree, PathsNameEveryLevel) {
  const auto tree = BankTree();
  EXPECT_EQ(PathOf(tree, "card-limit-temp"),
            (std::vector<std::string>{"信用卡", "额度", "临时额度"}));
  EXPECT_EQ(PathOf(tree, "acct-frozen"), (std::vector<std::string>{"账户问题", "账户冻结"}));
  EXPECT_TRUE(PathOf(tree, "nope").empty());
  // A cycle (unvalidated input) ends the walk instead of looping.
  EXPECT_LE(PathOf({Node("a", "b", "甲"), Node("b", "a", "乙")}, "a").size(), 3u);
}

TEST(ClassificationTree, ReplacementKeepsUsedNodesDisabled) {
  auto current = BankTree();
  // The administrator keeps only 账户问题 > 密码重置 and adds 理财.
  std::vector<ClassificationNode> submitted = {Node("acct", "", "账户问题"),
                                               Node("acct-pwd", "acct", "密码重置"),
                                               Node("wealth", "", "理财")};
  auto result = ReplaceTree(current, submitted, {"card-limit-temp", "acct-pwd"});
  ASSERT_TRUE(result) << result.error().message;
  std::map<std::string, ClassificationNode> by_id;
  for (const auto& node : *result) by_id[node.id] = node;
  // Submitted nodes stay as given, numbered in order among their siblings.
  EXPECT_TRUE(by_id.at("acct").enabled);
  EXPECT_EQ(by_id.at("acct").order, 0);
  EXPECT_EQ(by_id.at("wealth").order, 1);
  // The used leaf and its left-out ancestors are kept, disabled, after the submitted siblings.
  ASSERT_TRUE(by_id.count("card-limit-temp"));
  EXPECT_FALSE(by_id.at("card-limit-temp").enabled);
  EXPECT_FALSE(by_id.at("card-limit").enabled);
  EXPECT_FALSE(by_id.at("card").enabled);
  EXPECT_EQ(by_id.at("card").order, 2);
  // Unused left-out nodes are gone.
  EXPECT_FALSE(by_id.count("acct-frozen"));
  EXPECT_FALSE(by_id.count("old"));
  EXPECT_FALSE(by_id.count("old-q"));
  EXPECT_EQ(result->size(), 6u);
  // Paths of past conversations still resolve.
  EXPECT_EQ(PathOf(*result, "card-limit-temp"),
            (std::vector<std::string>{"信用卡", "额度", "临时额度"}));
}

TEST(ClassificationTree, ReplacementMayReuseTheNameOfAKeptNode) {
  auto current = BankTree();
  std::vector<ClassificationNode> submitted = {Node("card2", "", "信用卡"),
                                               Node("card2-x", "card2", "还款")};
  auto result = ReplaceTree(current, submitted, {"card-limit-temp"});
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_FALSE(FindNode(*result, "card")->enabled);
  EXPECT_TRUE(FindNode(*result, "card2")->enabled);
}

TEST(ClassificationTree, ReplacementIsValidated) {
  auto result = ReplaceTree(BankTree(), {Node("a", "", "甲"), Node("b", "", "甲")}, {});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kBadFrame);
}

// --- closing with a classification ----------------------------------------------------------

Actor Visitor(const std::string& id) {
  return Actor{AuthorRole::kVisitor, id, "访客 " + id, {}};
}
Actor Staff(const std::string& id, Role role = Role::kAgent) {
  return Actor{AuthorRole::kAgent, id, "坐席 " + id, role};
}

class ClassificationCloseTest : public ::testing::Test {
 protected:
  ClassificationCloseTest() : engine_("t1", clock_) {
    engine_.UpsertQueue({"q1", "retail", "个人业务"});
    engine_.UpsertAgent({"a1", "王小明", "a1@x", Role::kAgent, 5, {"q1"}});
    engine_.UpsertAgent({"s1", "主管", "s1@x", Role::kSupervisor, 5, {}});
    EXPECT_TRUE(engine_.SetConnected("a1", true));
    EXPECT_TRUE(engine_.SetStatus("a1", AgentStatus::kOnline));
    auto started = engine_.Send({Visitor("v1"), "k-start", std::nullopt, "你好", "c1", "q1"});
    EXPECT_TRUE(started);
    EXPECT_EQ(engine_.FindConversation("c1")->state, ConversationState::kAssigned);
  }

  void Policy(bool required) {
    engine_.SetClassification({ClassificationSettings{required, 48 * 60 * 60 * 1000}, BankTree()});
  }

  ManualClock clock_;
  TenantEngine engine_;
};

TEST_F(ClassificationCloseTest, ClosesAreCheckedAgainstTheTree) {
  struct Row {
    const char* name;
    bool required;
    Actor actor;
    std::string classification;
    std::string summary;
    std::optional<ErrorCode> error;      // else closed
    std::vector<std::string> path = {};  // recorded on the closed event
  };
  const std::string long_summary = Repeat("字", 501);
  const std::vector<Row> rows = {
      {"agent, not required, nothing given", false, Staff("a1"), "", "", std::nullopt},
      {"agent, required, nothing given", true, Staff("a1"), "", "",
       ErrorCode::kClassificationRequired},
      {"agent, required, summary alone", true, Staff("a1"), "", "客户咨询密码",
       ErrorCode::kClassificationRequired},
      {"agent, required, a leaf",
       true,
       Staff("a1"),
       "acct-pwd",
       "已指导重置",
       std::nullopt,
       {"账户问题", "密码重置"}},
      {"agent, a deep leaf",
       false,
       Staff("a1"),
       "card-limit-temp",
       "",
       std::nullopt,
       {"信用卡", "额度", "临时额度"}},
      {"agent, a node with children", true, Staff("a1"), "acct", "", ErrorCode::kBadFrame},
      {"agent, a disabled leaf", true, Staff("a1"), "acct-frozen", "", ErrorCode::kBadFrame},
      {"agent, under a disabled parent", true, Staff("a1"), "old-q", "", ErrorCode::kBadFrame},
      {"agent, an unknown node", false, Staff("a1"), "nope", "", ErrorCode::kBadFrame},
      {"agent, summary of 501 characters", false, Staff("a1"), "acct-pwd", long_summary,
       ErrorCode::kTextTooLong},
      {"agent, summary of 500 characters",
       false,
       Staff("a1"),
       "acct-pwd",
       Repeat("字", 500),
       std::nullopt,
       {"账户问题", "密码重置"}},
      {"agent, not required, summary alone", false, Staff("a1"), "", "只写小结", std::nullopt},
      {"supervisor, required, nothing given", true, Staff("s1", Role::kSupervisor), "", "",
       ErrorCode::kClassificationRequired},
      {"supervisor, required, a leaf",
       true,
       Staff("s1", Role::kSupervisor),
       "acct-pwd",
       "",
       std::nullopt,
       {"账户问题", "密码重置"}},
      {"visitor, required: never refused", true, Visitor("v1"), "", "", std::nullopt},
      {"visitor giving a classification", false, Visitor("v1"), "acct-pwd", "",
       ErrorCode::kForbidden},
  };
  int n = 0;
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    // A fresh conversation per row, of a fresh visitor.
    const std::string visitor = "vx" + std::to_string(n);
    const std::string id = "cx" + std::to_string(n++);
    const bool by_visitor = row.actor.kind == AuthorRole::kVisitor;
    const Actor actor = by_visitor ? Visitor(visitor) : row.actor;
    ASSERT_TRUE(engine_.Send({Visitor(visitor), "k-" + id, std::nullopt, "你好", id, "q1"}));
    ASSERT_EQ(engine_.FindConversation(id)->state, ConversationState::kAssigned);
    Policy(row.required);
    const long seq_before = engine_.FindConversation(id)->last_seq;

    auto outcome = engine_.Close({actor, "k-close-" + id, id, row.classification, row.summary});
    if (row.error) {
      ASSERT_FALSE(outcome);
      EXPECT_EQ(outcome.error().code, *row.error) << outcome.error().message;
      // Nothing changed: still open, no event, and the key was not used up.
      EXPECT_EQ(engine_.FindConversation(id)->state, ConversationState::kAssigned);
      EXPECT_EQ(engine_.FindConversation(id)->last_seq, seq_before);
      auto retried = engine_.Close({actor, "k-close-" + id, id, by_visitor ? "" : "acct-pwd", ""});
      ASSERT_TRUE(retried) << retried.error().message;
      EXPECT_FALSE(retried->duplicate);
      continue;
    }
    ASSERT_TRUE(outcome) << outcome.error().message;
    ASSERT_EQ(outcome->events.size(), 1u);
    const auto& closed = outcome->events[0];
    EXPECT_EQ(closed.code, SystemCode::kClosed);
    const auto* snap = engine_.FindConversation(id);
    EXPECT_EQ(snap->state, ConversationState::kClosed);
    EXPECT_EQ(snap->classification_id, row.classification);
    EXPECT_EQ(snap->summary, row.summary);
    if (row.classification.empty() && row.summary.empty()) {
      EXPECT_FALSE(closed.classification);
    } else {
      ASSERT_TRUE(closed.classification);
      EXPECT_EQ(closed.classification->id, row.classification);
      EXPECT_EQ(closed.classification->path, row.path);
      EXPECT_EQ(closed.classification->summary, row.summary);
    }
    ASSERT_FALSE(outcome->conversations.empty());
    EXPECT_EQ(outcome->conversations[0].classification_id, row.classification);
  }
}

TEST_F(ClassificationCloseTest, IdleClosesAreNeverRefused) {
  Policy(true);
  clock_.Advance(engine_.settings().idle_timeout + 1);
  auto outcome = engine_.Tick();
  EXPECT_EQ(engine_.FindConversation("c1")->state, ConversationState::kClosed);
  EXPECT_EQ(engine_.FindConversation("c1")->closed_by, CloseReason::kIdle);
  EXPECT_TRUE(engine_.FindConversation("c1")->classification_id.empty());
}

TEST_F(ClassificationCloseTest, ARetryOfAnAppliedCloseIsADuplicate) {
  Policy(true);
  ASSERT_TRUE(engine_.Close({Staff("a1"), "k-close", "c1", "acct-pwd", ""}));
  // Even without the classification, the same key answers with the original ack.
  auto again = engine_.Close({Staff("a1"), "k-close", "c1"});
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->duplicate);
}

TEST_F(ClassificationCloseTest, ThePolicySurvivesARestore) {
  ClassificationPolicy policy{ClassificationSettings{true, 60 * 60 * 1000}, BankTree()};
  RestoredState state;
  state.queues = {QueueInfo{"q1", "retail", "个人业务"}};
  state.classification = policy;
  ManualClock clock;
  TenantEngine restored("t1", clock);
  restored.Restore(state);
  EXPECT_EQ(restored.settings().classification, policy);
}

}  // namespace
}  // namespace kefu::engine
