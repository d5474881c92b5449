#!/usr/bin/env bash
# Runs every bundled scenario, at its own seed and two more, with two consim
# builds (g++ Release and clang++ sanitizer) and fails unless every trace hash
# is the same: determinism across compilers and build types.
set -euo pipefail
a=$1
b=$2
status=0
count=0
for file in scenarios/library/*.json; do
  for seed in "" 11 12345; do
    args=("$file")
    [ -n "$seed" ] && args+=(--seed "$seed")
    ha=$("$a" run "${args[@]}" --json | grep -o '"trace_hash": *"[0-9a-f]*"' || true)
    hb=$("$b" run "${args[@]}" --json | grep -o '"trace_hash": *"[0-9a-f]*"' || true)
    count=$((count + 1))
    if [ -z "$ha" ] || [ "$ha" != "$hb" ]; then
      echo "MISMATCH $file ${seed:+--seed $seed}: $ha vs $hb"
      status=1
    fi
  done
done
echo "$count runs compared"
exit $status
