#include <gtest/gtest.h>

#include "auth/password_hasher.hpp"
#include "auth/token_signer.hpp"

namespace kefu::auth {
namespace {

TEST(PasswordHasherTest, HashesWithArgon2idAndVerifies) {
  auto hash = HashPassword("kefu-demo");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_TRUE(VerifyPassword("kefu-demo", hash));
  EXPECT_FALSE(VerifyPassword("kefu-demO", hash));
  EXPECT_FALSE(VerifyPassword("kefu-demo", "not a hash"));
  EXPECT_NE(HashPassword("kefu-demo"), hash) << "each hash has its own salt";
}

TEST(TokenSignerTest, VisitorTokensRoundTripAndRejectTampering) {
  TokenSigner signer(std::string(32, 'k'));
  auto token = signer.SignVisitor({"t_abc", "v_123"});
  auto identity = signer.VerifyVisitor(token);
  ASSERT_TRUE(identity);
  EXPECT_EQ(identity->tenant_id, "t_abc");
  EXPECT_EQ(identity->visitor_id, "v_123");

  const std::string tampered_cases[] = {
      token.substr(0, token.size() - 1) + (token.back() == '0' ? "1" : "0"),  // MAC changed
      "v1.t_abc.v_999." + token.substr(token.rfind('.') + 1),                 // id changed
      "v2" + token.substr(2),                                                 // version
      "",
      "v1..v_123.00",
      "garbage",
      token + ".extra",
  };
  for (const auto& bad : tampered_cases) EXPECT_FALSE(signer.VerifyVisitor(bad)) << bad;

  TokenSigner other(std::string(32, 'x'));
  EXPECT_FALSE(other.VerifyVisitor(token)) << "another server's secret";
}

TEST(TokenSignerTest, SessionHashIsStableAndKeyed) {
  TokenSigner a(std::string(32, 'a'));
  TokenSigner b(std::string(32, 'b'));
  EXPECT_EQ(a.HashSessionToken("tok"), a.HashSessionToken("tok"));
  EXPECT_NE(a.HashSessionToken("tok"), a.HashSessionToken("tok2"));
  EXPECT_NE(a.HashSessionToken("tok"), b.HashSessionToken("tok"));
}

}  // namespace
}  // namespace kefu::auth
