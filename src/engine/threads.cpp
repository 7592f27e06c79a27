#include "engine/threads.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>

#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace peacesim::engine {

unsigned hardware_threads() { return static_cast<unsigned>(tbb::info::default_concurrency()); }

ThreadLimit::ThreadLimit(unsigned threads)
    : threads_(threads == 0 ? hardware_threads() : threads),
      control_(
          std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, threads_)) {}

ThreadLimit::~ThreadLimit() = default;

void side_by_side(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& prepare,
                  const std::function<void(std::size_t)>& work,
                  const std::function<void(std::size_t)>& done) {
  const std::size_t batch = std::max(1u, threads);
  for (std::size_t begin = 0; begin < count; begin += batch) {
    const std::size_t end = std::min(count, begin + batch);
    for (std::size_t i = begin; i < end; ++i) prepare(i);
    std::vector<std::exception_ptr> errors(end - begin);
    {
      std::vector<std::jthread> workers;
      for (std::size_t i = begin; i < end; ++i) {
        workers.emplace_back([&, i] {
          try {
            work(i);
          } catch (...) {
            errors[i - begin] = std::current_exception();
          }
        });
      }
    }
    for (const auto& e : errors) {
      if (e) std::rethrow_exception(e);
    }
    for (std::size_t i = begin; i < end; ++i) done(i);
  }
}

}  // namespace peacesim::engine
