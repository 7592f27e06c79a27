// The processes of a distributed run (MPI): which one this is, how many there are, and the few
// collective operations an ensemble needs. Members exchange no data through MPI: each writes its
// own run folder to the (shared) file system, so a member's results are the same bytes whatever
// the number of processes; MPI only spreads the members and tells rank 0 when all are done.
//
// Without MPI (not launched by mpirun, or built without it) there is one process, rank 0 of 1,
// and every operation is the identity.
#pragma once

#include <cstddef>
#include <cstdint>

namespace peacesim::distributed {

class Ranks {
 public:
  // Joins the MPI world if this process was launched by mpirun/srun (MPI found at build time and
  // the launcher's environment present); else a world of one. Leaves it on destruction.
  static Ranks from_environment();
  ~Ranks();
  Ranks(Ranks&& other) noexcept;
  Ranks(const Ranks&) = delete;
  Ranks& operator=(const Ranks&) = delete;
  Ranks& operator=(Ranks&&) = delete;

  [[nodiscard]] int rank() const { return rank_; }
  [[nodiscard]] int size() const { return size_; }
  [[nodiscard]] bool distributed() const { return size_ > 1; }
  // Processes of this world on this machine (for threads per process).
  [[nodiscard]] int local_size() const { return local_size_; }

  // Whether member i is this process's: members are dealt round-robin, i mod size == rank.
  [[nodiscard]] bool owns(std::size_t member) const {
    return static_cast<int>(member % static_cast<std::size_t>(size_)) == rank_;
  }

  // Collective: the sum over processes (every process must call it).
  [[nodiscard]] std::uint64_t sum(std::uint64_t value) const;
  // Collective: true if any process says true.
  [[nodiscard]] bool any(bool value) const;
  // Collective: waits for every process.
  void barrier() const;

  // Whether this binary was built with MPI.
  static bool available();

 private:
  Ranks(int rank, int size, int local_size, bool joined)
      : rank_(rank), size_(size), local_size_(local_size), joined_(joined) {}
  int rank_ = 0;
  int size_ = 1;
  int local_size_ = 1;
  // MPI_Init was called by us: MPI_Finalize on destruction (unread in a build without MPI).
  [[maybe_unused]] bool joined_ = false;
};

}  // namespace peacesim::distributed
