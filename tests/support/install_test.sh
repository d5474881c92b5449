#!/usr/bin/env bash
# `cmake --install` puts consim and the bundled scenarios under a prefix, and
# the installed `consim suite` with no path runs them from there, in any folder.
# Usage: install_test.sh BUILD_DIR
set -euo pipefail
build=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cmake --install "$build" --prefix "$dir/prefix" >/dev/null
[ -x "$dir/prefix/bin/consim" ] || { echo "install: no bin/consim"; exit 1; }
[ -d "$dir/prefix/share/consim/scenarios/library" ] || { echo "install: no share/consim/scenarios/library"; exit 1; }
mkdir "$dir/elsewhere"
cd "$dir/elsewhere"
rc=0
"$dir/prefix/bin/consim" suite --json >"$dir/suite.json" || rc=$?
[ "$rc" -eq 0 ] || { echo "installed suite: exit $rc"; exit 1; }
grep -q "\"file\": \"$dir/prefix/share/consim/scenarios/library/" "$dir/suite.json" \
  || { echo "installed suite did not run the installed library"; head -c 600 "$dir/suite.json"; exit 1; }
echo "install: consim and its library under a prefix; suite runs the installed library from any folder"
