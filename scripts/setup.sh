#!/usr/bin/env bash
# Installs every Debian package peacesim needs to build, test and run.
# Used by the README's two commands and by .ci/run; safe to run again.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build git pkg-config clang-format python3
  libyaml-cpp-dev        # scenario files
  libcli11-dev           # command-line parsing
  libfmt-dev             # formatting
  libtbb-dev             # threading
  libboost-graph-dev     # route graph, shortest paths
  librandom123-dev       # counter-based random streams (Philox)
  libsqlite3-dev         # run store
  nlohmann-json3-dev     # manifest, JSON output
  libxxhash-dev          # scenario content hash
  libgdal-dev            # boundary files of the Mali theatre (src/geo, OGR API)
  libopenmpi-dev openmpi-bin  # distributed ensembles (mpirun -n K peacesim ensemble)
  libnlopt-cxx-dev       # derivative-free optimizers (peacesim calibrate)
  clang libclang-rt-14-dev  # libFuzzer targets (scripts/run_fuzzers.sh)
  libcpp-httplib-dev     # the web API (peacesim serve)
  libgtest-dev libgmock-dev  # tests
  libbenchmark-dev       # micro-benchmarks
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup: all Debian packages present"
fi
