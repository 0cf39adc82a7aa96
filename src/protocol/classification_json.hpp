// JSON of the inquiry classification (docs/protocol.md, "Inquiry classification"): the tree,
// the tenant settings, a recorded choice and the repeat-contact object. The parsers validate
// untrusted REST bodies (each error names the field); storage keeps the same JSON.
// Thread-safe (pure functions).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "engine/repeat_contact.hpp"
#include "engine/types.hpp"

namespace kefu::protocol {

// {"id","parent":id|null,"name","order","enabled"}
boost::json::object ClassificationNodeJson(const engine::ClassificationNode& node);
boost::json::array ClassificationTreeJson(const std::vector<engine::ClassificationNode>& tree);

// The body of PUT /api/classification/tree: {"nodes":[{id, parent?, name, order?, enabled?}]}.
// Nodes come back sorted by `order` (default: their place in the array). Checks types only; the
// tree's shape is engine::ReplaceTree's. kBadFrame with the reason.
Result<std::vector<engine::ClassificationNode>> ParseClassificationTree(
    const boost::json::value& body);

// {"required":bool,"repeat_window_hours":1..720}
boost::json::object ClassificationSettingsJson(const engine::ClassificationSettings& settings);
// Applies the fields present to `base` (a PUT of both, or either). kBadFrame with the reason.
Result<engine::ClassificationSettings> ParseClassificationSettings(
    const boost::json::value& value, engine::ClassificationSettings base = {});
// Storage form; a stored value that does not parse yields the defaults.
std::string ClassificationSettingsToStorage(const engine::ClassificationSettings& settings);
engine::ClassificationSettings ClassificationSettingsFromStorage(std::string_view text);

// {"id":id|null,"path":["账户问题","密码重置"],"summary":"…"}
boost::json::object ClassificationChoiceJson(const engine::ClassificationChoice& choice);
std::optional<engine::ClassificationChoice> ParseClassificationChoice(
    const boost::json::value& value);

// {"conversation","closed_at","classification":{"id","path"}|null,"summary"}, or null.
boost::json::value RepeatContactJson(const std::optional<engine::RepeatContact>& repeat);

}  // namespace kefu::protocol
