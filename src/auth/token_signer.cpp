#include "auth/token_signer.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cassert>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace kefu::auth {
namespace {

std::string ToHex(const unsigned char* data, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), data, size);
  hex.pop_back();
  return hex;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

}  // namespace

TokenSigner::TokenSigner(std::string secret) : secret_(std::move(secret)) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  if (secret_.size() < 32) throw std::runtime_error("the server secret is shorter than 32 bytes");
}

std::string TokenSigner::Mac(std::string_view message) const {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret_.data()),
                              secret_.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  return ToHex(mac, sizeof mac);
}

std::string TokenSigner::SignVisitor(const VisitorIdentity& identity) const {
  assert(identity.tenant_id.find('.') == std::string::npos && "ids never contain dots");
  std::string body = "v1." + identity.tenant_id + "." + identity.visitor_id;
  return body + "." + Mac(body);
}

std::optional<VisitorIdentity> TokenSigner::VerifyVisitor(std::string_view token) const {
  if (token.size() > 256) return std::nullopt;
  auto parts = Split(token, '.');
  if (parts.size() != 4 || parts[0] != "v1" || parts[1].empty() || parts[2].empty()) {
    return std::nullopt;
  }
  const std::string_view body = token.substr(0, token.size() - parts[3].size() - 1);
  const std::string expected = Mac(body);
  // Constant-time comparison so that the MAC cannot be guessed byte by byte.
  if (parts[3].size() != expected.size() ||
      sodium_memcmp(parts[3].data(), expected.data(), expected.size()) != 0) {
    return std::nullopt;
  }
  return VisitorIdentity{std::string(parts[1]), std::string(parts[2])};
}

std::string TokenSigner::HashSessionToken(std::string_view token) const {
  return Mac(std::string("session:").append(token));
}

std::string LoadOrCreateSecret(const std::string& path) {
  {
    std::ifstream in(path, std::ios::binary);
    if (in) {
      std::stringstream buffer;
      buffer << in.rdbuf();
      std::string secret = buffer.str();
      if (secret.size() < 32) throw std::runtime_error("secret file " + path + " is too short");
      return secret;
    }
  }
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::string secret(32, '\0');
  randombytes_buf(secret.data(), secret.size());
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) throw std::runtime_error("cannot create secret file " + path);
  const bool ok =
      ::write(fd, secret.data(), secret.size()) == static_cast<ssize_t>(secret.size()) &&
      ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot write secret file " + path);
  return secret;
}

}  // namespace kefu::auth
