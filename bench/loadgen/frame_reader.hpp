// The fields of a Kefu server frame that a scenario reads, taken while the frame is parsed
// (Boost.JSON's basic_parser with a handler of our own) instead of from a tree built first: the
// tree's keys, values and lookups were about a fifth of a load generator worker's instructions per
// message, which it spends on the same two cores as the server it measures.
//
// What is read: at the top level `type`, `id`, `conversation`, `kind`, `text`, `code` and
// `message` (strings) and `seq` (an integer), `author.role` and `visitor.token`. As with a tree
// read by JsonString/JsonInt (json_fields.hpp): a field that is absent or of another type reads
// as empty (0), the last of duplicated keys wins, and nothing inside an array is read.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace kefu::bench {

struct FrameFields {
  std::string type;
  std::string id;
  std::string conversation;
  std::string kind;
  std::string text;
  std::string code;
  std::string message;
  std::string author_role;
  std::string visitor_token;
  std::int64_t seq = 0;
};

class FrameReader {
 public:
  FrameReader();
  ~FrameReader();
  FrameReader(const FrameReader&) = delete;
  FrameReader& operator=(const FrameReader&) = delete;

  // Parses one frame. False if it is not a JSON object (the fields are then unspecified).
  // The fields stay valid until the next call.
  bool Read(std::string_view frame);
  const FrameFields& fields() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kefu::bench
