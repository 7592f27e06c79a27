#!/usr/bin/env bash
# Ensemble throughput: 8 Mali members with 1 process x 1 thread, mpirun -n 2 x 1 thread, and
# 1 process x 2 threads; prints wall times and checks the merged series are byte-identical.
# Usage: bash bench/ensemble/mpi_throughput.sh [RUNS]   (from the repository root, after a release build)
set -euo pipefail
runs=${1:-8}
bin=$PWD/build/release/peacesim
scenario=$PWD/scenarios/mali/mali.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
cd "$work"
/usr/bin/time -f "1 process x 1 thread:  %e s" "$bin" ensemble "$scenario" --runs "$runs" --threads 1 --out a -q
/usr/bin/time -f "2 processes x 1 thread: %e s" mpirun -n 2 "$bin" ensemble "$scenario" --runs "$runs" --threads 1 --out b -q
/usr/bin/time -f "1 process x 2 threads: %e s" "$bin" ensemble "$scenario" --runs "$runs" --threads 2 --out c -q
cmp a/ensemble_timeseries.csv b/ensemble_timeseries.csv && cmp a/ensemble_timeseries.csv c/ensemble_timeseries.csv &&
  echo "merged series byte-identical"
echo "member folder: $(du -sb a/member-0000 | cut -f1) bytes"
