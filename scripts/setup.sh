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
  libcereal-dev          # checkpoints of long runs (binary archives of the model state)
  libxxhash-dev          # scenario content hash
  libgdal-dev            # boundary files of the Mali theatre (src/geo, OGR API)
  libopenmpi-dev openmpi-bin  # distributed ensembles (mpirun -n K peacesim ensemble)
  libnlopt-cxx-dev       # derivative-free optimizers (peacesim calibrate)
  clang libclang-rt-14-dev  # libFuzzer targets (scripts/run_fuzzers.sh)
  libcpp-httplib-dev     # the web API (peacesim serve)
  chromium               # the dashboard's browser test (web/e2e, headless)
  libgtest-dev libgmock-dev  # tests
  libbenchmark-dev       # micro-benchmarks
  pybind11-dev python3-dev  # the Python module (import peacesim; docs/python.md)
  python3-pandas python3-pytest python3-matplotlib  # its tables, its tests, its worked analysis
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

# The dashboard's front end (web/): TypeScript, Vite, d3 and playwright-core from the npm registry,
# in the versions web/package-lock.json pins. Needs Node.js 18 or later: Debian's nodejs and npm
# packages when the machine has none.
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
if ! command -v npm >/dev/null 2>&1; then
  echo "setup: installing nodejs npm"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
web_dir="$(cd "$(dirname "$0")/.." && pwd)/web"
if [ ! -f "$web_dir/node_modules/.package-lock.json" ] ||
    [ "$web_dir/package-lock.json" -nt "$web_dir/node_modules/.package-lock.json" ]; then
  echo "setup: installing the dashboard's npm packages (web/, versions from package-lock.json)"
  # `npm install --no-save` rather than `npm ci`: npm leaves rollup's platform packages out of
  # the lock file, which `npm ci` then refuses; --no-save installs the locked versions and
  # leaves package-lock.json untouched.
  (cd "$web_dir" && npm install --no-save --no-audit --no-fund --loglevel=error)
else
  echo "setup: the dashboard's npm packages are present"
fi
