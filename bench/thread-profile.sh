#!/usr/bin/env bash
# A call-graph profile of some threads of a running process, summarised (bench/stacks.py):
#   bench/thread-profile.sh THREAD_PREFIX [SECONDS] [PROCESS] [-- SYMBOL ...]
# e.g. `bench/thread-profile.sh kefu-writer 6 kefu -- sqlite3BtreeIndexMoveto` during S3, or
# `bench/thread-profile.sh kefu-io 5` for the I/O threads. PROCESS is a name (pgrep -x) or a pid.
#
# DWARF unwinding (`--call-graph dwarf`), not frame pointers: Debian's libsqlite3, libc and
# Boost are built without them, so a frame-pointer profile stops at the library's edge and
# cannot say which query a B-tree seek or a memcmp belongs to. The cost is ~15-20 MB of
# perf.data per second per busy thread, so keep SECONDS short and the rate at 999 Hz.
set -euo pipefail
PREFIX="${1:?thread name prefix, e.g. kefu-writer or kefu-io}"
SECS="${2:-5}"
PROC="${3:-kefu}"
shift $(( $# < 3 ? $# : 3 ))
[[ "${1:-}" == "--" ]] && shift
if [[ "$PROC" =~ ^[0-9]+$ ]]; then PID="$PROC"; else PID="$(pgrep -x "$PROC" | head -1)"; fi
[[ -n "$PID" ]] || { echo "no process $PROC" >&2; exit 1; }
TIDS=()
for task in /proc/"$PID"/task/*; do
  [[ "$(cat "$task/comm")" == "$PREFIX"* ]] && TIDS+=("$(basename "$task")")
done
(( ${#TIDS[@]} )) || { echo "no thread of $PID starts with $PREFIX" >&2; exit 1; }
OUT="${TMPDIR:-/tmp}/kefu-profile-$PREFIX-$(date -u +%H%M%SZ)"
TID_LIST="$(IFS=,; echo "${TIDS[*]}")"
echo "profiling $PID threads $TID_LIST ($PREFIX*) for ${SECS}s -> $OUT.data" >&2
perf record -F 999 --call-graph dwarf,32768 -t "$TID_LIST" -o "$OUT.data" -- sleep "$SECS" \
  2>&1 | tail -1 >&2
perf script -i "$OUT.data" 2>/dev/null >"$OUT.txt"
python3 "$(dirname "$0")/stacks.py" "$OUT.txt" --callers "$@"
