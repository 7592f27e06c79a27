// Ranks without MPI (built when CMake does not find it, or PEACESIM_WITH_MPI is OFF): one process.
#include "distributed/ranks.hpp"

namespace peacesim::distributed {

bool Ranks::available() { return false; }

Ranks Ranks::from_environment() { return Ranks(0, 1, 1, false); }

Ranks::Ranks(Ranks&& other) noexcept
    : rank_(other.rank_), size_(other.size_), local_size_(other.local_size_), joined_(false) {}

Ranks::~Ranks() = default;

std::uint64_t Ranks::sum(std::uint64_t value) const { return value; }

bool Ranks::any(bool value) const { return value; }

void Ranks::barrier() const {}

}  // namespace peacesim::distributed
