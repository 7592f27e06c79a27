#!/usr/bin/env bash
# Prepare a headless Mesa 3.3.1 (Python ABM framework) to run beside peacesim, using only
# Debian packages (no PyPI on these machines). Nothing is installed system-wide: Mesa's source
# and the Debian packages it needs are unpacked into a cache folder outside the repository.
#
#   tools/peers/mesa/setup.sh MESA_GIT_DIR [CACHE_DIR]
#
# MESA_GIT_DIR: a bare git snapshot of the public projectmesa/mesa repository (holding tag v3.3.1).
# CACHE_DIR:    where to unpack (default: $MESA_PEER_CACHE, else
#               ${XDG_CACHE_HOME:-$HOME/.cache}/peacesim-peers/mesa).
# Writes CACHE_DIR/env.sh (PYTHONPATH and LD_LIBRARY_PATH), which run.sh sources, and prints it.
# Safe to run again: finished parts are skipped.
set -euo pipefail
git_dir=${1:?usage: setup.sh MESA_GIT_DIR [CACHE_DIR]}
cache=${2:-${MESA_PEER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/peacesim-peers/mesa}}
tag=v3.3.1  # the version MODEL.md section 7 pins the Mesa variant to

git --git-dir="$git_dir" rev-parse -q --verify "refs/tags/$tag" >/dev/null 2>&1 ||
  { echo "setup.sh: $git_dir has no tag $tag (is it a snapshot of projectmesa/mesa?)" >&2; exit 2; }

mkdir -p "$cache/debs" "$cache/root" "$cache/src"
if [ ! -f "$cache/src/mesa/__init__.py" ]; then
  git --git-dir="$git_dir" archive "$tag" | tar -x -C "$cache/src"
fi

# Mesa 3.3.1 imports numpy, pandas, scipy (via its space modules), tqdm and networkx; the compare
# script also uses scipy.stats from here when the system Python has no scipy.
dist="$cache/root/usr/lib/python3/dist-packages"
if [ ! -d "$dist/numpy" ] || [ ! -d "$dist/scipy" ] || [ ! -d "$dist/pandas" ]; then
  apt-get update -qq >/dev/null 2>&1 || true
  # apt-get download warns when run as root that the _apt user cannot write here; harmless.
  ( cd "$cache/debs" && apt-get download -qq python3-numpy python3-scipy python3-pandas python3-pandas-lib \
      python3-tqdm python3-dateutil python3-tz python3-six python3-decorator liblbfgsb0 python3-networkx \
      2> >(grep -v 'unsandboxed as root' >&2) )
  for d in "$cache"/debs/*.deb; do dpkg-deb -x "$d" "$cache/root"; done
fi
cat > "$cache/env.sh" <<ENV
export PYTHONPATH="$cache/root/usr/lib/python3/dist-packages:$cache/src"
export LD_LIBRARY_PATH="$cache/root/usr/lib/x86_64-linux-gnu"
ENV
cat "$cache/env.sh"
