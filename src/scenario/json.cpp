#include "scenario/json.hpp"

namespace peacesim::scenario {

nlohmann::ordered_json to_json(const Node& node) {
  switch (node.kind()) {
    case Node::Kind::Null:
      return nullptr;
    case Node::Kind::Scalar:
      return node.text();
    case Node::Kind::Sequence: {
      auto array = nlohmann::ordered_json::array();
      for (const Node& item : node.items()) array.push_back(to_json(item));
      return array;
    }
    case Node::Kind::Map: {
      // Keys are unique in a Node: appended directly, since ordered_json's operator[] searches the
      // keys before it (quadratic in a large mapping).
      auto object = nlohmann::ordered_json::object();
      auto& members = object.get_ref<nlohmann::ordered_json::object_t&>();
      members.reserve(node.entries().size());
      for (const auto& [key, value] : node.entries()) members.emplace_back(key, to_json(value));
      return object;
    }
  }
  return nullptr;
}

nlohmann::ordered_json to_json(const engine::ParameterSet& parameters) {
  auto list = nlohmann::ordered_json::array();
  for (const auto& spec : parameters.specs()) {
    const auto& origin = parameters.origin(spec.name);
    list.push_back({{"name", spec.name},
                    {"value", parameters.value(spec.name)},
                    {"kind", engine::kind_name(spec.kind)},
                    {"unit", spec.unit},
                    {"range", {spec.min, spec.max}},
                    {"default", spec.default_value},
                    {"source", origin.source},
                    {"set_at", origin.where},
                    {"description", spec.description}});
  }
  return list;
}

}  // namespace peacesim::scenario
