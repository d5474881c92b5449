#!/usr/bin/env bash
# The sweep benchmark of issue #5: seeds per second and peak memory for 10 s
# simulated, 5-node Raft runs with 3 clients and random faults, on every core,
# over a short sweep and a long one. Prints figures; asserts nothing.
# Usage: tests/bench/sweep_bench.sh CONSIM [LONG_SEEDS] [SHORT_SEEDS]
set -euo pipefail
consim=${1:?usage: sweep_bench.sh CONSIM [LONG_SEEDS] [SHORT_SEEDS]}
long=${2:-10000}
short=${3:-100}
scenario="$(cd "$(dirname "$0")/../.." && pwd)/scenarios/bench/sweep-raft-5n-3c.json"

# One sweep; prints "SEEDS_PER_S PEAK_RSS_KB" from its --json report.
measure() {
  local json
  json=$("$consim" sweep --scenario "$scenario" --seeds "1..$1" --json) || {
    echo "sweep of $1 seeds failed" >&2
    exit 1
  }
  local rate rss
  rate=$(grep -o '"seeds_per_s": [0-9.]*' <<<"$json" | grep -o '[0-9.]*$')
  rss=$(grep -o '"peak_rss_kb": [0-9]*' <<<"$json" | grep -o '[0-9]*$')
  echo "$rate $rss"
}

short_figures=$(measure "$short")
long_figures=$(measure "$long")
read -r short_rate short_rss <<<"$short_figures"
read -r long_rate long_rss <<<"$long_figures"
echo "sweep benchmark: $(basename "$scenario"), $(nproc) cores"
awk -v s="$short" -v sr="$short_rate" -v sk="$short_rss" -v l="$long" -v lr="$long_rate" -v lk="$long_rss" 'BEGIN {
  printf "  %6d seeds: %7.1f seeds/s, peak RSS %6.2f MB\n", s, sr, sk / 1024
  printf "  %6d seeds: %7.1f seeds/s, peak RSS %6.2f MB (%+.1f%% against %d seeds)\n", l, lr, lk / 1024, (lk - sk) * 100 / sk, s
}'
