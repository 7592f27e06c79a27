#!/usr/bin/env bash
# Run (and time) Mesa 3.3.1's own Epstein civil-violence example, headless.
#   tools/peers/mesa/run.sh [--width W] [--height H] [--steps N] [--seed S] [--collect on|off]
#                           [--series on|off] [model_keyword=value ...]
# Prints one JSON line: {"peer":"mesa", "version":..., "width":..., "steps":..., "seconds":..., ...};
# see epstein_mesa.py beside this file for every field.
# Needs setup.sh to have run once. MESA_PEER_CACHE overrides the cache folder; MESA_PEER_PYTHON
# the interpreter (default Debian's /usr/bin/python3.11, the one the unpacked packages are built for).
set -euo pipefail
cache=${MESA_PEER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/peacesim-peers/mesa}
[ -f "$cache/env.sh" ] || { echo "run tools/peers/mesa/setup.sh first (no $cache/env.sh)" >&2; exit 2; }
. "$cache/env.sh"
# Python itself is single-threaded here; keep numpy's libraries from starting thread pools so the
# timing is a one-core timing.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
exec "${MESA_PEER_PYTHON:-/usr/bin/python3.11}" "$(dirname "$0")/epstein_mesa.py" "$@"
