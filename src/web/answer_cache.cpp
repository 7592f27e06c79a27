#include "web/answer_cache.hpp"

namespace peacesim::web {

namespace {
std::size_t size_of(const Response& r) { return r.body.size() + r.content_type.size() + sizeof(Response); }
std::string computing_key(const std::string& key, const std::string& version) {
  return key + '\n' + version;  // neither a path nor a version holds a newline
}
}  // namespace

AnswerCache::Answer AnswerCache::get(const std::string& key, const std::string& version,
                                     const std::function<Response()>& compute) {
  std::promise<Answer> promise;
  const std::string id = computing_key(key, version);
  {
    std::unique_lock lock(mutex_);
    if (const auto it = entries_.find(key); it != entries_.end() && it->second.version == version) {
      recent_.splice(recent_.begin(), recent_, it->second.recent);
      return it->second.answer;
    }
    if (const auto it = computing_.find(id); it != computing_.end()) {
      const std::shared_future<Answer> pending = it->second;
      ++waiting_;
      lock.unlock();
      pending.wait();
      lock.lock();
      --waiting_;
      lock.unlock();
      return pending.get();  // rethrows what the computation threw
    }
    computing_.emplace(id, promise.get_future().share());
    ++computations_;
  }
  Answer answer;
  try {
    answer = std::make_shared<const Response>(compute());
  } catch (...) {
    {
      const std::lock_guard lock(mutex_);
      computing_.erase(id);
    }
    promise.set_exception(std::current_exception());
    throw;
  }
  {
    const std::lock_guard lock(mutex_);
    computing_.erase(id);
    if (answer->status == 200) keep(key, version, answer);
  }
  promise.set_value(answer);
  return answer;
}

bool AnswerCache::holds(const std::string& key, const std::string& version) const {
  const std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  return it != entries_.end() && it->second.version == version;
}

std::uint64_t AnswerCache::computations() const {
  const std::lock_guard lock(mutex_);
  return computations_;
}

std::size_t AnswerCache::waiting() const {
  const std::lock_guard lock(mutex_);
  return waiting_;
}

std::size_t AnswerCache::bytes() const {
  const std::lock_guard lock(mutex_);
  return bytes_;
}

void AnswerCache::keep(const std::string& key, const std::string& version, const Answer& answer) {
  if (const auto it = entries_.find(key); it != entries_.end()) forget(it);  // an older version
  const std::size_t size = size_of(*answer) + key.size() + version.size();
  if (size > max_bytes_) return;
  while (bytes_ + size > max_bytes_ && !recent_.empty()) forget(entries_.find(recent_.back()));
  recent_.push_front(key);
  entries_.emplace(key, Entry{version, answer, recent_.begin()});
  bytes_ += size;
}

void AnswerCache::forget(std::map<std::string, Entry>::iterator it) {
  bytes_ -= size_of(*it->second.answer) + it->first.size() + it->second.version.size();
  recent_.erase(it->second.recent);
  entries_.erase(it);
}

}  // namespace peacesim::web
