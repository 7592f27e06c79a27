// Where a model's modules (its mechanisms) say what they bring, each in one place: its parameters
// (bound once, engine/parameter_table.hpp), its random streams, its state, its series and its
// systems. The lesson of FLAME GPU 2 (a model describes, the engine runs) and of flecs modules (a
// module is one import function that registers its components and systems).
//
// A module installs between begin("its name") and the next begin. What it registers is checked as
// it goes: a parameter, a random stream, a series or a system that another module already has is a
// RegistryError naming both modules. Objects are kept by type, one of each type per registry:
//   state<T>()      T belongs to this module and changes during a run: a checkpoint saves it as a
//                   whole (T is an aggregate with engine::archive_fields, or has its own serialize,
//                   and an operator== so that a restored run can be compared);
//   keep<T>(...)    T belongs to this module and is fixed once made (rules, series ids); if part of
//                   it changes, checkpoint(part) saves that part;
//   read<T>()       another module's object (its state, its parameters) or an input the model
//                   provides; read-only; the owner may install later (finish() checks it did);
//   provide<T>(x)   an input the model makes from the scenario, fixed during the run.
// The model then asks for its outputs (declare_outputs), its systems in the order of its day
// (systems) and its checkpoints (save, load).
#pragma once

#include <boost/core/demangle.hpp>
#include <cereal/archives/binary.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <concepts>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <typeindex>
#include <vector>

#include "engine/model.hpp"
#include "engine/parameter_table.hpp"
#include "engine/parameters.hpp"
#include "engine/random.hpp"
#include "engine/recorder.hpp"

namespace peacesim::engine {

class RegistryError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

class Registry {
 public:
  explicit Registry(const ParameterSet& parameters) : parameters_(parameters) {}
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;
  virtual ~Registry() = default;

  // --- while a module installs ---
  void begin(std::string module);
  [[nodiscard]] const std::string& module() const { return module_; }

  // Binds the module's parameters to the run's values; the struct is kept (others may read it).
  template <class P>
  const P& parameters(const ParameterTable<P>& table) {
    for (const auto& spec : table.specs())
      claim(parameter_owner_, spec.name, "parameter '" + spec.name + "'");
    P& p = own<P>(false);
    p = table.bind(parameters_);
    for (const auto& spec : table.specs()) bound_.push_back(spec.name);
    return p;
  }

  // Claims a random stream (engine/random.hpp) for this module.
  StreamId stream(StreamId id);

  template <class T>
  T& state() {
    static_assert(std::is_default_constructible_v<T>,
                  "a state starts from T{} and is filled in by its module");
    return checkpoint(own<T>(false));
  }

  template <class T, class... Args>
  T& keep(Args&&... args) {
    return own<T>(true, std::forward<Args>(args)...);
  }

  // A part of this module's object that changes during the run, saved as a whole.
  template <class T>
  T& checkpoint(T& part) {
    static_assert(std::equality_comparable<T>, "a checkpointed state needs operator== (= default)");
    parts_.push_back({module_, name_of<T>(), &part,
                      [](cereal::BinaryOutputArchive& a, void* p) { a(*static_cast<T*>(p)); },
                      [](cereal::BinaryInputArchive& a, void* p) { a(*static_cast<T*>(p)); },
                      [](const void* x, const void* y) {
                        return *static_cast<const T*>(x) == *static_cast<const T*>(y);
                      }});
    return part;
  }

  template <class T>
  const T& read() {
    auto it = slots_.find(typeid(T));
    if (it == slots_.end()) {
      if constexpr (std::is_default_constructible_v<T>) {
        it = slots_.emplace(typeid(T), Slot{"", name_of<T>(), std::make_shared<T>(), {}}).first;
      } else {
        throw RegistryError("module '" + module_ + "' reads " + name_of<T>() +
                            " before the module that makes it is installed");
      }
    }
    it->second.readers.push_back(module_);
    return *static_cast<const T*>(it->second.object.get());
  }

  template <class T>
  T& provide(T value) {
    return own<T>(true, std::move(value));
  }

  // Declares the module's series when the model declares its outputs.
  void series(std::function<void(Recorder&)> declare);

  void system(System s);

  // --- used by the model ---
  // Every object read has an owner. Throws RegistryError.
  void finish() const;

  // The names of the parameters bound so far, in order.
  [[nodiscard]] const std::vector<std::string>& bound() const { return bound_; }

  // Declares every module's series: those of the modules named in `first` in that order, then the
  // others' in install order. Throws RegistryError for a series name declared twice.
  void declare_outputs(Recorder& recorder, const std::vector<std::string>& first = {});

  // The Step systems in the order of `day` (every one exactly once), then the Observe systems in
  // install order. Throws RegistryError for a name not registered or a system left out.
  [[nodiscard]] std::vector<System> systems(const std::vector<std::string>& day) const;

  // Checkpoints: every state and checkpointed part, in install order.
  void save(std::ostream& out) const;
  void load(std::istream& in);
  // The states that differ from another registry's of the same model ("module: type").
  [[nodiscard]] std::vector<std::string> differences(const Registry& other) const;

  // An object a module holds (nullptr if none), for the model's summary.
  template <class T>
  [[nodiscard]] const T* find() const {
    const auto it = slots_.find(typeid(T));
    return it == slots_.end() || it->second.owner.empty() ? nullptr
                                                          : static_cast<const T*>(it->second.object.get());
  }

  // An object the modules hold, for the model (summaries, tests). Throws RegistryError if none.
  template <class T>
  [[nodiscard]] const T& get() const {
    const auto it = slots_.find(typeid(T));
    if (it == slots_.end() || it->second.owner.empty())
      throw RegistryError("no module holds " + name_of<T>());
    return *static_cast<const T*>(it->second.object.get());
  }

 private:
  struct Slot {
    std::string owner;  // empty until a module owns it
    std::string type;
    std::shared_ptr<void> object;
    std::vector<std::string> readers;
  };
  struct Part {
    std::string module;
    std::string type;
    void* object;
    void (*save)(cereal::BinaryOutputArchive&, void*);
    void (*load)(cereal::BinaryInputArchive&, void*);
    bool (*equal)(const void*, const void*);
  };
  struct Declaration {
    std::string module;
    std::function<void(Recorder&)> declare;
  };
  struct Registered {
    std::string module;
    System system;
  };

  template <class T>
  static std::string name_of() {
    return boost::core::demangle(typeid(T).name());
  }

  // Claims a name for this module; throws if another module has it.
  void claim(std::map<std::string, std::string>& owners, const std::string& name, const std::string& what);

  template <class T, class... Args>
  T& own(bool construct, Args&&... args) {
    auto it = slots_.find(typeid(T));
    if (it != slots_.end() && !it->second.owner.empty()) {
      throw RegistryError("module '" + module_ + "' makes " + name_of<T>() + ", which module '" +
                          it->second.owner + "' already makes");
    }
    if (it == slots_.end()) {
      std::shared_ptr<T> made;
      if constexpr (sizeof...(Args) > 0 || std::is_default_constructible_v<T>) {
        made = std::make_shared<T>(std::forward<Args>(args)...);
      }
      it = slots_.emplace(typeid(T), Slot{"", name_of<T>(), std::move(made), {}}).first;
    } else if (construct) {
      // Read before it was made: made now in place of the default the reader saw.
      if constexpr (std::is_move_assignable_v<T>) {
        *static_cast<T*>(it->second.object.get()) = T(std::forward<Args>(args)...);
      } else {
        throw RegistryError(name_of<T>() + " is read by '" + it->second.readers.front() +
                            "' before module '" + module_ + "' makes it: install '" + module_ + "' first");
      }
    }
    it->second.owner = module_;
    return *static_cast<T*>(it->second.object.get());
  }

  const ParameterSet& parameters_;
  std::string module_;
  std::vector<std::string> modules_;  // in install order
  std::map<std::type_index, Slot> slots_;
  std::map<std::string, std::string> parameter_owner_, stream_owner_, system_owner_;
  std::vector<std::string> bound_;
  std::vector<Part> parts_;
  std::vector<Declaration> declarations_;
  std::vector<Registered> systems_;
};

}  // namespace peacesim::engine
