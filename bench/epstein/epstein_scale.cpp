// Runs one configuration of Epstein's model and prints its speed and memory (for BENCHMARKS.md).
//
//   epstein_scale [--variant mesa|netlogo|parallel] [--size N | --width W --height H]
//                 [--steps S] [--threads T] [--seed X] [--repeat R] [--tile N] [--series]
//                 [key=value ...]
//
// One line per repetition: agents, set-up time, step time, ns per agent-step (step wall time /
// (agents * steps)), the model's own bytes per agent, final counts; then a summary with the
// median wall-clock and CPU-time figures (CPU time is steadier on a shared machine), the best
// wall-clock figure, the peak resident memory of the process (getrusage) and the transparent
// huge pages in use. key=value pairs set model parameters by name (legitimacy=0.7 ...); the
// defaults are the variant's own. --series prints the counts after every step.
#include <fmt/format.h>
#include <sys/resource.h>
#include <tbb/global_control.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "models/epstein/mesa_world.hpp"
#include "models/epstein/netlogo_world.hpp"
#include "models/epstein/params.hpp"

using namespace peacesim::models::epstein;

namespace {

double wall_now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// CPU time of the whole process (all threads), in seconds.
double cpu_now() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

long peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// Transparent huge pages in use now (Linux), in KiB; -1 when unknown.
long huge_pages_kib() {
  std::FILE* f = std::fopen("/proc/self/smaps_rollup", "r");
  if (f == nullptr) return -1;
  char line[256];
  long kib = -1;
  while (std::fgets(line, sizeof line, f) != nullptr) {
    if (std::strncmp(line, "AnonHugePages:", 14) == 0) kib = std::strtol(line + 14, nullptr, 10);
  }
  std::fclose(f);
  return kib;
}

[[noreturn]] void usage(const std::string& why) {
  fmt::print(stderr, "epstein_scale: {}\n", why);
  std::exit(2);
}

void set_param(Params& p, const std::string& kv) {
  const auto eq = kv.find('=');
  if (eq == std::string::npos) usage("expected key=value, got " + kv);
  const std::string k = kv.substr(0, eq);
  const double v = std::strtod(kv.c_str() + eq + 1, nullptr);
  const auto u = static_cast<std::uint32_t>(v);
  if (k == "width") {
    p.width = u;
  } else if (k == "height") {
    p.height = u;
  } else if (k == "citizen_density") {
    p.citizen_density = v;
  } else if (k == "cop_density") {
    p.cop_density = v;
  } else if (k == "citizen_vision") {
    p.citizen_vision = u;
  } else if (k == "cop_vision") {
    p.cop_vision = u;
  } else if (k == "legitimacy") {
    p.legitimacy = v;
  } else if (k == "max_jail_term") {
    p.max_jail_term = u;
  } else if (k == "active_threshold") {
    p.active_threshold = v;
  } else if (k == "arrest_prob_constant") {
    p.arrest_prob_constant = v;
  } else if (k == "movement") {
    p.movement = v != 0.0;
  } else if (k == "legitimacy_drop") {
    p.legitimacy_drop = v;
  } else if (k == "legitimacy_drop_start") {
    p.legitimacy_drop_start = u;
  } else if (k == "legitimacy_drop_steps") {
    p.legitimacy_drop_steps = u;
  } else {
    usage("unknown parameter " + k);
  }
}

struct Options {
  std::string variant = "mesa";
  std::uint32_t steps = 100;
  unsigned threads = 1;
  std::uint64_t seed = 1;
  int repeat = 1;
  std::uint32_t tile = 64;
  bool series = false;
};

// `make(seed)` builds a world, `step(world, s)` runs step s.
template <class Make, class Step>
void run(const Options& o, const Params& p, Make&& make, Step&& step) {
  std::vector<double> wall_ns;
  std::vector<double> cpu_ns;
  for (int rep = 0; rep < o.repeat; ++rep) {
    const std::uint64_t seed = o.seed + static_cast<std::uint64_t>(rep);
    const double t0 = wall_now();
    auto world = make(seed);
    const double t1 = wall_now();
    const double c1 = cpu_now();
    for (std::uint32_t s = 0; s < o.steps; ++s) {
      step(*world, s);
      if (o.series) {
        const auto c = world->counts();
        fmt::print("step {} quiet {} active {} jailed {}\n", s + 1, c.quiet, c.active, c.jailed);
      }
    }
    const double t2 = wall_now();
    const double c2 = cpu_now();
    const auto n = static_cast<double>(world->agents());
    const double ns = (t2 - t1) * 1e9 / (n * o.steps);
    wall_ns.push_back(ns);
    cpu_ns.push_back((c2 - c1) * 1e9 / (n * o.steps));
    const auto c = world->counts();
    fmt::print(
        "{} {}x{} steps {} seed {} threads {}: agents {} (cops {}), setup {:.4f} s, steps {:.6f} s, "
        "{:.2f} ns/agent-step, {:.2f} bytes/agent, huge pages {} KiB, final active {} jailed {}, hash "
        "{:016x}\n",
        o.variant, p.width, p.height, o.steps, seed, o.threads, world->agents(), c.cops, t1 - t0, t2 - t1, ns,
        static_cast<double>(world->memory_bytes()) / n, huge_pages_kib(), c.active, c.jailed,
        world->state_hash());
  }
  std::sort(wall_ns.begin(), wall_ns.end());
  std::sort(cpu_ns.begin(), cpu_ns.end());
  fmt::print(
      "median {:.2f} ns/agent-step (wall), {:.2f} (CPU), best {:.2f} (wall) over {} runs; peak RSS {:.1f} "
      "MiB\n",
      wall_ns[wall_ns.size() / 2], cpu_ns[cpu_ns.size() / 2], wall_ns.front(), wall_ns.size(),
      static_cast<double>(peak_rss_kib()) / 1024.0);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  std::vector<std::string> sets;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) usage("missing value after " + a);
      return argv[++i];
    };
    if (a == "--variant") {
      o.variant = next();
    } else if (a == "--size") {
      const std::string n = next();
      sets.push_back("width=" + n);
      sets.push_back("height=" + n);
    } else if (a == "--width") {
      sets.push_back("width=" + next());
    } else if (a == "--height") {
      sets.push_back("height=" + next());
    } else if (a == "--steps") {
      o.steps = static_cast<std::uint32_t>(std::stoul(next()));
    } else if (a == "--threads") {
      o.threads = static_cast<unsigned>(std::stoul(next()));
    } else if (a == "--seed") {
      o.seed = std::stoull(next());
    } else if (a == "--repeat") {
      o.repeat = std::stoi(next());
    } else if (a == "--tile") {
      o.tile = static_cast<std::uint32_t>(std::stoul(next()));
    } else if (a == "--series") {
      o.series = true;
    } else if (a.find('=') != std::string::npos) {
      sets.push_back(a);
    } else {
      usage("unknown argument " + a);
    }
  }
  Params p = o.variant == "netlogo" ? netlogo_defaults() : mesa_defaults();
  for (const auto& s : sets) set_param(p, s);
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, o.threads);
  if (o.variant == "mesa") {
    run(
        o, p, [&](std::uint64_t seed) { return std::make_unique<MesaWorld>(p, seed); },
        [](MesaWorld& w, std::uint32_t s) { w.step_exact(s); });
  } else if (o.variant == "parallel") {
    run(
        o, p,
        [&](std::uint64_t seed) {
          return std::make_unique<MesaWorld>(p, seed, o.tile, MesaWorld::Use::Parallel);
        },
        [](MesaWorld& w, std::uint32_t s) { w.step_parallel(s); });
  } else if (o.variant == "netlogo") {
    run(
        o, p, [&](std::uint64_t seed) { return std::make_unique<NetLogoWorld>(p, seed); },
        [](NetLogoWorld& w, std::uint32_t s) { w.step(s); });
  } else {
    usage("variant must be mesa, netlogo or parallel");
  }
  return 0;
}
