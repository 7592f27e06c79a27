// A parallel pass over n entities that lists the few it picks, in entity order.
//
// The entities are cut into fixed blocks (not the scheduler's ranges); each block lists what it
// picks in its own vector, and the vectors are joined in block order. The joined list is therefore
// in entity order and the same whatever the threads, and the serial pass after it reads only what
// was picked, not every entity.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace peacesim::engine {

inline constexpr std::size_t kListBlock = std::size_t{1} << 14;

// body(begin, end, picked) appends to `picked` what it picks among entities [begin, end), in order.
template <class T, class Body>
std::vector<T> list_in_order(std::size_t n, Body&& body) {
  const std::size_t blocks = (n + kListBlock - 1) / kListBlock;
  std::vector<std::vector<T>> by_block(blocks);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      for (std::size_t b = range.begin(); b != range.end(); ++b)
                        body(b * kListBlock, std::min(n, (b + 1) * kListBlock), by_block[b]);
                    });
  std::vector<T> all;
  for (auto& block : by_block) all.insert(all.end(), block.begin(), block.end());
  return all;
}

}  // namespace peacesim::engine
