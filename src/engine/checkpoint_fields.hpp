// How a model's state goes into a checkpoint (engine/checkpoint.hpp). cereal reads and writes with
// one function, so a model lists its changing fields once, in a public member template
// `template <class Archive> void checkpoint_fields(Archive&)`, and its save_state and load_state
// call these. Included only by the models' checkpoint sources, which also include the cereal
// headers for the types they list.
#pragma once

#include <cereal/archives/binary.hpp>
#include <istream>
#include <ostream>

namespace peacesim::engine {

template <class T>
void save_fields(std::ostream& out, const T& object) {
  cereal::BinaryOutputArchive archive(out);
  const_cast<T&>(object).checkpoint_fields(archive);  // writing changes nothing
}

template <class T>
void load_fields(std::istream& in, T& object) {
  cereal::BinaryInputArchive archive(in);
  object.checkpoint_fields(archive);
}

}  // namespace peacesim::engine
