// Thread control. Results never depend on the thread count: randomness is counter-based and keyed
// by entity, and systems reduce with exact (integer) or order-fixed arithmetic.
#pragma once

#include <cstddef>
#include <functional>
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

// Runs whole simulations side by side (ensemble members): for each batch of up to `threads`
// items, prepare(i) runs for each item in order on the calling thread (building a model may read
// files), then work(i) runs for all of them at once on plain threads (a member's own oneTBB work
// then stays on its thread: ThreadLimit is process-wide), then done(i) in order on the calling
// thread. The first exception of a batch is rethrown after the batch. Items never share state
// here, so results do not depend on `threads`.
void side_by_side(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& prepare,
                  const std::function<void(std::size_t)>& work, const std::function<void(std::size_t)>& done);

}  // namespace peacesim::engine
