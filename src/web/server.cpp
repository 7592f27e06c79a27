#include "web/server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "web/host_check.hpp"
#include "web/listener.hpp"
#include "web/request_head.hpp"

namespace peacesim::web {

namespace {

using Clock = std::chrono::steady_clock;

// A whole request handed to a worker. The connection (its socket) stays with the connection loop;
// the job only names it.
struct Job {
  int fd = -1;
  std::string input;  // the request's head, and whatever followed it
  Peer peer;
  bool last = false;  // the connection closes after this answer
};

// A worker's answer, back to the connection loop.
struct Done {
  int fd = -1;
  Exchange exchange;
  std::string rest;  // what followed the request (a next, pipelined one)
};

// A queue of jobs and the threads that take them, first come first served.
class Workers {
 public:
  void start(unsigned count, std::function<void(Job)> work) {
    for (unsigned i = 0; i < count; ++i) {
      threads_.emplace_back([this, work] {
        for (;;) {
          Job job;
          {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [&] { return closing_ || !jobs_.empty(); });
            if (closing_) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
          }
          work(std::move(job));
        }
      });
    }
  }
  void push(Job job) {
    {
      const std::lock_guard lock(mutex_);
      if (closing_) return;
      jobs_.push_back(std::move(job));
    }
    ready_.notify_one();
  }
  // Lets the running jobs finish; the waiting ones are dropped (their sockets are the loop's).
  void stop() {
    {
      const std::lock_guard lock(mutex_);
      closing_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Job> jobs_;
  bool closing_ = false;
  std::vector<std::thread> threads_;
};

struct Connection {
  enum class State { Reading, Working, Writing, Draining };
  int fd = -1;
  Peer peer;
  State state = State::Reading;
  std::string in;   // received, not yet handled
  std::string out;  // the answer being sent
  std::size_t sent = 0;
  Clock::time_point deadline;
  std::uint64_t waiting_since =
      0;  // when its wait for a request began, in order: who goes first when slots run out
  std::size_t requests = 0;
  bool close_after = false;  // after the answer being sent
  bool client_done = false;  // the client has shut its side
};

// A short answer written straight from the connection loop (a refusal), closing the connection.
std::string plain_answer(int status, const char* reason, const std::string& message) {
  const std::string body = nlohmann::json{{"error", message}}.dump();
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

Peer describe(int fd, const sockaddr_storage& remote) {
  const auto text = [](const sockaddr_storage& a, std::string& address, int& port) {
    char buf[INET6_ADDRSTRLEN] = {};
    if (a.ss_family == AF_INET) {
      const auto& v4 = reinterpret_cast<const sockaddr_in&>(a);
      ::inet_ntop(AF_INET, &v4.sin_addr, buf, sizeof buf);
      port = ntohs(v4.sin_port);
    } else if (a.ss_family == AF_INET6) {
      const auto& v6 = reinterpret_cast<const sockaddr_in6&>(a);
      ::inet_ntop(AF_INET6, &v6.sin6_addr, buf, sizeof buf);
      port = ntohs(v6.sin6_port);
    }
    address = buf;
  };
  Peer peer;
  text(remote, peer.address, peer.port);
  sockaddr_storage local{};
  socklen_t length = sizeof local;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) == 0)
    text(local, peer.local_address, peer.local_port);
  return peer;
}

}  // namespace

struct Server::Impl {
  const Api& api;
  ServerOptions options;
  Listener listener;
  std::unique_ptr<HttpHandler> handler;
  std::atomic<bool> stopping{false};
  int wake_read = -1, wake_write = -1;  // a pipe: workers and stop() wake the loop through it

  Workers cheap, expensive;
  std::mutex done_mutex;
  std::vector<Done> done;

  std::map<int, Connection> connections;  // by socket
  std::map<std::string, std::size_t> per_client;
  Clock::time_point accept_again{};  // after running out of file descriptors
  std::uint64_t waits = 0;           // connections that have begun waiting for a request

  Impl(const Api& a, ServerOptions o) : api(a), options(std::move(o)) {
    int p[2];
    if (::pipe2(p, O_NONBLOCK | O_CLOEXEC) == 0) {
      wake_read = p[0];
      wake_write = p[1];
    }
  }
  ~Impl() {
    if (listener.fd >= 0) ::close(listener.fd);
    if (wake_read >= 0) ::close(wake_read);
    if (wake_write >= 0) ::close(wake_write);
  }

  void wake() const {
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(wake_write, &byte, 1);  // full pipe: already woken
  }

  // --- the workers ---------------------------------------------------------------------------
  void work(Job job, Lane lane) {
    Exchange exchange = handler->handle(job.input, job.peer, job.last, lane);
    if (exchange.deferred) {
      expensive.push(std::move(job));
      return;
    }
    Done d{job.fd, std::move(exchange), {}};
    d.rest = job.input.substr(std::min(d.exchange.consumed, job.input.size()));
    {
      const std::lock_guard lock(done_mutex);
      done.push_back(std::move(d));
    }
    wake();
  }

  // --- the connection loop --------------------------------------------------------------------
  void close_connection(int fd) {
    const auto it = connections.find(fd);
    if (it == connections.end()) return;
    if (--per_client[it->second.peer.address] == 0) per_client.erase(it->second.peer.address);
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
    connections.erase(it);
  }

  // Best effort, for refusals just before closing: reads what the client has sent (closing a
  // socket with unread bytes resets the connection, and the refusal with it), then one non-blocking
  // write, whatever it manages.
  static void send_refusal(int fd, const std::string& answer) {
    char buf[16384];
    for (int i = 0; i < 4 && ::recv(fd, buf, sizeof buf, MSG_DONTWAIT) > 0; ++i) {
    }
    [[maybe_unused]] const auto n = ::send(fd, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  }

  void wait_for_request(Connection& c, Clock::time_point now) {
    c.state = Connection::State::Reading;
    c.deadline = now + options.limits.request_deadline;
    c.waiting_since = ++waits;
  }

  void refuse(Connection& c, int status, const char* reason, const std::string& message) {
    send_refusal(c.fd, plain_answer(status, reason, message));
    close_connection(c.fd);
  }

  void start_answer(Connection& c, std::string answer, bool close_after, Clock::time_point now) {
    c.state = Connection::State::Writing;
    c.out = std::move(answer);
    c.sent = 0;
    c.close_after = close_after;
    c.deadline = now + options.limits.answer_deadline;
    on_writable(c, now);
  }

  // A whole head: to a worker. Too long a head: 431. The client gone: close.
  void try_dispatch(Connection& c, Clock::time_point now) {
    if (head_length(c.in)) {
      c.state = Connection::State::Working;
      // A client that has shut its side may still have pipelined more requests: each is answered,
      // and the connection closes when no whole one is left (below, once this answer is sent).
      const bool last = c.requests + 1 >= options.limits.max_requests_per_connection;
      cheap.push(Job{c.fd, std::exchange(c.in, {}), c.peer, last});
    } else if (c.in.size() > options.limits.max_head_bytes) {
      start_answer(
          c,
          plain_answer(431, "Request Header Fields Too Large",
                       "request head over " + std::to_string(options.limits.max_head_bytes) + " bytes"),
          true, now);
    } else if (c.client_done) {
      close_connection(c.fd);
    }
  }

  void on_readable(Connection& c, Clock::time_point now) {
    char buf[16384];
    if (c.state == Connection::State::Draining) {
      for (;;) {
        const auto n = ::recv(c.fd, buf, sizeof buf, 0);
        if (n > 0) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
        close_connection(c.fd);
        return;
      }
    }
    while (c.in.size() <= options.limits.max_head_bytes) {
      const auto n = ::recv(c.fd, buf, sizeof buf, 0);
      if (n > 0) {
        c.in.append(buf, static_cast<std::size_t>(n));
        continue;
      }
      if (n == 0) {
        c.client_done = true;
        break;
      }
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) break;
      close_connection(c.fd);
      return;
    }
    try_dispatch(c, now);
  }

  void on_writable(Connection& c, Clock::time_point now) {
    while (c.sent < c.out.size()) {
      const auto n = ::send(c.fd, c.out.data() + c.sent, c.out.size() - c.sent, MSG_NOSIGNAL);
      if (n > 0) {
        c.sent += static_cast<std::size_t>(n);
        continue;
      }
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
      close_connection(c.fd);
      return;
    }
    c.out.clear();
    if (c.close_after) {
      if (c.client_done) {
        close_connection(c.fd);
        return;
      }
      // Read what the client still sends (a body never read) before closing, so that closing
      // with unread bytes does not reset the connection under the answer.
      ::shutdown(c.fd, SHUT_WR);
      c.state = Connection::State::Draining;
      c.deadline = now + options.limits.linger;
      return;
    }
    wait_for_request(c, now);
    try_dispatch(c, now);  // a pipelined request may already be here (or the client gone: close)
  }

  void on_deadline(Connection& c) {
    if (c.state == Connection::State::Reading && !c.in.empty()) {
      refuse(c, 408, "Request Timeout",
             "the request did not arrive whole within " +
                 std::to_string(options.limits.request_deadline.count()) + " ms");
    } else {
      close_connection(c.fd);
    }
  }

  void take_answers(Clock::time_point now) {
    std::vector<Done> answers;
    {
      const std::lock_guard lock(done_mutex);
      answers.swap(done);
    }
    for (auto& d : answers) {
      const auto it = connections.find(d.fd);
      if (it == connections.end()) continue;
      Connection& c = it->second;
      ++c.requests;
      c.in = std::move(d.rest);
      if (d.exchange.answer.empty()) {  // nothing to say (not a request at all): close
        close_connection(c.fd);
        continue;
      }
      start_answer(c, std::move(d.exchange.answer), d.exchange.close, now);
    }
  }

  // Makes room by dropping the connection that has waited longest for its request.
  bool drop_longest_waiting() {
    Connection* oldest = nullptr;
    for (auto& [fd, c] : connections) {
      if (c.state == Connection::State::Reading && (!oldest || c.waiting_since < oldest->waiting_since))
        oldest = &c;
    }
    if (oldest == nullptr) return false;
    refuse(*oldest, 503, "Service Unavailable",
           "the server is full: the connection that waited longest for its request was closed for a new one");
    return true;
  }

  void accept_all(Clock::time_point now) {
    for (;;) {
      sockaddr_storage remote{};
      socklen_t length = sizeof remote;
      const int fd =
          ::accept4(listener.fd, reinterpret_cast<sockaddr*>(&remote), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED) continue;
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
          accept_again = now + std::chrono::milliseconds(100);
        return;
      }
      const Peer peer = describe(fd, remote);
      const auto& limits = options.limits;
      if (per_client[peer.address] >= limits.max_connections_per_client ||
          (connections.size() >= limits.max_connections && !drop_longest_waiting())) {
        send_refusal(fd, plain_answer(503, "Service Unavailable", "too many connections; try again"));
        if (per_client[peer.address] == 0) per_client.erase(peer.address);
        ::close(fd);
        continue;
      }
      ++per_client[peer.address];
      Connection& c = connections[fd];
      c.fd = fd;
      c.peer = peer;
      wait_for_request(c, now);
    }
  }

  void run() {
    cheap.start(options.limits.cheap_workers, [this](Job job) { work(std::move(job), Lane::Cheap); });
    expensive.start(options.limits.expensive_workers,
                    [this](Job job) { work(std::move(job), Lane::Expensive); });
    std::vector<pollfd> polled;
    while (!stopping) {
      auto now = Clock::now();
      polled.clear();
      polled.push_back({wake_read, POLLIN, 0});
      const bool accepting = now >= accept_again;
      if (accepting) polled.push_back({listener.fd, POLLIN, 0});
      auto next = now + std::chrono::seconds(1);
      if (!accepting) next = std::min(next, accept_again);
      for (const auto& [fd, c] : connections) {
        if (c.state == Connection::State::Working) continue;
        polled.push_back(
            {fd, static_cast<short>(c.state == Connection::State::Writing ? POLLOUT : POLLIN), 0});
        next = std::min(next, c.deadline);
      }
      const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count();
      if (::poll(polled.data(), polled.size(), static_cast<int>(std::max<long>(wait, 0) + 1)) < 0 &&
          errno != EINTR)
        break;
      now = Clock::now();
      if (polled[0].revents) {
        char buf[256];
        while (::read(wake_read, buf, sizeof buf) > 0) {
        }
        take_answers(now);
      }
      // Sockets first, new connections last: a socket closed here may be given again by accept.
      for (std::size_t i = accepting ? 2 : 1; i < polled.size(); ++i) {
        if (polled[i].revents == 0) continue;
        const auto it = connections.find(polled[i].fd);
        if (it == connections.end()) continue;
        Connection& c = it->second;
        if (c.state == Connection::State::Writing) {
          on_writable(c, now);
        } else if (c.state == Connection::State::Reading || c.state == Connection::State::Draining) {
          on_readable(c, now);
        }
      }
      std::vector<int> late;
      for (const auto& [fd, c] : connections) {
        if (c.state != Connection::State::Working && c.deadline <= now) late.push_back(fd);
      }
      for (const int fd : late) on_deadline(connections.at(fd));
      if (accepting && (polled[1].revents & POLLIN)) accept_all(now);
    }
    cheap.stop();  // first: its workers may still hand jobs to the expensive ones
    expensive.stop();
    std::vector<int> open;
    for (const auto& [fd, c] : connections) open.push_back(fd);
    for (const int fd : open) close_connection(fd);
    done.clear();
  }
};

Server::Server(const Api& api, ServerOptions options)
    : impl_(std::make_unique<Impl>(api, std::move(options))) {}

Server::~Server() = default;

int Server::bind(const std::string& host, int port) {
  if (impl_->listener.fd >= 0) ::close(impl_->listener.fd);
  impl_->listener = listen_on(host, port);
  if (impl_->listener.fd < 0) return -1;
  const auto& limits = impl_->options.limits;
  impl_->handler = std::make_unique<HttpHandler>(
      impl_->api, HostCheck(host, impl_->options.allowed_hosts),
      static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(limits.request_deadline).count()),
      limits.max_requests_per_connection);
  return impl_->listener.port;
}

const std::string& Server::error() const { return impl_->listener.error; }

bool Server::loopback_only() const { return impl_->listener.loopback; }

void Server::listen() {
  if (impl_->listener.fd < 0 || impl_->wake_read < 0) return;
  impl_->run();
}

void Server::stop() {
  impl_->stopping = true;
  impl_->wake();
}

}  // namespace peacesim::web
