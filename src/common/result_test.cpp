#include "common/result.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kefu {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return Fail(ErrorCode::kBadFrame, "odd");
  return n / 2;
}

TEST(ResultTest, HoldsValueOrError) {
  auto ok = Half(8);
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(*ok, 4);
  auto bad = Half(7);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kBadFrame);
  EXPECT_EQ(bad.error().message, "odd");
}

TEST(ResultTest, VoidResult) {
  Result<void> ok;
  EXPECT_TRUE(ok);
  Result<void> bad = Fail(ErrorCode::kNotFound, "gone");
  EXPECT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kNotFound);
}

TEST(ErrorCodeTest, NamesAndStatuses) {
  struct Row {
    ErrorCode code;
    std::string_view name;
    int status;
  };
  const Row rows[] = {
      {ErrorCode::kBadJson, "bad_json", 400},
      {ErrorCode::kUnauthorized, "unauthorized", 401},
      {ErrorCode::kForbidden, "forbidden", 403},
      {ErrorCode::kNotFound, "not_found", 404},
      {ErrorCode::kConflict, "conflict", 409},
      {ErrorCode::kFrameTooLarge, "frame_too_large", 413},
      {ErrorCode::kRateLimited, "rate_limited", 429},
      {ErrorCode::kUnavailable, "unavailable", 503},
  };
  for (const auto& row : rows) {
    EXPECT_EQ(ErrorCodeName(row.code), row.name);
    EXPECT_EQ(HttpStatusFor(row.code), row.status) << row.name;
  }
}

}  // namespace
}  // namespace kefu
