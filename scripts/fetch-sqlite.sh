#!/usr/bin/env bash
# Fetches the SQLite amalgamation (sqlite3.c, sqlite3.h) for the browser build of Persistence,
# without committing third-party source: it comes from the PyPI source distribution of `sqlean-py`
# at a pinned version, whose sha256 is checked before anything is extracted.
#
# Output: <repo>/.build-sqlite/<version>/{sqlite3.c,sqlite3.h} (git-ignored through `.build*/`).
# Prints that directory on stdout. Idempotent: a cache whose files are present is reused.
# Usage: scripts/fetch-sqlite.sh            (SQLITE_CACHE=<dir> to put the cache elsewhere)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=3.50.4.5
sha256=9764b565e7ab430ab6e9e43cb2816199c2b39926dffc93c212a52f0019278459
cache=${SQLITE_CACHE:-$root/.build-sqlite}/$version

if [ -s "$cache/sqlite3.c" ] && [ -s "$cache/sqlite3.h" ]; then echo "$cache"; exit 0; fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "fetch-sqlite: pip download sqlean-py==$version (sdist)" >&2
python3 -m pip download --quiet --no-deps --no-binary :all: "sqlean-py==$version" -d "$tmp" >&2
sdist="$tmp/sqlean_py-$version.tar.gz"
[ -f "$sdist" ] || { echo "fetch-sqlite: pip did not produce $(basename "$sdist")" >&2; exit 1; }
actual=$(sha256sum "$sdist" | cut -d' ' -f1)
if [ "$actual" != "$sha256" ]; then
  echo "fetch-sqlite: sha256 mismatch for $(basename "$sdist"): expected $sha256, got $actual" >&2
  exit 1
fi
tar -xzf "$sdist" -C "$tmp" "sqlean_py-$version/sqlite/sqlite3.c" "sqlean_py-$version/sqlite/sqlite3.h"
# sqlean-py appends its own extension bootstrap (`#include "init.h"`, `core_init`) after SQLite's
# end marker: the amalgamation proper ends at that marker, and only that part is kept.
src="$tmp/sqlean_py-$version/sqlite/sqlite3.c"
marker='/************************** End of sqlite3.c ******************************/'
line=$(grep -nF "$marker" "$src" | cut -d: -f1)
[ -n "$line" ] || { echo "fetch-sqlite: no end marker in sqlite3.c" >&2; exit 1; }
mkdir -p "$cache"
head -n "$line" "$src" >"$cache/sqlite3.c.partial"
cp "$tmp/sqlean_py-$version/sqlite/sqlite3.h" "$cache/sqlite3.h"
mv "$cache/sqlite3.c.partial" "$cache/sqlite3.c"
echo "$cache"
