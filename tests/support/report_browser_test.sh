#!/usr/bin/env bash
# Loads consim's HTML reports in headless Chromium and fails unless each one
# rendered (the page's script marks <body data-rendered="yes"> and counts what
# it drew into #render-stats) and the console shows no script error.
# Usage: report_browser_test.sh CONSIM SOURCE_DIR
set -euo pipefail
consim=$1
source_dir=$2
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "FAIL: Chromium is not installed, so the HTML reports cannot be checked in a browser."
  echo "      .ci/install-deps installs it (Debian package 'chromium'): apt-get install -y chromium"
  exit 1
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# Renders FILE (a path under $dir) and leaves the DOM in FILE.dom, the log in FILE.log.
render() {
  local file=$1 url="file://$1${2:-}"
  if ! timeout 120 "$browser" --headless --disable-gpu --no-sandbox --no-first-run --disable-extensions \
        --user-data-dir="$dir/profile" --enable-logging=stderr --v=0 --virtual-time-budget=5000 \
        --window-size=1400,900 --dump-dom "$url" >"$file.dom" 2>"$file.log"; then
    echo "FAIL: $browser could not load $url"; tail -20 "$file.log"; exit 1
  fi
}
# The value of attribute NAME of #render-stats in FILE's DOM
# (empty when it has none).
stat() { { grep -o "<div id=\"render-stats\"[^>]*>" "$1.dom" | grep -o " $2=\"[^\"]*\"" | cut -d'"' -f2; } || true; }
status=0
fail() { echo "FAIL: $*"; status=1; }
check_page() {
  local file=$1 name=$2
  grep -q '<body data-rendered="yes"' "$file.dom" || fail "$name: the page did not finish drawing ($(grep -o '<body[^>]*>' "$file.dom"))"
  [ "$(stat "$file" data-errors)" = "0" ] || fail "$name: script errors: $(stat "$file" data-last-error)"
  if grep -E ':CONSOLE[^]]*\]' "$file.log" >"$file.console"; then
    fail "$name: the console is not empty:"; cat "$file.console"
  fi
  if grep -q 'Uncaught' "$file.log"; then fail "$name: uncaught exception:"; grep 'Uncaught' "$file.log"; fi
}
check_run() {
  local file=$1 name=$2 nodes=$3
  check_page "$file" "$name"
  [ "$(stat "$file" data-lanes)" = "$nodes" ] || fail "$name: $(stat "$file" data-lanes) lanes drawn, expected $nodes"
  [ "$(stat "$file" data-arrows)" -gt 0 ] || fail "$name: no message arrows drawn"
  [ "$(stat "$file" data-charts)" = "2" ] || fail "$name: $(stat "$file" data-charts) charts drawn, expected 2"
  echo "$name: $(stat "$file" data-lanes) lanes, $(stat "$file" data-arrows) arrows, $(stat "$file" data-charts) charts," \
       "$(stat "$file" data-violation-marks) violation marks"
}

library=$source_dir/scenarios/library
"$consim" run "$library/raft-leader-crash.json" --report "$dir/crash.html" --quiet >/dev/null
render "$dir/crash.html"
check_run "$dir/crash.html" "raft-leader-crash" 5

# A bug run opens at its violation: the violation and its witness are drawn.
"$consim" run "$library/raft-bug-local-read.json" --report "$dir/bug.html" --quiet >/dev/null
render "$dir/bug.html"
check_run "$dir/bug.html" "raft-bug-local-read" 5
[ "$(stat "$dir/bug.html" data-violation-marks)" -ge 1 ] || fail "raft-bug-local-read: the violation is not drawn"
[ "$(stat "$dir/bug.html" data-witness)" -ge 2 ] || fail "raft-bug-local-read: the witness operations are not drawn"

# Small truths. A run that a violation ends opens with the violation inside
# the window, not on its edge.
"$consim" run "$library/paxos-bug-minority-accept.json" --report "$dir/end.html" --quiet >/dev/null
render "$dir/end.html"
check_page "$dir/end.html" "paxos-bug-minority-accept"
edge=$(stat "$dir/end.html" data-violation-edge-px)
[ -n "$edge" ] && [ "$edge" -ge 20 ] || fail "paxos-bug-minority-accept: the violation is ${edge:-not drawn} px from the window's edge"
# Fault labels overlap neither each other nor a fault's marker (measured as laid out).
"$consim" run "$library/raft-crash-storm.json" --report "$dir/storm.html" --quiet >/dev/null
render "$dir/storm.html"
check_run "$dir/storm.html" "raft-crash-storm" 5
[ "$(stat "$dir/storm.html" data-fault-labels)" -ge 3 ] 2>/dev/null || fail "raft-crash-storm: $(stat "$dir/storm.html" data-fault-labels) fault labels"
[ "$(stat "$dir/storm.html" data-fault-label-overlaps)" = "0" ] ||
  fail "raft-crash-storm: $(stat "$dir/storm.html" data-fault-label-overlaps) fault labels overlap"
# Multi-Paxos lanes show ballots (round.node), not packed numbers as terms.
"$consim" run "$library/multipaxos-leader-change-holes.json" --report "$dir/mp.html" --quiet >/dev/null
render "$dir/mp.html"
check_run "$dir/mp.html" "multipaxos-leader-change-holes" 5
grep -q '>leader b[0-9]*\.[0-9]*<' "$dir/mp.html.dom" || fail "multipaxos: no lane labelled with a ballot"
! grep -q '>leader t[0-9]' "$dir/mp.html.dom" || fail "multipaxos: a lane labelled with a term"
# No recovery figures where nothing recovered.
grep -q 'none: no heal was followed by a commit' "$dir/mp.html.dom" || fail "multipaxos: recovery figures without a heal"

# A protocol without roles, and a long run (bundled arrows), zoomed in by the address.
"$consim" run "$library/paxos-duelling-proposers.json" --report "$dir/paxos.html" --quiet >/dev/null
render "$dir/paxos.html"
check_run "$dir/paxos.html" "paxos-duelling-proposers" 5
"$consim" run --protocol raft --nodes 5 --seed 1 --duration-ms 60000 --report "$dir/long.html" --quiet >/dev/null
render "$dir/long.html"
check_run "$dir/long.html" "60 s run" 5
render "$dir/long.html" "#window=3000-3500"
check_run "$dir/long.html" "60 s run at 3000-3500 ms" 5

rc=0
"$consim" sweep --seeds 1..12 --jobs 2 --bug raft.no-up-to-date-check --report "$dir/sweep.html" --quiet >/dev/null || rc=$?
[ "$rc" -eq 1 ] || fail "sweep with a bug: exit $rc, expected 1"
render "$dir/sweep.html"
check_page "$dir/sweep.html" "sweep"
[ "$(stat "$dir/sweep.html" data-charts)" -ge 2 ] || fail "sweep: $(stat "$dir/sweep.html" data-charts) charts drawn"
echo "sweep: $(stat "$dir/sweep.html" data-charts) charts"
exit $status
