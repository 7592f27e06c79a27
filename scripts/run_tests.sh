#!/usr/bin/env bash
# Sets up (Debian packages), checks formatting, builds the release preset with warnings as errors,
# and runs the whole test suite with CTest; then does the same for the AddressSanitizer +
# UndefinedBehaviorSanitizer preset. --fast skips the sanitizer build.
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
done
