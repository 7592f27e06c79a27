// Ranks on OpenMPI (built when CMake finds MPI).
#include <mpi.h>

#include <cstdlib>
#include <stdexcept>

#include "distributed/ranks.hpp"

namespace peacesim::distributed {

namespace {
// Set by mpirun (OpenMPI), srun and Hydra-based launchers (PMI): only then do we join a world,
// so that a plain `peacesim ensemble` never tries to reach a launcher.
bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"}) {
    const char* v = std::getenv(name);
    if (v != nullptr && *v != '\0') return true;
  }
  return false;
}

int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return fallback;
  const int x = std::atoi(v);
  return x > 0 ? x : fallback;
}
}  // namespace

bool Ranks::available() { return true; }

Ranks Ranks::from_environment() {
  if (!launched_by_mpi()) return Ranks(0, 1, 1, false);
  int initialized = 0;
  MPI_Initialized(&initialized);
  bool joined = false;
  if (initialized == 0) {
    int provided = 0;
    // The members run on threads of their own, but only the main thread calls MPI.
    if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
      throw std::runtime_error("MPI_Init_thread failed");
    }
    joined = true;
  }
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return Ranks(rank, size, env_int("OMPI_COMM_WORLD_LOCAL_SIZE", size), joined);
}

Ranks::Ranks(Ranks&& other) noexcept
    : rank_(other.rank_), size_(other.size_), local_size_(other.local_size_), joined_(other.joined_) {
  other.joined_ = false;
}

Ranks::~Ranks() {
  if (joined_) MPI_Finalize();
}

std::uint64_t Ranks::sum(std::uint64_t value) const {
  if (size_ == 1) return value;
  unsigned long long in = value, out = 0;
  MPI_Allreduce(&in, &out, 1, MPI_UNSIGNED_LONG_LONG, MPI_SUM, MPI_COMM_WORLD);
  return out;
}

bool Ranks::any(bool value) const { return sum(value ? 1 : 0) > 0; }

void Ranks::barrier() const {
  if (size_ > 1) MPI_Barrier(MPI_COMM_WORLD);
}

}  // namespace peacesim::distributed
