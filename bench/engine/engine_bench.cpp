// Micro-benchmarks of the engine's hot parts: counter-based draws, dense agent columns, grid
// neighbourhoods, route-graph queries. Run: build/release/bench/engine/engine_bench
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "engine/agent_table.hpp"
#include "engine/grid.hpp"
#include "engine/random.hpp"
#include "engine/random_batch.hpp"
#include "engine/route_graph.hpp"

namespace peacesim::engine {
namespace {

void BM_PhiloxKeyedUniform(benchmark::State& state) {
  const RandomStreams streams(42);
  std::uint64_t entity = 0;
  double sum = 0;
  for (auto _ : state) {
    auto d = streams.draws(1, 7, entity++);
    sum += d.uniform();
  }
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PhiloxKeyedUniform);

// The same first uniforms, enciphered 256 keys at a time (engine/random_batch.hpp).
void BM_PhiloxFirstBlocks(benchmark::State& state) {
  std::array<PhiloxBlock, 256> blocks;
  std::uint64_t entity = 0;
  double sum = 0;
  for (auto _ : state) {
    first_blocks(42, 1, 7, entity, blocks);
    for (const auto& b : blocks) sum += first_uniform(b);
    entity += blocks.size();
  }
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(blocks.size()));
}
BENCHMARK(BM_PhiloxFirstBlocks);

void BM_PhiloxSequentialU32(benchmark::State& state) {
  RandomDraws d(42, 1, 7, 0);
  std::uint32_t x = 0;
  for (auto _ : state) x ^= d.next_u32();
  benchmark::DoNotOptimize(x);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PhiloxSequentialU32);

void BM_AgentColumnSweep(benchmark::State& state) {
  AgentTable<float, float, std::uint8_t> people;
  const auto n = static_cast<std::size_t>(state.range(0));
  people.reserve(n);
  for (std::size_t i = 0; i < n; ++i) people.create(0.5f, 0.25f, 0);
  for (auto _ : state) {
    auto h = people.column<0>();
    auto r = people.column<1>();
    auto s = people.column<2>();
    for (std::size_t i = 0; i < n; ++i) s[i] = h[i] * 0.2f - r[i] > 0.0f ? 1 : 0;
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_AgentColumnSweep)->Arg(1 << 20);

void BM_GridTorusNeighbours(benchmark::State& state) {
  const LatLonGrid g(0, 0, 1, 4000, 4000);
  const auto offsets = neighbourhood_offsets(Neighbourhood::VonNeumann, 7, false);
  std::vector<CellIndex> out(offsets.size());
  CellIndex cell = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(g.neighbours(cell, offsets, true, out));
    cell = (cell + 7919) % static_cast<CellIndex>(g.size());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GridTorusNeighbours);

void BM_RouteGraphDistancesFrom(benchmark::State& state) {
  RouteGraph g;
  const auto n = static_cast<std::uint32_t>(state.range(0));
  for (std::uint32_t i = 0; i < n; ++i) g.add_place({fmt::format("p{}", i), 0, 0, PlaceKind::Town, "MLI"});
  for (std::uint32_t i = 1; i < n; ++i) g.add_route(i - 1, i, 10.0 + i % 7);
  for (std::uint32_t i = 3; i < n; i += 3) g.add_route(i - 3, i, 25.0);
  for (auto _ : state) benchmark::DoNotOptimize(g.distances_from(0));
}
BENCHMARK(BM_RouteGraphDistancesFrom)->Arg(100);

}  // namespace
}  // namespace peacesim::engine

BENCHMARK_MAIN();
