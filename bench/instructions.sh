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
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${KEFU_BUILD:-$ROOT/build/release}"
PORT="${KEFU_INSTR_PORT:-18600}"
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
WORK="$(mktemp -d /tmp/kefu-instructions.XXXXXX)"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

total_of() { callgrind_annotate "$1" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'; }
acked() { curl -s "http://127.0.0.1:$PORT/metrics" | awk '$1=="kefu_messages_acked_total"{print $2}'; }

# start_server [valgrind args...]: a fresh data directory with 10 signed-in agents.
start_server() {
  "$BUILD/kefu" bench-seed --data "$WORK/data" --agents 10 --capacity 100 \
    --tokens "$WORK/tokens.txt" >/dev/null
  cat >"$WORK/kefu.toml" <<TOML
listen = "127.0.0.1:$PORT"
data_dir = "$WORK/data"
rate_per_second = 1000000
idle_timeout_minutes = 600
log_level = "warn"
io_threads = 2
commit_delay_us = 0
TOML
  "$@" "${SERVER_BIN:-$BUILD/kefu}" serve --config "$WORK/kefu.toml" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 300); do
    curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && return 0
    sleep 0.2
  done
  echo "the server did not start; see $WORK/server.log" >&2
  exit 1
}

# run_load [valgrind args...]: the small S3, its checks included.
run_load() {
  "$@" "${LOADGEN_BIN:-$BUILD/kefu-loadgen}" --visitors 200 --agents 10 --processes 1 \
    --connect-rate 200 --rates "${RATE:-100}" --step-seconds "${DUR:-15}" --warmup 2 \
    --think-ms 0 --drain 30 --port "$PORT" --tokens "$WORK/tokens.txt" --metrics-port "$PORT" \
    --db "$WORK/data/kefu.db" --label instructions --out "$WORK/result.json" \
    >"$WORK/loadgen.log" 2>&1 || { echo "the load generator failed; see $WORK/loadgen.log" >&2; exit 1; }
}

DUR="${DURATION:-}"
case "$WHAT" in
  io)
    SERVER_BIN="${2:-$BUILD/kefu}"
    DUR="${DUR:-15}"
    start_server valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.out" \
      --toggle-collect='boost::asio::detail::scheduler::run(*'
    run_load
    messages="$(acked)"
    cleanup
    out="$WORK/callgrind.out"
    ;;
  loadgen)
    LOADGEN_BIN="${2:-$BUILD/kefu-loadgen}"
    DUR="${DUR:-15}"
    start_server
    run_load valgrind --tool=callgrind --trace-children=yes \
      --callgrind-out-file="$WORK/callgrind.%p.out" --toggle-collect='kefu::bench::RunWorker*'
    messages="$(acked)"
    cleanup
    # The coordinator's file counts nothing (it never runs a worker); the worker's does.
    out="$(for f in "$WORK"/callgrind.*.out; do echo "$(total_of "$f" || echo 0) $f"; done |
      sort -n | tail -1 | cut -d' ' -f2)"
    ;;
  writer)
    bench="${2:-$BUILD/bench/store/kefu_store_bench}"
    rate="${RATE:-300}" secs="${DUR:-8}"
    valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.out" \
      --toggle-collect='kefu::storage::sqlite::SqliteStore::WriterLoop()' \
      "$bench" --rate "$rate" --seconds "$secs" --warmup 1 --conversations 200 \
      --dir "$WORK/store" >"$WORK/store.log" 2>&1
    grep '^commits' "$WORK/store.log"
    # The bench writes each conversation's first event, then `rate` events a second through its
    # warm-up (1 s) and its measured seconds.
    messages=$((200 + rate * (secs + 1)))
    out="$WORK/callgrind.out"
    ;;
  *)
    echo "unknown target $WHAT (io, writer or loadgen)" >&2
    exit 1
    ;;
esac
total="$(total_of "$out")"
[[ -n "$total" && "${messages:-0}" -gt 0 ]] || { echo "nothing counted; see $WORK" >&2; exit 1; }
awk -v t="$total" -v m="$messages" -v w="$WHAT" -v f="$out" \
  'BEGIN { printf "%s: %d instructions over %d messages: %.0f per message (%s)\n", w, t, m, t / m, f }'
