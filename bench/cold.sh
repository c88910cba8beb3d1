#!/usr/bin/env bash
# Cold runs of the command line, one fresh process each (start, fonts, the whole
# job, the file written), for every speed target of issue #17, with paiban's
# disk cache off (PAIBAN_CACHE=off) and warm. Prints the median and the minimum
# wall time and the median user+system CPU time, in ms.
#   usage: bench/cold.sh [N]      (from anywhere; N runs each, default 9)
#   env:   PAIBAN=path/to/paiban   PEERS=../shared/peers (the side-by-side job)
# Jobs: the sample issue (4 pages, photos); the peers' job at 1x (2 pages), 16x
# (19 pages), 55x (64 pages) and 55xu (64 pages, no paragraph repeated), made
# under build/peers/ once; a PNG proof of page 1 of the 1x job at 72 dpi;
# `paiban fit` of the sample and of 55x. On a busy machine trust the CPU column
# and the minimum more than the median.
set -euo pipefail

N=${1:-9}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
PAIBAN=$(readlink -f "${PAIBAN:-build/paiban}")
PEERS=${PEERS:-$ROOT/../shared/peers}
OUT=$(mktemp -d)
CACHE=$(mktemp -d)
trap 'rm -rf "$OUT" "$CACHE"' EXIT
[[ -x $PAIBAN ]] || { echo "cold.sh: $PAIBAN not found; build it first" >&2; exit 1; }

W=$ROOT/build/peers
mkdir -p "$W"
job() {  # job SIZE -> issue folder for the peers' job at that size
  local s=$1 j
  case $s in
    1x) j=$PEERS/job/articles.txt ;;
    16x) j=$PEERS/job/articles-16x.txt ;;
    55x) j=$W/articles-55x.txt; [[ -s $j ]] || python3 "$PEERS/gen/normalize.py" --scales 55 --outdir "$W" >/dev/null ;;
    55xu) job 55x >/dev/null; j=$W/articles-55xu.txt; [[ -s $j ]] || python3 "$PEERS/tools/unique_job.py" "$W/articles-55x.txt" "$j" ;;
  esac
  [[ -f $W/paiban-$s/issue.toml ]] || python3 "$PEERS/gen/paiban_issue.py" -q --paiban "$PAIBAN" "$j" "$W/paiban-$s" >&2
  echo "$W/paiban-$s"
}

# run LABEL CMD...: one untimed run (page cache), then N timed ones.
run() {
  local label=$1; shift
  "$@" >/dev/null 2>&1 || { echo "cold.sh: '$*' failed" >&2; "$@" >/dev/null; exit 1; }
  local walls=() cpus=() t
  for ((i = 0; i < N; i++)); do
    /usr/bin/time -o "$OUT/time" -f "%e %U %S" "$@" >/dev/null 2>&1
    t=$(tail -1 "$OUT/time")
    walls+=("$(awk '{print $1 * 1000}' <<<"$t")")
    cpus+=("$(awk '{print ($2 + $3) * 1000}' <<<"$t")")
  done
  local med min cpu
  med=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  min=$(printf '%s\n' "${walls[@]}" | sort -n | head -1)
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-34s median %6.0f ms  min %6.0f ms  cpu %6.0f ms\n' "$label" "$med" "$min" "$cpu"
}

SAMPLE=issues/2024-05-07
J1=$(job 1x); J16=$(job 16x); J55=$(job 55x); J55U=$(job 55xu)
for cache in off warm; do
  if [[ $cache == off ]]; then export PAIBAN_CACHE=off; else export PAIBAN_CACHE=$CACHE; fi
  echo "== disk cache $cache   (targets: 40, 60, 175, 350, 350 ms; proof 50; fit 50 / 300)"
  run "2 pages (1x)" "$PAIBAN" build "$J1" -o "$OUT/1x.pdf"
  run "sample, 4 pages with photos" "$PAIBAN" build "$SAMPLE" -o "$OUT/s.pdf" --allow-overset
  run "19 pages (16x)" "$PAIBAN" build "$J16" -o "$OUT/16x.pdf"
  run "64 pages (55x)" "$PAIBAN" build "$J55" -o "$OUT/55x.pdf"
  run "64 pages, none repeated (55xu)" "$PAIBAN" build "$J55U" -o "$OUT/55xu.pdf"
  run "proof PNG page 1, 72 dpi" "$PAIBAN" proof "$J1" --page 1 --png -o "$OUT/p"
  run "fit, sample" "$PAIBAN" fit "$SAMPLE"
  run "fit, 64 pages" "$PAIBAN" fit "$J55"
done
# Peak memory of the largest job.
/usr/bin/time -f "peak RSS, 55xu: %M KB" "$PAIBAN" build "$J55U" -o "$OUT/55xu.pdf" 2>&1 >/dev/null | tail -1
