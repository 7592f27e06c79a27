"""Generic code knows no theatre: fails, naming file:line, if a name of the reference theatre
appears in a file under src/.

The names are theatre data, so they live with the reference scenario
(scenarios/mali/theatre_names.txt, which says how they are matched and how an exception is
written). Run by CTest as `theatre_names_in_src`; by hand:

    python3 tests/tools/check_theatre_names.py [--root REPO] [--names FILE]
"""
import argparse
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
LETTER = r"[^\W\d_]"  # a letter, accented or not


def read_names(path):
    names, allowed = [], set()
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("allow:"):
                parts = line[len("allow:"):].split("--", 1)[0].split(None, 1)
                if len(parts) != 2:
                    raise SystemExit(f"{path}:{number}: expected 'allow: PATH NAME -- why'")
                allowed.add((parts[0], parts[1].strip().casefold()))
                continue
            names.append(line)
    if not names:
        raise SystemExit(f"{path}: no names")
    return names, allowed


def pattern(names):
    # Longest first, so that "Ansar Dine" is reported rather than a shorter name inside it.
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!{LETTER})(?:{alternatives})(?!{LETTER})", re.IGNORECASE)


def scan(root, names, allowed):
    regex = pattern(names)
    hits = []
    for folder, dirs, files in os.walk(os.path.join(root, "src")):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            try:
                with open(path, encoding="utf-8") as handle:
                    lines = handle.readlines()
            except UnicodeDecodeError:
                continue  # not text
            for number, line in enumerate(lines, 1):
                for m in regex.finditer(line):
                    if (rel, m.group(0).casefold()) in allowed:
                        continue
                    hits.append(f"{rel}:{number}: '{m.group(0)}': {line.strip()}")
    return hits


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=ROOT)
    parser.add_argument("--names", default=None)
    args = parser.parse_args()
    names_file = args.names or os.path.join(args.root, "scenarios", "mali", "theatre_names.txt")
    names, allowed = read_names(names_file)
    hits = scan(args.root, names, allowed)
    for h in hits:
        print(h)
    if hits:
        print(f"{len(hits)} line(s) under src/ name the reference theatre ({names_file}); generic code "
              "knows no theatre: reword the comment, or move the derivation to "
              "docs/model/parameter-sources.md and cite it there", file=sys.stderr)
        return 1
    print(f"no name of {len(names)} from {os.path.relpath(names_file, args.root)} under src/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
