#include "engine/registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <istream>
#include <ostream>
#include <set>

namespace peacesim::engine {

void Registry::begin(std::string module) {
  if (module.empty()) throw RegistryError("a module needs a name");
  if (std::find(modules_.begin(), modules_.end(), module) != modules_.end())
    throw RegistryError("module '" + module + "' is installed twice");
  modules_.push_back(module);
  module_ = std::move(module);
}

void Registry::claim(std::map<std::string, std::string>& owners, const std::string& name,
                     const std::string& what) {
  if (module_.empty()) throw RegistryError(what + " declared outside a module (call begin first)");
  const auto [it, fresh] = owners.emplace(name, module_);
  if (!fresh) {
    throw RegistryError(what + " of module '" + module_ + "' is already declared by module '" + it->second +
                        "'");
  }
}

StreamId Registry::stream(StreamId id) {
  claim(stream_owner_, fmt::format("0x{:04X}", id), fmt::format("random stream 0x{:04X}", id));
  return id;
}

void Registry::series(std::function<void(Recorder&)> declare) {
  if (module_.empty()) throw RegistryError("series declared outside a module (call begin first)");
  declarations_.push_back({module_, std::move(declare)});
}

void Registry::system(System s) {
  claim(system_owner_, s.name, "system '" + s.name + "'");
  systems_.push_back({module_, std::move(s)});
}

void Registry::finish() const {
  for (const auto& [type, slot] : slots_) {
    if (slot.owner.empty()) {
      throw RegistryError(fmt::format("module '{}' reads {}, which no module makes or the model provides",
                                      slot.readers.empty() ? "?" : slot.readers.front(), slot.type));
    }
  }
}

void Registry::declare_outputs(Recorder& recorder, const std::vector<std::string>& first) {
  std::vector<std::string> order = first;
  for (const auto& m : modules_) {
    if (std::find(order.begin(), order.end(), m) == order.end()) order.push_back(m);
  }
  std::map<std::string, std::string> owner;  // series name -> module
  for (const auto& m : order) {
    for (const auto& d : declarations_) {
      if (d.module != m) continue;
      const std::size_t before = recorder.series().size();
      std::string name;
      try {
        d.declare(recorder);
      } catch (const std::logic_error& e) {
        // The recorder refuses a name declared twice; say which modules.
        for (const auto& spec : recorder.series()) {
          if (std::string(e.what()) == "series declared twice: " + spec.name) name = spec.name;
        }
        if (name.empty()) throw;
        throw RegistryError("series '" + name + "' of module '" + m + "' is already declared by module '" +
                            (owner.count(name) ? owner[name] : std::string("the model")) + "'");
      }
      for (std::size_t i = before; i < recorder.series().size(); ++i) owner[recorder.series()[i].name] = m;
    }
  }
}

std::vector<System> Registry::systems(const std::vector<std::string>& day) const {
  std::vector<System> out;
  std::set<std::string> listed;
  for (const auto& name : day) {
    if (!listed.insert(name).second) throw RegistryError("the day lists system '" + name + "' twice");
    const auto it = std::find_if(systems_.begin(), systems_.end(), [&](const Registered& r) {
      return r.system.name == name && r.system.phase == Phase::Step;
    });
    if (it == systems_.end())
      throw RegistryError("the day lists system '" + name + "', which no module registers");
    out.push_back(it->system);
  }
  for (const auto& r : systems_) {
    if (r.system.phase == Phase::Step && !listed.count(r.system.name)) {
      throw RegistryError("system '" + r.system.name + "' of module '" + r.module +
                          "' is not in the model's day: say when it runs");
    }
  }
  for (const auto& r : systems_) {
    if (r.system.phase == Phase::Observe) out.push_back(r.system);
  }
  return out;
}

void Registry::save(std::ostream& out) const {
  cereal::BinaryOutputArchive archive(out);
  for (const auto& p : parts_) p.save(archive, p.object);
}

void Registry::load(std::istream& in) {
  cereal::BinaryInputArchive archive(in);
  for (const auto& p : parts_) p.load(archive, p.object);
}

std::vector<std::string> Registry::differences(const Registry& other) const {
  if (parts_.size() != other.parts_.size()) return {"the two registries hold different states"};
  std::vector<std::string> out;
  for (std::size_t i = 0; i < parts_.size(); ++i) {
    const auto& a = parts_[i];
    const auto& b = other.parts_[i];
    if (a.type != b.type || a.module != b.module || !a.equal(a.object, b.object))
      out.push_back(a.module + ": " + a.type);
  }
  return out;
}

}  // namespace peacesim::engine
