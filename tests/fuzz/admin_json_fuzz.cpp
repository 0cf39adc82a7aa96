// Fuzzes the parsers of the administrators' JSON bodies (docs/routing.md, docs/protocol.md): a
// queue's fields and routing (POST/PATCH /api/queues), agents' skills, the routing settings, the
// classification tree and settings, and a close's classification choice. Any JSON value must give
// a result or an Error with a reason; an accepted value must survive its own round trip through
// the JSON the server sends back or the form storage keeps.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <system_error>

#include "protocol/classification_json.hpp"
#include "protocol/routing_json.hpp"

namespace {

namespace json = boost::json;
namespace protocol = kefu::protocol;

template <typename R>
bool Rejected(const R& result) {
  if (result) return false;
  if (result.error().message.empty()) __builtin_trap();  // every refusal says why
  return true;
}

void Queue(const json::value& value, bool creating) {
  if (!value.is_object()) return;
  auto queue = protocol::ApplyQueueFields(value.as_object(), kefu::engine::QueueInfo{}, creating);
  if (Rejected(queue)) return;
  const std::string stored = protocol::RoutingToStorage(queue->routing);
  auto loaded = protocol::RoutingFromStorage(stored);
  if (!loaded || protocol::RoutingToStorage(*loaded) != stored) __builtin_trap();
}

void Skills(const json::value& value) {
  auto skills = protocol::ParseSkills(value);
  if (Rejected(skills)) return;
  if (protocol::SkillsFromStorage(protocol::SkillsToStorage(*skills)) != *skills) __builtin_trap();
  auto again = protocol::ParseSkills(protocol::SkillsJson(*skills));
  if (!again || *again != *skills) __builtin_trap();
}

void RoutingSettings(const json::value& value) {
  auto settings = protocol::ParseRoutingSettings(value);
  if (Rejected(settings)) return;
  auto again = protocol::ParseRoutingSettings(protocol::RoutingSettingsJson(*settings));
  if (!again || *again != *settings) __builtin_trap();
}

void ClassificationTree(const json::value& value) {
  auto tree = protocol::ParseClassificationTree(value);
  if (Rejected(tree)) return;
  json::object body;
  body["nodes"] = protocol::ClassificationTreeJson(*tree);
  auto again = protocol::ParseClassificationTree(body);
  if (!again || *again != *tree) __builtin_trap();
}

void ClassificationSettings(const json::value& value) {
  auto settings = protocol::ParseClassificationSettings(value);
  if (Rejected(settings)) return;
  if (protocol::ClassificationSettingsFromStorage(
          protocol::ClassificationSettingsToStorage(*settings)) != *settings) {
    __builtin_trap();
  }
}

void ClassificationChoice(const json::value& value) {
  auto choice = protocol::ParseClassificationChoice(value);
  if (!choice) return;
  auto again = protocol::ParseClassificationChoice(protocol::ClassificationChoiceJson(*choice));
  if (!again || *again != *choice) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::error_code ec;
  const json::value value = json::parse(text, ec);
  if (ec) return 0;  // the JSON parser itself is Boost's; the bodies' parsers are ours
  Queue(value, size % 2 == 0);
  Skills(value);
  RoutingSettings(value);
  ClassificationTree(value);
  ClassificationSettings(value);
  ClassificationChoice(value);
  return 0;
}
