#!/usr/bin/env bash
# Sets up (Debian packages), checks formatting, builds the release preset with warnings as errors,
# and runs the whole test suite with CTest; then does the same for the AddressSanitizer +
# UndefinedBehaviorSanitizer preset, then runs each libFuzzer target for PEACESIM_FUZZ_RUNS
# executions (default 20000, fixed seed; docs/testing.md). After the release suite it prints a small
# backtest's table (scripts/ci_backtest.sh). --fast runs the release preset only.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/check_format.sh
presets=(release asan)
if [ "${1:-}" = "--fast" ]; then presets=(release); fi
for preset in "${presets[@]}"; do
  echo "=== ${preset}: configure, build, test"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  ctest --preset "$preset"
  if [ "$preset" = release ]; then
    echo "=== backtest: a small blind forecast of the Mali scenario (printed; fails only if the command breaks)"
    bash scripts/ci_backtest.sh build/release/peacesim
  fi
done
if [ "${1:-}" != "--fast" ]; then
  echo "=== fuzz: libFuzzer targets, ${PEACESIM_FUZZ_RUNS:-20000} executions each"
  bash scripts/run_fuzzers.sh "${PEACESIM_FUZZ_RUNS:-20000}" 120
fi
