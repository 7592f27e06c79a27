#include "engine/checkpoint.hpp"

#include <xxhash.h>

#include <cereal/archives/binary.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <cstring>
#include <sstream>
#include <string_view>

#include "engine/model.hpp"
#include "engine/recorder.hpp"

namespace peacesim::engine {

namespace {
// A frame around cereal's archive, checked before cereal reads a byte: cereal trusts the lengths
// it reads, so a damaged file must never reach it.
//   magic (24 bytes) | payload size (8) | XXH3-64 of the payload (8) | payload
constexpr std::string_view kMagic = "peacesim-checkpoint-v1\n\n";
constexpr std::size_t kHeader = 24 + 8 + 8;
static_assert(kMagic.size() == 24);

std::uint64_t read_u64(const std::string& s, std::size_t at) {
  std::uint64_t v = 0;
  std::memcpy(&v, s.data() + at, sizeof v);
  return v;
}

void append_u64(std::string& s, std::uint64_t v) { s.append(reinterpret_cast<const char*>(&v), sizeof v); }
}  // namespace

std::string save_checkpoint(std::uint32_t step, const Recorder& recorder, const Model& model) {
  if (!model.can_checkpoint()) throw CheckpointError("this model cannot save its state");
  std::ostringstream model_bytes(std::ios::binary);
  model.save_state(model_bytes);
  std::ostringstream out(std::ios::binary);
  {
    cereal::BinaryOutputArchive archive(out);
    archive(step);
    const_cast<Recorder&>(recorder).serialize_state(archive);  // cereal's one function reads and writes
    archive(model_bytes.str());
  }
  const std::string payload = out.str();
  std::string framed(kMagic);
  append_u64(framed, payload.size());
  append_u64(framed, XXH3_64bits(payload.data(), payload.size()));
  return framed + payload;
}

std::string read_checkpoint_file(const std::filesystem::path& path) {
  return read_input_file(path, {kMaxCheckpointBytes, "a checkpoint"});
}

std::uint32_t load_checkpoint(const std::string& bytes, Recorder& recorder, Model& model) {
  if (!model.can_checkpoint()) throw CheckpointError("this model cannot restore a state");
  if (bytes.size() < kHeader || std::string_view(bytes).substr(0, kMagic.size()) != kMagic)
    throw CheckpointError("not a checkpoint of this version of peacesim");
  const std::uint64_t size = read_u64(bytes, kMagic.size());
  if (size != bytes.size() - kHeader) throw CheckpointError("truncated (written by a run that was killed?)");
  if (XXH3_64bits(bytes.data() + kHeader, size) != read_u64(bytes, kMagic.size() + 8))
    throw CheckpointError("damaged: its checksum does not match");
  std::istringstream in(bytes.substr(kHeader), std::ios::binary);
  std::uint32_t step = 0;
  try {
    cereal::BinaryInputArchive archive(in);
    archive(step);
    recorder.serialize_state(archive);
    std::string model_bytes;
    archive(model_bytes);
    std::istringstream model_in(model_bytes, std::ios::binary);
    model.load_state(model_in);
  } catch (const cereal::Exception& e) {
    throw CheckpointError(std::string("truncated or damaged: ") + e.what());
  }
  return step;
}

}  // namespace peacesim::engine
