#!/usr/bin/env bash
# One sweep as SHARDS processes on this machine, run by GNU parallel, then
# merged into the report that one `consim sweep` over every seed would give.
#   .ci/sharding/parallel-local.sh SEEDS SHARDS OUTDIR [sweep options...]
#   .ci/sharding/parallel-local.sh 1..100000 16 out --nodes 5 --bug raft.apply-uncommitted
# CONSIM names the binary (default: consim on PATH). Exits as merge does:
# 0 every seed passed, 1 some seed failed.
set -euo pipefail
consim=${CONSIM:-consim}
seeds=$1 shards=$2 out=$3
shift 3
mkdir -p "$out"
# Files of an earlier run in OUTDIR are never merged into this one.
rm -f "$out"/shard-*.jsonl "$out/merged.jsonl"
sweep=$(printf '%q ' "$consim" sweep --seeds "$seeds" --jobs 1 "$@")
# One single-threaded shard per core at a time. A shard exits 1 when a seed
# fails, which is a result; exit 2 (bad input) or a crash stops the rest.
parallel --will-cite --jobs "$(nproc)" --halt now,fail=1 \
  "$sweep --shard {}/$shards --out $(printf %q "$out")/shard-{}.jsonl >/dev/null; [ \$? -le 1 ]" \
  ::: $(seq 0 $((shards - 1)))
# This run's shards by name, not a glob: merge refuses a missing one.
files=()
for k in $(seq 0 $((shards - 1))); do files+=("$out/shard-$k.jsonl"); done
"$consim" merge "${files[@]}" --out "$out/merged.jsonl"
