#include "protocol/classification_json.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "engine/classification.hpp"

namespace kefu::protocol {
namespace {

namespace json = boost::json;

constexpr Millis kHour = 60 * 60 * 1000;
constexpr long kMaxRepeatWindowHours = 720;  // 30 days

Unexpected Bad(std::string message) {
  return Fail(ErrorCode::kBadFrame, std::move(message));
}

json::array Strings(const std::vector<std::string>& items) {
  json::array array;
  for (const auto& item : items) array.emplace_back(item);
  return array;
}

Result<engine::ClassificationNode> ParseNode(const json::value& value, std::size_t index) {
  const std::string where = "nodes[" + std::to_string(index) + "]";
  if (!value.is_object()) return Bad(where + " must be an object");
  engine::ClassificationNode node;
  node.order = static_cast<int>(index);
  bool has_id = false;
  bool has_name = false;
  for (const auto& [key, field] : value.get_object()) {
    if (key == "id") {
      if (!field.is_string()) return Bad(where + ".id must be a string");
      node.id = std::string(field.get_string());
      has_id = true;
    } else if (key == "parent") {
      if (field.is_null()) continue;
      if (!field.is_string()) return Bad(where + ".parent must be a node id or null");
      node.parent_id = std::string(field.get_string());
    } else if (key == "name") {
      if (!field.is_string()) return Bad(where + ".name must be a string");
      node.name = std::string(field.get_string());
      has_name = true;
    } else if (key == "order") {
      if (!field.is_int64() || field.get_int64() < 0 || field.get_int64() > 100000) {
        return Bad(where + ".order must be an integer 0-100000");
      }
      node.order = static_cast<int>(field.get_int64());
    } else if (key == "enabled") {
      if (!field.is_bool()) return Bad(where + ".enabled must be true or false");
      node.enabled = field.get_bool();
    } else {
      return Bad(where + ": unknown field " + std::string(key));
    }
  }
  if (!has_id || !has_name) return Bad(where + " needs an id and a name");
  return node;
}

}  // namespace

json::object ClassificationNodeJson(const engine::ClassificationNode& node) {
  return {{"id", node.id},
          {"parent", node.parent_id.empty() ? json::value(nullptr) : json::value(node.parent_id)},
          {"name", node.name},
          {"order", node.order},
          {"enabled", node.enabled}};
}

json::array ClassificationTreeJson(const std::vector<engine::ClassificationNode>& tree) {
  json::array array;
  for (const auto& node : tree) array.push_back(ClassificationNodeJson(node));
  return array;
}

Result<std::vector<engine::ClassificationNode>> ParseClassificationTree(const json::value& body) {
  const json::value* nodes = body.is_object() ? body.get_object().if_contains("nodes") : nullptr;
  if (nodes == nullptr || !nodes->is_array()) return Bad("the body must be {\"nodes\":[…]}");
  if (nodes->get_array().size() > engine::kMaxClassificationNodes) {
    return Bad("the tree has more than " + std::to_string(engine::kMaxClassificationNodes) +
               " nodes");
  }
  std::vector<engine::ClassificationNode> tree;
  std::size_t index = 0;
  for (const auto& value : nodes->get_array()) {
    auto node = ParseNode(value, index++);
    if (!node) return Unexpected{node.error()};
    tree.push_back(std::move(*node));
  }
  std::stable_sort(tree.begin(), tree.end(),
                   [](const auto& a, const auto& b) { return a.order < b.order; });
  return tree;
}

json::object ClassificationSettingsJson(const engine::ClassificationSettings& settings) {
  return {{"required", settings.required}, {"repeat_window_hours", settings.repeat_window / kHour}};
}

Result<engine::ClassificationSettings> ParseClassificationSettings(
    const json::value& value, engine::ClassificationSettings base) {
  if (!value.is_object()) return Bad("classification settings must be an object");
  for (const auto& [key, field] : value.get_object()) {
    if (key == "required") {
      if (!field.is_bool()) return Bad("required must be true or false");
      base.required = field.get_bool();
    } else if (key == "repeat_window_hours") {
      if (!field.is_int64() || field.get_int64() < 1 || field.get_int64() > kMaxRepeatWindowHours) {
        return Bad("repeat_window_hours must be an integer 1-" +
                   std::to_string(kMaxRepeatWindowHours));
      }
      base.repeat_window = field.get_int64() * kHour;
    } else {
      return Bad("unknown field " + std::string(key));
    }
  }
  return base;
}

std::string ClassificationSettingsToStorage(const engine::ClassificationSettings& settings) {
  return json::serialize(ClassificationSettingsJson(settings));
}

engine::ClassificationSettings ClassificationSettingsFromStorage(std::string_view text) {
  if (text.empty()) return {};
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec) return {};
  auto settings = ParseClassificationSettings(value);
  return settings ? *settings : engine::ClassificationSettings{};
}

json::object ClassificationChoiceJson(const engine::ClassificationChoice& choice) {
  return {{"id", choice.id.empty() ? json::value(nullptr) : json::value(choice.id)},
          {"path", Strings(choice.path)},
          {"summary", choice.summary}};
}

std::optional<engine::ClassificationChoice> ParseClassificationChoice(const json::value& value) {
  if (!value.is_object()) return std::nullopt;
  const auto& o = value.get_object();
  engine::ClassificationChoice choice;
  if (const auto* id = o.if_contains("id"); id && id->is_string()) {
    choice.id = std::string(id->get_string());
  }
  if (const auto* path = o.if_contains("path"); path && path->is_array()) {
    for (const auto& name : path->get_array()) {
      if (name.is_string()) choice.path.emplace_back(name.get_string());
    }
  }
  if (const auto* summary = o.if_contains("summary"); summary && summary->is_string()) {
    choice.summary = std::string(summary->get_string());
  }
  return choice;
}

json::value RepeatContactJson(const std::optional<engine::RepeatContact>& repeat) {
  if (!repeat) return nullptr;
  json::value classification = nullptr;
  if (!repeat->classification_id.empty()) {
    classification = json::object{{"id", repeat->classification_id},
                                  {"path", Strings(repeat->classification_path)}};
  }
  return json::object{{"conversation", repeat->conversation_id},
                      {"closed_at", repeat->closed_at},
                      {"classification", std::move(classification)},
                      {"summary", repeat->summary}};
}

}  // namespace kefu::protocol
