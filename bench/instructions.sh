#!/usr/bin/env bash
# Instructions per acknowledged message, counted by valgrind's callgrind: a measure of CPU work
# that does not move with the host's noise, for comparing two builds whose difference is a few
# per cent (a timed S3 run on this machine varies by ±5% from run to run).
#
#   bench/instructions.sh io     [KEFU_BINARY]     the server's I/O threads
#   bench/instructions.sh writer [STORE_BENCH]     the store's writer thread (kefu_store_bench)
#   bench/instructions.sh loadgen [LOADGEN]        one load generator worker process
#
# io / loadgen: a fresh server (native, or under callgrind for `io`) and S3's shape made small:
# 200 visitors and 10 agents, RATE visitor messages per second (default 100) for DURATION seconds
# (default 15). The count is of the threads' whole run, so it includes the connections'
# handshakes (about 210; their share falls as DURATION grows). writer: kefu_store_bench at RATE
# (default 300) events per second for DURATION seconds (default 8) and 200 conversations, the
# count divided by every event written (the conversations' first ones included).
#
# Prints the total and the count per message, and the callgrind file, which
# `callgrind_annotate [--inclusive=yes] FILE` breaks down by function. Counts move with the
# commit groups' sizes, so compare builds at the same rate. Needs valgrind (scripts/install-deps.sh
# does not install it: this is a developer's tool, not part of a run).
set -euo pipefail
WHAT="${1:?io, writer or loadgen}"
source "$(dirname "$0")/lib.sh"
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
OUT="$(mktemp -d /tmp/kefu-instructions.XXXXXX)"  # the callgrind files, kept
trap stop_kefu EXIT
RATE="${RATE:-}" DUR="${DURATION:-}"

total_of() { callgrind_annotate "$1" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'; }
acked() { curl -s "http://127.0.0.1:$KEFU_PORT/metrics" | awk '$1=="kefu_messages_acked_total"{print $2}'; }

# run_load [valgrind args...]: the small S3 against the server start_kefu started, its checks
# included.
run_load() {
  "$@" "${LOADGEN_BIN:-$BUILD/kefu-loadgen}" --visitors 200 --agents 10 --processes 1 \
    --connect-rate 200 --rates "${RATE:-100}" --step-seconds "${DUR:-15}" --warmup 2 \
    --think-ms 0 --drain 30 --port "$KEFU_PORT" --tokens "$WORK/kefu/tokens.txt" \
    --metrics-port "$KEFU_PORT" --db "$WORK/kefu/data/kefu.db" --label instructions \
    --out "$OUT/result.json" >"$OUT/loadgen.log" 2>&1 ||
    { echo "the load generator failed; see $OUT/loadgen.log" >&2; exit 1; }
}

case "$WHAT" in
  io)
    KEFU_BENCH_SERVER_BIN="${2:-$BUILD/kefu}" \
      KEFU_BENCH_SERVER_WRAPPER="valgrind --tool=callgrind --callgrind-out-file=$OUT/callgrind.out --toggle-collect=boost::asio::detail::scheduler::run(*" \
      start_kefu 10 100
    run_load
    messages="$(acked)"
    stop_kefu  # callgrind writes its file as the server exits
    out="$OUT/callgrind.out"
    ;;
  loadgen)
    start_kefu 10 100
    LOADGEN_BIN="${2:-$BUILD/kefu-loadgen}" run_load valgrind --tool=callgrind \
      --trace-children=yes --callgrind-out-file="$OUT/callgrind.%p.out" \
      --toggle-collect='kefu::bench::RunWorker*'
    messages="$(acked)"
    stop_kefu
    # The coordinator's file counts nothing (it never runs a worker); the worker's does.
    out="$(for f in "$OUT"/callgrind.*.out; do echo "$(total_of "$f" || echo 0) $f"; done |
      sort -n | tail -1 | cut -d' ' -f2)"
    ;;
  writer)
    bench="${2:-$BUILD/bench/store/kefu_store_bench}"
    rate="${RATE:-300}" secs="${DUR:-8}"
    valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out" \
      --toggle-collect='kefu::storage::sqlite::SqliteStore::WriterLoop()' \
      "$bench" --rate "$rate" --seconds "$secs" --warmup 1 --conversations 200 \
      --dir "$OUT/store" >"$OUT/store.log" 2>&1
    grep '^commits' "$OUT/store.log"
    # The bench writes each conversation's first event, then `rate` events a second through its
    # warm-up (1 s) and its measured seconds.
    messages=$((200 + rate * (secs + 1)))
    out="$OUT/callgrind.out"
    ;;
  *)
    echo "unknown target $WHAT (io, writer or loadgen)" >&2
    exit 1
    ;;
esac
total="$(total_of "$out")"
[[ -n "$total" && "${messages:-0}" -gt 0 ]] || { echo "nothing counted; see $OUT" >&2; exit 1; }
awk -v t="$total" -v m="$messages" -v w="$WHAT" -v f="$out" \
  'BEGIN { printf "%s: %d instructions over %d messages: %.0f per message (%s)\n", w, t, m, t / m, f }'
