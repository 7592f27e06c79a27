// A list from which items are taken one at a time by their rank among those left.
//
// Drawing "the n-th of those left, in the list's order" by walking the list costs its length for
// each draw; a Fenwick tree over who is left (Fenwick 1994, "A new data structure for cumulative
// frequency tables") finds the n-th and takes it out in O(log length), and gives the same item.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace peacesim::engine {

template <class T>
class OrderedPool {
 public:
  explicit OrderedPool(std::vector<T> items) : items_(std::move(items)), tree_(items_.size() + 1, 0) {
    // Everyone present: node j holds the count of the ranks (j − lowbit(j), j].
    for (std::size_t j = 1; j < tree_.size(); ++j) {
      tree_[j] += 1;
      const std::size_t up = j + lowbit(j);
      if (up < tree_.size()) tree_[up] += tree_[j];
    }
    left_ = items_.size();
  }

  [[nodiscard]] std::size_t left() const { return left_; }

  // The n-th (from 0, n < left()) of the items left, in the list's order, taken out.
  T take(std::size_t n) {
    std::size_t position = 0;  // the last rank whose count of those left up to it is at most n
    std::uint32_t rest = static_cast<std::uint32_t>(n + 1);
    for (std::size_t step = std::bit_floor(tree_.size() - 1); step > 0; step >>= 1) {
      if (position + step < tree_.size() && tree_[position + step] < rest) {
        position += step;
        rest -= tree_[position];
      }
    }
    for (std::size_t j = position + 1; j < tree_.size(); j += lowbit(j)) --tree_[j];
    --left_;
    return items_[position];
  }

 private:
  static std::size_t lowbit(std::size_t j) { return j & (~j + 1); }

  std::vector<T> items_;
  std::vector<std::uint32_t> tree_;
  std::size_t left_ = 0;
};

}  // namespace peacesim::engine
