#!/usr/bin/env bash
# What running from Python adds (issue 20, item 3): the default-scale Mali reference run, seed 1,
# one thread, from the command line and from `peacesim.run`, in turn, N pairs (default 7). Whole
# processes, the interpreter's start and `import peacesim` included. Prints each pair's wall
# seconds and ratio, then the median ratio. Run from the repository after building the release
# preset: bash bench/python/python_vs_cli.sh [N]
set -euo pipefail
pairs=${1:-7}
build=build/release
python=${PYTHON:-/usr/bin/python3}
scenario=scenarios/mali/mali.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

seconds_since() { awk -v now="$EPOCHREALTIME" -v then="$1" 'BEGIN { printf "%.6f", now - then }'; }

ratios=()
printf '%-5s %10s %10s %8s\n' pair cli_s python_s ratio
for i in $(seq "$pairs"); do
  start=$EPOCHREALTIME
  "$build/peacesim" run "$scenario" --seed 1 --threads 1 -q --out "$tmp/cli-$i"
  cli=$(seconds_since "$start")
  start=$EPOCHREALTIME
  PYTHONPATH=$build/python "$python" -c \
    "import peacesim; peacesim.run('$scenario', seed=1, threads=1, out='$tmp/py-$i')"
  py=$(seconds_since "$start")
  ratio=$(awk -v a="$py" -v b="$cli" 'BEGIN { printf "%.6f", a / b }')
  ratios+=("$ratio")
  printf '%-5s %10.3f %10.3f %8.4f\n' "$i" "$cli" "$py" "$ratio"
  cmp -s "$tmp/cli-$i/events.csv" "$tmp/py-$i/events.csv" || { echo "pair $i: outputs differ" >&2; exit 1; }
  rm -rf "$tmp/cli-$i" "$tmp/py-$i"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
printf 'median ratio python/cli: %.4f over %d pairs\n' "$median" "$pairs"
