// Dense structure-of-arrays agent storage with stable ids.
//
// Each component is its own contiguous vector, so a mechanism that reads two fields of every
// agent streams through two arrays and nothing else. Agents are addressed by a stable id that
// survives the removal of others; internally a sparse id -> slot map and a dense slot -> id array
// keep the columns packed (removal moves the last agent into the hole). Slot order is therefore
// deterministic: it depends only on the sequence of creations and removals.
#pragma once

#include <cassert>
#include <cstdint>
#include <limits>
#include <span>
#include <tuple>
#include <vector>

namespace peacesim::engine {

using AgentId = std::uint32_t;
inline constexpr AgentId kNoAgent = std::numeric_limits<AgentId>::max();

template <typename... Columns>
class AgentTable {
 public:
  using Slot = std::uint32_t;

  [[nodiscard]] std::size_t size() const { return ids_.size(); }
  [[nodiscard]] bool empty() const { return ids_.empty(); }

  void reserve(std::size_t n) {
    ids_.reserve(n);
    std::apply([n](auto&... column) { (column.reserve(n), ...); }, columns_);
  }

  // Adds an agent with the given component values; returns its id. Ids of removed agents are
  // reused lowest-first-freed-last (a stack), which is deterministic.
  AgentId create(Columns... values) {
    AgentId id;
    if (!free_ids_.empty()) {
      id = free_ids_.back();
      free_ids_.pop_back();
    } else {
      id = static_cast<AgentId>(slot_of_.size());
      slot_of_.push_back(kNoSlot);
    }
    slot_of_[id] = static_cast<Slot>(ids_.size());
    ids_.push_back(id);
    push_values(std::index_sequence_for<Columns...>{}, std::move(values)...);
    return id;
  }

  // Removes an agent; the last agent takes its slot.
  void remove(AgentId id) {
    assert(contains(id));
    const Slot hole = slot_of_[id];
    const Slot last = static_cast<Slot>(ids_.size() - 1);
    if (hole != last) {
      const AgentId moved = ids_[last];
      ids_[hole] = moved;
      slot_of_[moved] = hole;
      std::apply([hole, last](auto&... column) { ((column[hole] = std::move(column[last])), ...); },
                 columns_);
    }
    ids_.pop_back();
    std::apply([](auto&... column) { (column.pop_back(), ...); }, columns_);
    slot_of_[id] = kNoSlot;
    free_ids_.push_back(id);
  }

  [[nodiscard]] bool contains(AgentId id) const { return id < slot_of_.size() && slot_of_[id] != kNoSlot; }
  [[nodiscard]] Slot slot(AgentId id) const {
    assert(contains(id));
    return slot_of_[id];
  }
  [[nodiscard]] AgentId id_at(Slot slot) const { return ids_[slot]; }
  [[nodiscard]] std::span<const AgentId> ids() const { return ids_; }

  // The whole column of component I, indexed by slot.
  template <std::size_t I>
  [[nodiscard]] std::span<std::tuple_element_t<I, std::tuple<Columns...>>> column() {
    return std::get<I>(columns_);
  }
  template <std::size_t I>
  [[nodiscard]] std::span<const std::tuple_element_t<I, std::tuple<Columns...>>> column() const {
    return std::get<I>(columns_);
  }

  // One component of one agent, by id.
  template <std::size_t I>
  [[nodiscard]] auto& get(AgentId id) {
    return std::get<I>(columns_)[slot(id)];
  }

  // Bytes held per agent by the columns and the id maps (capacity, not just size).
  [[nodiscard]] std::size_t bytes_per_agent() const { return (sizeof(Columns) + ...) + 2 * sizeof(AgentId); }

  // Checkpoints (engine/checkpoint.hpp), and comparing a restored table with the saved one.
  bool operator==(const AgentTable&) const = default;
  template <class Archive>
  void serialize(Archive& a) {
    std::apply([&](auto&... column) { a(column...); }, columns_);
    a(ids_, slot_of_, free_ids_);
  }

 private:
  static constexpr Slot kNoSlot = std::numeric_limits<Slot>::max();

  template <std::size_t... I>
  void push_values(std::index_sequence<I...>, Columns&&... values) {
    (std::get<I>(columns_).push_back(std::move(values)), ...);
  }

  std::tuple<std::vector<Columns>...> columns_;
  std::vector<AgentId> ids_;   // slot -> id
  std::vector<Slot> slot_of_;  // id -> slot (kNoSlot when free)
  std::vector<AgentId> free_ids_;
};

}  // namespace peacesim::engine
