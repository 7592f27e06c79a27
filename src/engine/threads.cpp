#include "engine/threads.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>

namespace peacesim::engine {

unsigned hardware_threads() { return static_cast<unsigned>(tbb::info::default_concurrency()); }

ThreadLimit::ThreadLimit(unsigned threads)
    : threads_(threads == 0 ? hardware_threads() : threads),
      control_(
          std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, threads_)) {}

ThreadLimit::~ThreadLimit() = default;

}  // namespace peacesim::engine
