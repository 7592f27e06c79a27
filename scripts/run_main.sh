#!/usr/bin/env bash
# Sets up (Debian packages), builds the release preset, and runs the Mali reference scenario
# (set PEACESIM_SCENARIO to run another).
# Extra arguments go to `peacesim run` (e.g. --seed 7 --threads 2).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target peacesim
SCENARIO="${PEACESIM_SCENARIO:-scenarios/mali/mali.yaml}"
exec build/release/peacesim run "$SCENARIO" "$@"
