#!/usr/bin/env bash
# `suite --junit` and `sweep --junit` write JUnit XML that a real parser
# (xmllint, libxml2) reads, with the counts of the run, one test case per
# scenario or failing seed, and each failure's repro line and trace hash.
# Usage: junit_test.sh CONSIM SOURCE_DIR
set -euo pipefail
consim=$1 src=$2
command -v xmllint >/dev/null || { echo "xmllint is not installed (.ci/install-deps installs libxml2-utils)"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "junit: $*"; exit 1; }
xpath() { xmllint --xpath "$2" "$1"; }

# A sweep with a bug: its JSON report and its XML agree.
rc=0
"$consim" sweep --seeds 1..30 --nodes 3 --jobs 2 --bug raft.apply-uncommitted --json --junit "$dir/sweep.xml" \
  >"$dir/sweep.json" || rc=$?
[ "$rc" -eq 1 ] || fail "sweep: exit $rc, expected 1"
xmllint --noout "$dir/sweep.xml" || fail "sweep.xml is not well-formed XML"
failed=$(grep -o '"failed": [0-9]*' "$dir/sweep.json" | grep -o '[0-9]*$')
[ "$failed" -gt 0 ] || fail "the bug failed no seed"
[ "$(xpath "$dir/sweep.xml" 'string(/testsuites/testsuite/@failures)')" = "$failed" ] || fail "sweep failures count"
[ "$(xpath "$dir/sweep.xml" 'count(//testcase/failure)')" = "$failed" ] || fail "one <failure> per failing seed"
[ "$(xpath "$dir/sweep.xml" 'count(//testcase)')" = "$((failed + 1))" ] || fail "failing seeds and one for the passed"
first=$(xpath "$dir/sweep.xml" 'string((//testcase[failure])[1]/@name)')
seed=${first#seed }
xpath "$dir/sweep.xml" 'string((//testcase/failure)[1])' | grep -qx "repro: consim run --protocol raft --nodes 3 --seed $seed --bug raft.apply-uncommitted" \
  || fail "the first failure lacks its repro line"
hash=$(xpath "$dir/sweep.xml" 'string((//testcase/failure)[1])' | sed -n 's/^trace: //p')
rerun=$("$consim" run --protocol raft --nodes 3 --seed "$seed" --bug raft.apply-uncommitted --json || true)
echo "$rerun" | grep -q "\"trace_hash\": \"$hash\"" || fail "seed $seed: the XML's trace hash $hash is not the rerun's"

# A suite of a failing and a passing scenario: one case each, the failure with its repro.
mkdir "$dir/s"
"$consim" gen --seed 3 --nodes 5 | sed 's/"bugs": \[\]/"bugs": ["raft.no-up-to-date-check"]/' >"$dir/s/bugged.json"
cp "$src/scenarios/library/raft-leader-crash.json" "$dir/s/"
rc=0
"$consim" suite "$dir/s" --junit "$dir/suite.xml" >/dev/null || rc=$?
[ "$rc" -eq 1 ] || fail "suite: exit $rc, expected 1"
xmllint --noout "$dir/suite.xml" || fail "suite.xml is not well-formed XML"
[ "$(xpath "$dir/suite.xml" 'string(/testsuites/@tests)')" = 2 ] || fail "suite: two test cases"
[ "$(xpath "$dir/suite.xml" 'string(/testsuites/@failures)')" = 1 ] || fail "suite: one failure"
[ "$(xpath "$dir/suite.xml" 'string(//testcase[failure]/@name)')" = gen-raft-n5-s3 ] || fail "suite: the failing case"
xpath "$dir/suite.xml" 'string(//testcase/failure/@type)' | grep -q leader_completeness || fail "suite: failure type"
xpath "$dir/suite.xml" 'string(//testcase/failure)' | grep -qx "repro: consim run $dir/s/bugged.json --seed 3" \
  || fail "suite: the failure lacks its repro line"
[ "$(xpath "$dir/suite.xml" 'count(//testcase[@name="raft-leader-crash"]/failure)')" = 0 ] || fail "suite: the pass"
echo "junit: sweep ($failed failing seeds) and suite XML parse, with counts, repro lines and trace hashes"
