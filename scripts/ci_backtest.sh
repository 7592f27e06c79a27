#!/usr/bin/env bash
# A small backtest of the Mali scenario (docs/validation.md, "Backtesting"), run by
# scripts/run_tests.sh after the release build so that CI prints the forecasting table of every
# landed version. It fails only if the command breaks (any non-zero exit), never on the model's
# score: issue 12 will make the score a gate. One origin, four members, a short fit at scale 1000:
# about 20 s on 2 cores.
# Usage: ci_backtest.sh [PEACESIM]  (default build/release/peacesim)
set -euo pipefail
cd "$(dirname "$0")/.."
peacesim=${1:-build/release/peacesim}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
O=data/observed
"$peacesim" backtest scenarios/mali/mali.yaml --scale 1000 --origin 2015-12-31 --runs 4 \
  --budget 6 --fit-runs 1 --recheck 2 --recheck-runs 2 --threads 2 \
  --observed $O/acled_mali_aggregates_by_admin1_month_1997-2016.csv \
  --observed $O/unhcr_population_mali_origin_or_asylum_2009-2016.csv \
  --observed $O/minusma_fatalities_2013-2016.csv --out "$out/backtest.json"
test -s "$out/backtest.json"
