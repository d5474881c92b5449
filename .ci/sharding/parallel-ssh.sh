#!/usr/bin/env bash
# One sweep spread over machines by GNU parallel over ssh. HOSTS is a
# --sshloginfile: one "1/user@host" per line (one shard at a time per host;
# each shard uses all of its host's cores), ":" for this machine. Every host
# needs the same consim on its PATH (same `consim --version`), and perl and
# rsync, which GNU parallel uses there: --return copies each shard's --out
# file back here with rsync, --cleanup removes it there.
#   .ci/sharding/parallel-ssh.sh SEEDS SHARDS HOSTS OUTDIR [sweep options...]
#   .ci/sharding/parallel-ssh.sh 1..1000000 64 hosts.txt out --bug raft.no-up-to-date-check
set -euo pipefail
seeds=$1 shards=$2 hosts=$(realpath "$3") out=$4
shift 4
mkdir -p "$out"
cd "$out"
# Files of an earlier run in OUTDIR are never merged into this one.
rm -f shard-*.jsonl merged.jsonl
sweep=$(printf '%q ' consim sweep --seeds "$seeds" "$@")
# Exit 1 (a seed failed) is a result; 2 (bad input), a crash or a lost host stops the run.
parallel --will-cite --sshloginfile "$hosts" --workdir ... --return shard-{}.jsonl --cleanup \
  --halt now,fail=1 "$sweep --shard {}/$shards --out shard-{}.jsonl >/dev/null; [ \$? -le 1 ]" \
  ::: $(seq 0 $((shards - 1)))
# This run's shards by name, not a glob: merge refuses a missing one.
consim merge $(seq -f 'shard-%.0f.jsonl' 0 $((shards - 1))) --out merged.jsonl
