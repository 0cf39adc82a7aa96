#include "frame_reader.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <iterator>
#include <string_view>
#include <utility>
#include <vector>

namespace kefu::bench {
namespace {

namespace json = boost::json;

// Collects FrameFields as the parser walks the frame. Containers are tracked on a stack: a field
// is read only at the top level, or in the object under `author` or `visitor`, never inside an
// array.
class FieldsHandler {
 public:
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);

  void Clear() {
    for (auto member : kStringFields) {
      if (member != nullptr) (fields.*member).clear();
    }
    fields.seq = 0;
    stack_.clear();
    root_is_object = false;
  }

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }

  bool on_object_begin(json::error_code&) {
    if (stack_.empty()) root_is_object = true;
    Begin();
    Push(false);
    return true;
  }
  bool on_object_end(std::size_t, json::error_code&) {
    stack_.pop_back();
    return true;
  }
  bool on_array_begin(json::error_code&) {
    Begin();
    Push(true);
    return true;
  }
  bool on_array_end(std::size_t, json::error_code&) {
    stack_.pop_back();
    return true;
  }

  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code&) {
    std::string_view key(s.data(), s.size());
    if (!key_.empty()) {  // the key came in parts
      key_.append(s.data(), s.size());
      key = key_;
    }
    if (!stack_.empty()) stack_.back().slot = SlotOf(key);
    key_.clear();
    return true;
  }

  bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
    value_.append(s.data(), s.size());
    return true;
  }
  bool on_string(json::string_view s, std::size_t, json::error_code&) {
    Begin();
    if (std::string* field = StringField()) {
      if (value_.empty()) {
        field->assign(s.data(), s.size());
      } else {  // the string came in parts
        value_.append(s.data(), s.size());
        field->swap(value_);
      }
    }
    value_.clear();
    return true;
  }

  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t i, json::string_view, json::error_code&) {
    Begin();
    if (Current() == kSeq) fields.seq = i;
    return true;
  }
  bool on_uint64(std::uint64_t, json::string_view, json::error_code&) { return Other(); }
  bool on_double(double, json::string_view, json::error_code&) { return Other(); }
  bool on_bool(bool, json::error_code&) { return Other(); }
  bool on_null(json::error_code&) { return Other(); }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

  FrameFields fields;
  bool root_is_object = false;

 private:
  // What a value at the current position is read into.
  enum Slot : unsigned char {
    kNone,
    kType,
    kId,
    kConversation,
    kKind,
    kText,
    kCode,
    kMessage,
    kSeq,
    kAuthor,   // the object whose role is read
    kVisitor,  // the object whose token is read
    kAuthorRole,
    kVisitorToken,
  };

  struct Level {
    bool array = false;
    Slot slot = kNone;  // an object's current key, as a slot
    Slot via = kNone;   // the slot of the key it is the value of (kNone in an array or at top)
  };

  Slot SlotOf(std::string_view key) const {
    if (stack_.back().array) return kNone;
    if (stack_.size() == 1) {
      static constexpr std::pair<std::string_view, Slot> kTop[] = {
          {"type", kType},       {"id", kId},     {"conversation", kConversation},
          {"kind", kKind},       {"text", kText}, {"code", kCode},
          {"message", kMessage}, {"seq", kSeq},   {"author", kAuthor},
          {"visitor", kVisitor}};
      for (const auto& [name, slot] : kTop) {
        if (key == name) return slot;
      }
      return kNone;
    }
    if (stack_.size() == 2 && !stack_[0].array) {
      if (stack_.back().via == kAuthor && key == "role") return kAuthorRole;
      if (stack_.back().via == kVisitor && key == "token") return kVisitorToken;
    }
    return kNone;
  }

  void Push(bool array) {
    const Slot via = !stack_.empty() && !stack_.back().array ? stack_.back().slot : kNone;
    stack_.push_back(Level{array, kNone, via});
  }

  Slot Current() const { return stack_.empty() ? kNone : stack_.back().slot; }

  bool Other() {
    Begin();
    return true;
  }

  // A value starts at the current position: whatever an earlier value under the same key set
  // is forgotten (the last of duplicated keys wins, and a value of another type reads as
  // empty), and so is what an earlier object under `author` or `visitor` set.
  void Begin() {
    switch (Current()) {
      case kSeq:
        fields.seq = 0;
        break;
      case kAuthor:
        fields.author_role.clear();
        break;
      case kVisitor:
        fields.visitor_token.clear();
        break;
      default:
        if (std::string* field = StringField()) field->clear();
    }
  }

  // The string field of each slot (none for kNone, kSeq, kAuthor and kVisitor).
  static constexpr std::string FrameFields::*kStringFields[] = {nullptr,
                                                                &FrameFields::type,
                                                                &FrameFields::id,
                                                                &FrameFields::conversation,
                                                                &FrameFields::kind,
                                                                &FrameFields::text,
                                                                &FrameFields::code,
                                                                &FrameFields::message,
                                                                nullptr,
                                                                nullptr,
                                                                nullptr,
                                                                &FrameFields::author_role,
                                                                &FrameFields::visitor_token};
  static_assert(std::size(kStringFields) == kVisitorToken + 1, "one entry per slot");

  std::string* StringField() {
    const auto member = kStringFields[Current()];
    return member != nullptr ? &(fields.*member) : nullptr;
  }

  std::vector<Level> stack_;
  std::string key_;    // a key's parts so far
  std::string value_;  // a string's parts so far
};

}  // namespace

struct FrameReader::Impl {
  Impl() : parser(json::parse_options{}) {}
  json::basic_parser<FieldsHandler> parser;
};

FrameReader::FrameReader() : impl_(std::make_unique<Impl>()) {}
FrameReader::~FrameReader() = default;

bool FrameReader::Read(std::string_view frame) {
  auto& parser = impl_->parser;
  parser.reset();
  parser.handler().Clear();
  json::error_code ec;
  const std::size_t used = parser.write_some(false, frame.data(), frame.size(), ec);
  return !ec && used == frame.size() && parser.done() && parser.handler().root_is_object;
}

const FrameFields& FrameReader::fields() const {
  return impl_->parser.handler().fields;
}

}  // namespace kefu::bench
