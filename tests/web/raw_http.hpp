// A raw TCP connection to a server on 127.0.0.1, for the tests that must send what no HTTP client
// would (a body with a GET, a forged Host, a request head that never ends). Every read and write
// times out, so a test using it cannot hang whatever the server does.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

namespace peacesim::web::testing {

class RawConnection {
 public:
  explicit RawConnection(int port, std::chrono::milliseconds timeout = std::chrono::seconds(10))
      : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    if (fd_ < 0) return;
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  [[nodiscard]] bool connected() const { return fd_ >= 0; }

  // False when the bytes could not all be written (the server closed, or the write timed out).
  bool send(std::string_view bytes) {
    while (fd_ >= 0 && !bytes.empty()) {
      const auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return fd_ >= 0;
  }

  // Says the request is all sent (shuts the writing side), as `printf ... | nc` does.
  void finish_sending() {
    if (fd_ >= 0) ::shutdown(fd_, SHUT_WR);
  }

  // Whether the server has closed its side, without waiting: reads what has arrived.
  bool closed_by_server() {
    while (fd_ >= 0) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 0) <= 0) return false;
      char buf[4096];
      const auto n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return true;
      received_.append(buf, static_cast<std::size_t>(n));
    }
    return true;
  }

  // Everything the server sends until it closes the connection or a read times out.
  std::string read_until_closed() {
    char buf[65536];
    while (fd_ >= 0) {
      const auto n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      received_.append(buf, static_cast<std::size_t>(n));
    }
    return received_;
  }

  // One answer: its head, then as many body bytes as its Content-Length says (or until closed).
  std::string read_answer() {
    char buf[65536];
    for (;;) {
      const auto head_end = received_.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        const auto at = received_.find("Content-Length: ");
        if (at != std::string::npos && at < head_end) {
          const auto length = std::stoul(received_.substr(at + 16));
          if (received_.size() >= head_end + 4 + length) {
            std::string answer = received_.substr(0, head_end + 4 + length);
            received_.erase(0, answer.size());
            return answer;
          }
        }
      }
      const auto n = fd_ < 0 ? -1 : ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return std::exchange(received_, std::string());
      received_.append(buf, static_cast<std::size_t>(n));
    }
  }

  [[nodiscard]] const std::string& received() const { return received_; }

 private:
  int fd_;
  std::string received_;
};

// The status code of an answer ("HTTP/1.1 413 ..." gives 413), or 0 if there is none.
inline int status_of(std::string_view answer) {
  if (answer.size() < 12 || answer.substr(0, 7) != "HTTP/1.") return 0;
  return std::stoi(std::string(answer.substr(9, 3)));
}

// The body of an answer (after the blank line).
inline std::string body_of(const std::string& answer) {
  const auto at = answer.find("\r\n\r\n");
  return at == std::string::npos ? std::string() : answer.substr(at + 4);
}

// The "error" of a JSON answer's body, or "" if it has none.
inline std::string error_of(const std::string& answer) {
  const auto j = nlohmann::json::parse(body_of(answer), nullptr, false);
  return j.is_object() && j.contains("error") && j["error"].is_string() ? j["error"].get<std::string>()
                                                                        : std::string();
}

}  // namespace peacesim::web::testing
