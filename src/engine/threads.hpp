// Thread control. Results never depend on the thread count: randomness is counter-based and keyed
// by entity, and systems reduce with exact (integer) or order-fixed arithmetic.
#pragma once

#include <cstddef>
#include <memory>

namespace tbb {
inline namespace detail {
namespace d1 {
class global_control;
}
}  // namespace detail
}  // namespace tbb

namespace peacesim::engine {

// Caps the threads oneTBB may use for as long as it lives. 0 means "all cores".
class ThreadLimit {
 public:
  explicit ThreadLimit(unsigned threads);
  ~ThreadLimit();
  ThreadLimit(const ThreadLimit&) = delete;
  ThreadLimit& operator=(const ThreadLimit&) = delete;
  [[nodiscard]] unsigned threads() const { return threads_; }

 private:
  unsigned threads_;
  std::unique_ptr<tbb::detail::d1::global_control> control_;
};

unsigned hardware_threads();

}  // namespace peacesim::engine
