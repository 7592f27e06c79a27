#!/usr/bin/env bash
# Builds the libFuzzer targets (in the `asan` preset: clang, ASan+UBSan, the same build as the
# sanitizer test suite, so CI compiles the code twice and not three times) and runs each on a copy of
# its seed corpus, after replaying its regressions (fuzz/regressions/<target>/: inputs that once
# crashed, kept so they never do again). Each run is RUNS executions with a fixed seed, so the
# same build explores the same inputs anywhere (CI included), capped at SECONDS. Prints
# executions, speed and corpus sizes; exits non-zero on any crash, leak, timeout or sanitizer
# report (the input is kept in build/asan/fuzz_artifacts/).
# Usage: bash scripts/run_fuzzers.sh [RUNS_PER_TARGET] [MAX_SECONDS_PER_TARGET]  (default 20000 120)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20000}
seconds=${2:-120}
cmake --preset asan >/dev/null
cmake --build --preset asan --target fuzz_scenario_loader fuzz_observed_readers fuzz_boundaries fuzz_http_request fuzz_fit_files fuzz_flee_case peacesim
mkdir -p build/asan/fuzz_artifacts
# A small real run store for the web API's target to answer from.
export PEACESIM_FUZZ_RUN=$PWD/build/asan/fuzz_api_run
if [ ! -d "$PEACESIM_FUZZ_RUN" ]; then
  build/asan/peacesim run scenarios/mali/mali.yaml --set calendar.end=2012-06-30 --scale 1000 -q --out "$PEACESIM_FUZZ_RUN"
fi
for target in scenario_loader observed_readers boundaries http_request fit_files flee_case; do
  bin=build/asan/fuzz/fuzz_$target
  work=$(mktemp -d)
  cp -r "fuzz/corpus/$target/." "$work/"
  seeds=$(ls "$work" | wc -l)
  if [ -d "fuzz/regressions/$target" ] && [ -n "$(ls -A "fuzz/regressions/$target")" ]; then
    echo "=== $target: replaying $(ls "fuzz/regressions/$target" | wc -l) regression input(s)"
    "$bin" -runs=0 "fuzz/regressions/$target"/* 2>&1 | tail -1
  fi
  echo "=== $target: $runs executions (at most ${seconds}s) from $seeds seed(s)"
  log=$(mktemp)
  if ! "$bin" -seed=1 -runs="$runs" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 \
      -artifact_prefix=build/asan/fuzz_artifacts/"$target"- "$work" > "$log" 2>&1; then
    tail -40 "$log"
    echo "FAIL: $target found a problem; the input is in build/asan/fuzz_artifacts/"
    exit 1
  fi
  executed=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  echo "$target: $executed executions ($speed/s), corpus $seeds -> $(ls "$work" | wc -l) inputs"
  rm -rf "$work" "$log"
done
