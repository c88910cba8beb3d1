#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a
# bounded time over its corpus; exits non-zero if any target finds a crash, a
# hang, a leak or a broken invariant.
#
#   tests/fuzz/run.sh                     every target, 20 s each
#   tests/fuzz/run.sh -t 600 linebreak    one target, 10 minutes
#   tests/fuzz/run.sh --merge             then merge what is new into tests/fuzz/corpus
#
# Options: -t SECONDS (default 20, or $PAIBAN_FUZZ_SECONDS), -j JOBS (targets run
# at once, default 1), --merge, --no-build, -B BUILD_DIR (default build-fuzz).
# New inputs go to BUILD_DIR/fuzz-corpus/TARGET, findings to
# BUILD_DIR/fuzz-artifacts/TARGET/ (crash-*, timeout-*, leak-*, oom-*); reproduce one with
#   BUILD_DIR/tests/fuzz/fuzz_TARGET FILE     or
#   BUILD_DIR/tests/fuzz/paiban_fuzz_replay [--describe] TARGET FILE
# PAIBAN_FUZZ_INPUT_TIMEOUT (default 10 s) is the wall time one input may take:
# raise it for runs at nice 19 beside other work, where a starved input is no hang.
# Packages (Debian 12): clang-14 libclang-rt-14-dev llvm-14 (llvm-symbolizer).
set -uo pipefail
cd "$(dirname "$0")/../.."
src=$(pwd)
seconds=${PAIBAN_FUZZ_SECONDS:-20}
jobs=1
merge=0
build=1
bdir=$src/build-fuzz
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    -t) seconds=$2; shift 2 ;;
    -j) jobs=$2; shift 2 ;;
    -B) bdir=$(realpath -m "$2"); shift 2 ;;
    --merge) merge=1; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(frontmatter issue_toml linebreak build layout_toml fonts_toml)

cxx=${PAIBAN_FUZZ_CXX:-$(command -v clang++-14 || command -v clang++)}
if [ -z "$cxx" ]; then echo "run.sh: no clang++ (apt-get install clang-14 libclang-rt-14-dev llvm-14)" >&2; exit 2; fi
if [ $build = 1 ]; then
  mkdir -p "$bdir"
  cmake -S "$src" -B "$bdir" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DPAIBAN_FUZZ=ON -DPAIBAN_BENCH=OFF -DBUILD_TESTING=OFF >"$bdir/configure.log" 2>&1 \
    || { cat "$bdir/configure.log"; exit 2; }
  cmake --build "$bdir" -j"$(nproc)" --target $(printf 'fuzz_%s ' "${targets[@]}") paiban_fuzz_replay \
    || exit 2
fi

symbolizer=$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || ls /usr/lib/llvm-14/bin/llvm-symbolizer 2>/dev/null || true)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}${symbolizer:+:external_symbolizer_path=$symbolizer}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}${symbolizer:+:external_symbolizer_path=$symbolizer}

# Regressions: saved findings replayed once each (those listed in known-open.txt skipped).
regressions() {
  local t=$1 files=()
  [ -d "$src/tests/fuzz/regressions/$t" ] || return 0
  for f in "$src/tests/fuzz/regressions/$t"/*; do
    [ -f "$f" ] || continue
    grep -qxF "$t/$(basename "$f")" "$src/tests/fuzz/known-open.txt" 2>/dev/null && continue
    files+=("$f")
  done
  [ ${#files[@]} -eq 0 ] || "$bdir/tests/fuzz/fuzz_$t" -rss_limit_mb=1024 -timeout=10 "${files[@]}"
}

run_one() {
  local t=$1 log=$bdir/fuzz-$1.log
  mkdir -p "$bdir/fuzz-corpus/$t" "$bdir/fuzz-artifacts/$t"
  if ! regressions "$t" >"$bdir/fuzz-$t.regressions.log" 2>&1; then
    echo "FINDING $t: a saved regression fails again (see $bdir/fuzz-$t.regressions.log)"
    return 1
  fi
  # The first corpus directory takes new inputs; the checked-in one is only read.
  timeout --kill-after=30 $((seconds + 300)) "$bdir/tests/fuzz/fuzz_$t" \
    -max_total_time="$seconds" -rss_limit_mb=1024 -timeout="${PAIBAN_FUZZ_INPUT_TIMEOUT:-10}" -max_len=16384 -print_final_stats=1 \
    -artifact_prefix="$bdir/fuzz-artifacts/$t/" \
    "$bdir/fuzz-corpus/$t" "$src/tests/fuzz/corpus/$t" >"$log" 2>&1
  local rc=$?
  local execs
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  if [ $rc -ne 0 ]; then
    echo "FINDING $t (exit $rc, ${execs:-?} executions): $(grep -m1 -E 'ERROR|finding|runtime error|Timeout|deadly' "$log")"
    echo "  log: $log; artifacts: $bdir/fuzz-artifacts/$t/"
    return 1
  fi
  echo "ok $t: ${seconds}s, ${execs:-?} executions, corpus $(ls "$bdir/fuzz-corpus/$t" | wc -l) inputs in the work corpus"
  if [ $merge = 1 ]; then
    "$bdir/tests/fuzz/fuzz_$t" -merge=1 -rss_limit_mb=1024 -timeout=10 -max_len=16384 \
      "$src/tests/fuzz/corpus/$t" "$bdir/fuzz-corpus/$t" >"$bdir/fuzz-$t.merge.log" 2>&1 \
      && echo "   merged: $(grep -o 'MERGE-OUTER: [0-9]* new files.*' "$bdir/fuzz-$t.merge.log")"
  fi
  return 0
}

status=0
pids=()
for t in "${targets[@]}"; do
  if [ "$jobs" -gt 1 ]; then
    run_one "$t" & pids+=($!)
    if [ ${#pids[@]} -ge "$jobs" ]; then wait "${pids[0]}" || status=1; pids=("${pids[@]:1}"); fi
  else
    run_one "$t" || status=1
  fi
done
for p in "${pids[@]}"; do wait "$p" || status=1; done
[ $status = 0 ] && echo "fuzz: no findings" || echo "fuzz: FINDINGS (see above)"
exit $status
