#!/usr/bin/env bash
# Cold runs of the command line: process start, font loading, the whole build and
# writing the file, as an editor sees them. Prints mean and min in ms for the
# whole issue and for a proof of page 1.
#   usage: bench/cold.sh [N]      (from anywhere; N runs each, default 10)
#   env:   PAIBAN=path/to/paiban  ISSUE=issues/2024-05-07
# Uses hyperfine when installed, else a bash loop timed with date +%s%N.
set -euo pipefail

N=${1:-10}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
PAIBAN=${PAIBAN:-build/paiban}
ISSUE=${ISSUE:-issues/2024-05-07}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

if [[ ! -x $PAIBAN ]]; then
  echo "cold.sh: $PAIBAN not found; build it first (cmake --build build --target paiban)" >&2
  exit 1
fi

whole=("$PAIBAN" build "$ISSUE" -o "$OUT/x.pdf" --allow-overset)
page1=("$PAIBAN" build "$ISSUE" -o "$OUT/p1.pdf" --allow-overset --page 1)

if command -v hyperfine >/dev/null; then
  q() { printf '%q ' "$@"; }
  hyperfine --warmup 1 --runs "$N" -N \
    -n "whole issue" "$(q "${whole[@]}")" \
    -n "page 1" "$(q "${page1[@]}")"
  exit 0
fi

# One run outside the timing, so the binary and the fonts are in the page cache
# (as they are on a working desk); "cold" here means a fresh process each time.
run() {
  local label=$1; shift
  "$@" >/dev/null 2>&1 || { echo "cold.sh: '$*' failed" >&2; "$@" >/dev/null; exit 1; }
  local sum=0 min= t0 t1 ms
  for ((i = 0; i < N; i++)); do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000 ))  # µs
    sum=$((sum + ms))
    if [[ -z $min || $ms -lt $min ]]; then min=$ms; fi
  done
  awk -v l="$label" -v n="$N" -v s="$sum" -v m="$min" \
    'BEGIN { printf "%-12s  mean %8.1f ms  min %8.1f ms  (%d runs)\n", l, s / n / 1000, m / 1000, n }'
}

run "whole issue" "${whole[@]}"
run "page 1" "${page1[@]}"
