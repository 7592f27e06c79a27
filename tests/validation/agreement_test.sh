#!/usr/bin/env bash
# `peacesim validate` (C++) and tools/mali/validate.py (Python, the reference of the calibration
# docs) give the same 14 metrics on the same run, to 1e-9.
# Usage: agreement_test.sh PEACESIM PYTHON SOURCE_DIR
set -euo pipefail
peacesim=$1 python=$2 source=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$source"
"$peacesim" run scenarios/mali/mali.yaml --set calendar.end=2016-12-31 --scale 1000 --out "$work/run" -q
O=data/observed
"$peacesim" validate "$work/run" --observed $O/acled_mali_aggregates_by_admin1_month_1997-2016.csv \
  --observed $O/unhcr_population_mali_origin_or_asylum_2009-2016.csv --observed $O/minusma_fatalities_2013-2016.csv \
  --out "$work/cpp.json" -q
"$python" tools/mali/validate.py "$work/run" --json "$work/py.json" > /dev/null
"$python" - "$work/cpp.json" "$work/py.json" <<'PY'
import json, sys
cpp = {m["name"]: m for m in json.load(open(sys.argv[1]))["metrics"]}
py = {m["metric"]: m for m in json.load(open(sys.argv[2]))["verdicts"]}
assert set(cpp) == set(py), (sorted(cpp), sorted(py))
for name, p in py.items():
    for key in ("model", "persistence", "trend"):
        a, b = cpp[name][key], p[key]
        assert (a is None) == (b is None) and (a is None or abs(a - b) < 1e-9), (name, key, a, b)
print(f"PASS: {len(py)} metrics agree")
PY
