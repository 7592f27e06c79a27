#!/usr/bin/env bash
# Fails if any C++ file differs from .clang-format's style. Fix with: scripts/check_format.sh --fix
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- 'src/*.cpp' 'src/*.hpp' 'python/*.cpp' 'python/*.hpp' 'tests/*.cpp' \
  'tests/*.hpp' 'bench/*.cpp' 'bench/*.hpp' 'fuzz/*.cpp' 'fuzz/*.hpp' | while read -r f; do [ -f "$f" ] && echo "$f"; done)
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  echo "formatted ${#files[@]} files"
  exit 0
fi
if ! clang-format --dry-run --Werror "${files[@]}" 2>/tmp/peacesim-format.log; then
  head -40 /tmp/peacesim-format.log
  echo "clang-format: the files above differ from .clang-format's style; run scripts/check_format.sh --fix" >&2
  exit 1
fi
echo "clang-format: ${#files[@]} files follow the style"
