#!/usr/bin/env bash
# Sets up (Debian packages), builds the release preset's binary and Python module (import peacesim,
# registered for Debian's python3), and runs the Mali reference scenario
# (set PEACESIM_SCENARIO to run another).
# Extra arguments go to `peacesim run` (e.g. --seed 7 --threads 2).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target peacesim peacesim_python
bash scripts/register_python.sh build/release/python  # import peacesim (docs/python.md)
SCENARIO="${PEACESIM_SCENARIO:-scenarios/mali/mali.yaml}"
exec build/release/peacesim run "$SCENARIO" "$@"
