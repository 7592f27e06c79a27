// The API's answers, kept while the stores they were read from are unchanged (docs/web-api.md,
// "Caching"). A comparison of two ensembles of the reference scenario reads every member's store and takes
// seconds; asked again it is answered from here. Each answer is filed under its request and a version of its
// stores (store_version: sizes, times and inodes of the files read), so a store that is rewritten is read
// again. Concurrent requests for the same answer wait for one computation instead of starting their own. The
// kept answers are bounded in bytes; the least recently used go first.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "web/api.hpp"

namespace peacesim::web {

class AnswerCache {
 public:
  using Answer = std::shared_ptr<const Response>;

  explicit AnswerCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // The answer kept for (key, version), or else the one `compute` gives. Only one call computes a
  // given (key, version) at a time; the others wait for it and share its answer (or its exception).
  // Only successful answers (status 200) that fit the bound are kept.
  Answer get(const std::string& key, const std::string& version, const std::function<Response()>& compute);

  // Whether (key, version) would be answered without computing (kept, not being computed).
  [[nodiscard]] bool holds(const std::string& key, const std::string& version) const;

  // How many computations get() has started, and how many calls wait for one now: what the tests
  // count.
  [[nodiscard]] std::uint64_t computations() const;
  [[nodiscard]] std::size_t waiting() const;
  [[nodiscard]] std::size_t bytes() const;

 private:
  struct Entry {
    std::string version;
    Answer answer;
    std::list<std::string>::iterator recent;  // its place in recent_
  };
  void keep(const std::string& key, const std::string& version, const Answer& answer);  // mutex held
  void forget(std::map<std::string, Entry>::iterator it);                               // mutex held

  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;
  std::list<std::string> recent_;                                // keys, most recently used first
  std::map<std::string, std::shared_future<Answer>> computing_;  // by key and version
  std::size_t bytes_ = 0;
  std::uint64_t computations_ = 0;
  std::size_t waiting_ = 0;
};

}  // namespace peacesim::web
