#!/usr/bin/env bash
# Makes `import peacesim` work in Debian's python3 without PYTHONPATH (docs/python.md): a .pth file
# in the user's site-packages that names the build's python folder. No PyPI, nothing copied; safe
# to run again. Usage: bash scripts/register_python.sh [build/release/python]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(cd "${1:-build/release/python}" && pwd)
python=${PEACESIM_PYTHON:-/usr/bin/python3}
if [ ! -f "$dir/peacesim/__init__.py" ]; then
  echo "register_python: no built module in $dir (cmake --build --preset release --target peacesim_python)" >&2
  exit 1
fi
site=$("$python" -m site --user-site)
mkdir -p "$site"
echo "$dir" >"$site/peacesim.pth"
echo "import peacesim: $python finds $dir (through $site/peacesim.pth)"
