#!/usr/bin/env bash
# The sharding recipe .ci/sharding/parallel-local.sh (GNU parallel running
# shard processes, then consim merge) must give the report and the --out file
# of one unsharded sweep, apart from seeds_per_s, peak_rss_kb and each run's wall_ms.
# Usage: sharded_sweep_test.sh CONSIM
set -euo pipefail
consim=$1
recipe="$(dirname "$0")/../../.ci/sharding/parallel-local.sh"
command -v parallel >/dev/null || { echo "GNU parallel is not installed (.ci/install-deps installs it)"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

seeds=1..60
shards=4
options=(--nodes 5 --bug raft.apply-uncommitted)  # a bug, so the reports have failures to compare

# One sweep: exit 1, some seed fails.
rc=0
"$consim" sweep --seeds "$seeds" "${options[@]}" --jobs 2 --json --out "$dir/whole.jsonl" >"$dir/whole.json" || rc=$?
[ "$rc" -eq 1 ] || { echo "unsharded sweep: exit $rc, expected 1"; exit 1; }

# A file of an earlier, larger run in the same folder: the recipe must not merge it.
mkdir -p "$dir/sharded"
echo '{"sweep": {}}' >"$dir/sharded/shard-$shards.jsonl"
# The recipe: shards under GNU parallel, then merge (exit 1 too).
rc=0
CONSIM=$consim bash "$recipe" "$seeds" "$shards" "$dir/sharded" "${options[@]}" >"$dir/recipe.txt" || rc=$?
[ "$rc" -eq 1 ] || { echo "parallel-local.sh: exit $rc, expected 1"; cat "$dir/recipe.txt"; exit 1; }
rc=0
"$consim" merge $(seq -f "$dir/sharded/shard-%.0f.jsonl" 0 $((shards - 1))) --json >"$dir/merged.json" || rc=$?
[ "$rc" -eq 1 ] || { echo "merge --json: exit $rc, expected 1"; exit 1; }

strip_wall() { sed -E 's/"wall_ms":[^,}]*,?//' "$1"; }
strip_rate() { grep -Ev '"(seeds_per_s|peak_rss_kb)"' "$1"; }
same() { diff "$1" "$2" | cut -c1-300 | head -6; cmp -s "$1" "$2"; }
shard_files=("$dir"/sharded/shard-*.jsonl)
[ "${#shard_files[@]}" -eq "$shards" ] || { echo "expected $shards shard files"; exit 1; }
# Each file: its header line, then its seeds.
[ "$(cat "$dir"/sharded/shard-*.jsonl | wc -l)" -eq $((60 + shards)) ] || { echo "the shards do not hold 60 seeds"; exit 1; }
same <(strip_wall "$dir/whole.jsonl") <(strip_wall "$dir/sharded/merged.jsonl") || { echo "merged --out differs"; exit 1; }
same <(strip_rate "$dir/whole.json") <(strip_rate "$dir/merged.json") || { echo "merged report differs"; exit 1; }
echo "$shards shards of $seeds under GNU parallel, merged: the same report and --out as one sweep"
head -1 "$dir/recipe.txt"
