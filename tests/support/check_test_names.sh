#!/usr/bin/env bash
# CTest hands each Catch2 test its name on the command line, where a comma,
# a semicolon or a square bracket is test-spec syntax: such a test would
# silently run nothing. Fails if any test name contains one.
set -euo pipefail
status=0
for exe in "$@"; do
  bad=$("$exe" --list-test-names-only | grep -E '[],;[]' || true)
  if [ -n "$bad" ]; then
    echo "$exe: test names that CTest cannot select:"
    echo "$bad"
    status=1
  fi
done
exit $status
