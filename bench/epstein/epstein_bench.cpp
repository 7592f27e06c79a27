// Google Benchmark cases for Epstein's civil-violence model (docs/model/epstein.md, BENCHMARKS.md).
//
//   epstein_bench --benchmark_filter=Hundred      # 100 steps from a fresh world, as Mesa is timed
//   epstein_bench --benchmark_filter=Scale        # one step at 4000x4000 (about 12 million agents)
//
// Counters: ns_per_agent_step (wall time / (agents * steps)), bytes_per_agent (the model's own
// arrays), agents. Times are wall clock (UseRealTime) so that multi-threaded cases are fair.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <chrono>
#include <memory>

#include "models/epstein/mesa_world.hpp"
#include "models/epstein/netlogo_world.hpp"
#include "models/epstein/params.hpp"

namespace {

using namespace peacesim::models::epstein;

Params sized(Params p, std::int64_t side) {
  p.width = static_cast<std::uint32_t>(side);
  p.height = static_cast<std::uint32_t>(side);
  return p;
}

void set_counters(benchmark::State& state, double agents, double steps, double bytes) {
  state.counters["agents"] = agents;
  state.counters["bytes_per_agent"] = bytes / agents;
  state.counters["ns_per_agent_step"] =
      benchmark::Counter(agents * steps * static_cast<double>(state.iterations()) / 1e9,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

enum class Kind { MesaExact, MesaParallel, NetLogo };

// 100 steps from a freshly placed world per iteration (set-up excluded): the figure Mesa's
// example is compared on (40x40 and 100x100, Mesa's defaults, one thread).
template <Kind kKind>
void Hundred(benchmark::State& state) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
  const Params p = sized(kKind == Kind::NetLogo ? netlogo_defaults() : mesa_defaults(), state.range(0));
  double agents = 0.0;
  double bytes = 0.0;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    auto run = [&](auto& world, auto&& step) {
      const auto t0 = std::chrono::steady_clock::now();
      for (std::uint32_t s = 0; s < 100; ++s) step(world, s);
      state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      agents = static_cast<double>(world.agents());
      bytes = static_cast<double>(world.memory_bytes());
      benchmark::DoNotOptimize(world.counts());
    };
    if constexpr (kKind == Kind::NetLogo) {
      NetLogoWorld w(p, seed++);
      run(w, [](NetLogoWorld& x, std::uint32_t s) { x.step(s); });
    } else {
      MesaWorld w(p, seed++, 64,
                  kKind == Kind::MesaParallel ? MesaWorld::Use::Parallel : MesaWorld::Use::Exact);
      run(w, [](MesaWorld& x, std::uint32_t s) {
        if constexpr (kKind == Kind::MesaExact) {
          x.step_exact(s);
        } else {
          x.step_parallel(s);
        }
      });
    }
  }
  set_counters(state, agents, 100.0, bytes);
}
BENCHMARK(Hundred<Kind::MesaExact>)
    ->Name("Hundred/mesa")
    ->Arg(40)
    ->Arg(100)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(Hundred<Kind::MesaParallel>)
    ->Name("Hundred/parallel")
    ->Arg(40)
    ->Arg(100)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(Hundred<Kind::NetLogo>)
    ->Name("Hundred/netlogo")
    ->Arg(40)
    ->Arg(100)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// One step per iteration on a large world that keeps running (Mesa's defaults): the scale figure.
// Arguments: side, threads (the parallel variant only).
template <Kind kKind>
void Scale(benchmark::State& state) {
  const auto threads = static_cast<std::size_t>(state.range(1));
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  const Params p = sized(kKind == Kind::NetLogo ? netlogo_defaults() : mesa_defaults(), state.range(0));
  std::uint32_t step = 0;
  auto bench = [&](auto& world, auto&& run_step) {
    // A few steps first: the first steps of a fresh world are not typical (everyone starts quiet).
    for (; step < 3; ++step) run_step(world, step);
    for (auto _ : state) run_step(world, step++);
    set_counters(state, static_cast<double>(world.agents()), 1.0, static_cast<double>(world.memory_bytes()));
  };
  if constexpr (kKind == Kind::NetLogo) {
    NetLogoWorld w(p, 1);
    bench(w, [](NetLogoWorld& x, std::uint32_t s) { x.step(s); });
  } else {
    MesaWorld w(p, 1, 64, kKind == Kind::MesaParallel ? MesaWorld::Use::Parallel : MesaWorld::Use::Exact);
    bench(w, [](MesaWorld& x, std::uint32_t s) {
      if constexpr (kKind == Kind::MesaExact) {
        x.step_exact(s);
      } else {
        x.step_parallel(s);
      }
    });
  }
}
BENCHMARK(Scale<Kind::MesaExact>)
    ->Name("Scale/mesa")
    ->Args({4000, 1})
    ->Iterations(5)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(Scale<Kind::MesaParallel>)
    ->Name("Scale/parallel")
    ->Args({4000, 1})
    ->Args({4000, 2})
    ->Iterations(5)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(Scale<Kind::NetLogo>)
    ->Name("Scale/netlogo")
    ->Args({4000, 1})
    ->Iterations(3)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
