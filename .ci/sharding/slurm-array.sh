#!/usr/bin/env bash
# One sweep as a Slurm job array: array task K runs shard K/SHARDS and writes
# its --out file to RESULTS (a directory every node sees); a job that depends
# on the whole array then merges them.
#   SEEDS=1..1000000 SHARDS=100 RESULTS=$PWD/results bash .ci/sharding/slurm-array.sh
# Run on the login node, it submits both jobs; as an array task, it runs a shard.
#SBATCH --job-name=consim-sweep
#SBATCH --cpus-per-task=8
#SBATCH --output=consim-sweep-%A_%a.log
set -euo pipefail
: "${SEEDS:=1..1000000}" "${SHARDS:=100}" "${RESULTS:=$PWD/results}"
export SEEDS SHARDS RESULTS

if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
  mkdir -p "$RESULTS"
  # Files of an earlier run in RESULTS are never merged into this one.
  rm -f "$RESULTS"/shard-*.jsonl "$RESULTS/merged.jsonl"
  array=$(sbatch --parsable --array=0-$((SHARDS - 1)) "$0")
  # afterok: a shard that found failing seeds still succeeds (see below); only
  # bad input or a crash keeps the merge from running.
  sbatch --dependency=afterok:"$array" --job-name=consim-merge --output=consim-merge-%j.log \
    --wrap "consim merge $(seq -f "$RESULTS/shard-%.0f.jsonl" 0 $((SHARDS - 1)) | tr '\n' ' ') --out $RESULTS/merged.jsonl"
  exit 0
fi

k=$SLURM_ARRAY_TASK_ID
rc=0
consim sweep --seeds "$SEEDS" --shard "$k/$SHARDS" --jobs "${SLURM_CPUS_PER_TASK:-1}" \
  --out "$RESULTS/shard-$k.jsonl" || rc=$?
[ "$rc" -le 1 ]  # 1: some seed failed, a result the merge reports
