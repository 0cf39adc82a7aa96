# shellcheck shell=bash
# Shared by the scenario scripts (bench/s*.sh): build, start and stop Kefu and its peers on
# loopback, run kefu-loadgen, and turn its JSON into a line for docs/benchmarks.md.
# Source it; it expects `set -euo pipefail`.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
BUILD="$ROOT/build/release"
RESULTS="$BENCH_DIR/results"
WORK="${KEFU_BENCH_WORK:-/tmp/kefu-bench}"  # ejabberd needs a path its own user can reach
KEFU_PORT="${KEFU_BENCH_PORT:-18500}"
SIO_PORT=18300
EJ_PORT=18400
mkdir -p "$RESULTS" "$WORK"
# Result files are stamped to the minute; a second run in the same minute gets the seconds too,
# instead of overwriting the first one's files.
STAMP="$(date -u +%Y-%m-%dT%H%MZ)"
if compgen -G "$RESULTS/*-$STAMP.*" >/dev/null; then STAMP="$(date -u +%Y-%m-%dT%H%M%SZ)"; fi
ulimit -n 20000 2>/dev/null || true

log() { printf '\n== %s\n' "$*" >&2; }

build_release() {
  if [[ "${KEFU_BENCH_SKIP_BUILD:-0}" != 1 ]]; then
    log "release build (kefu, kefu-loadgen)"
    cmake --preset release >/dev/null
    cmake --build --preset release --target kefu kefu-loadgen >/dev/null
  fi
}

machine() {
  printf '%s, %s cores, %s GiB, %s' "$(uname -r)" "$(nproc)" \
    "$(awk '/MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo)" \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
}

# start_kefu AGENTS CAPACITY: fresh data dir, agents signed in, server running; sets KEFU_PID.
start_kefu() {
  local agents="$1" capacity="$2"
  stop_kefu
  rm -rf "$WORK/kefu"
  mkdir -p "$WORK/kefu"
  "$BUILD/kefu" bench-seed --data "$WORK/kefu/data" --agents "$agents" --capacity "$capacity" \
    --tokens "$WORK/kefu/tokens.txt" >/dev/null
  cat >"$WORK/kefu/kefu.toml" <<TOML
listen = "127.0.0.1:$KEFU_PORT"
data_dir = "$WORK/kefu/data"
# Agents in S3 send hundreds of replies a second each: the per-connection limit is for people.
rate_per_second = 1000000
idle_timeout_minutes = 600
log_level = "warn"
io_threads = ${KEFU_BENCH_IO_THREADS:-2}
commit_delay_us = ${KEFU_BENCH_COMMIT_DELAY_US:-0}
TOML
  launch_kefu
}

launch_kefu() {
  # KEFU_BENCH_SERVER_ENV: extra environment for the server alone (e.g. GLIBC_TUNABLES=...).
  # KEFU_BENCH_SERVER_WRAPPER: a command the server runs under (bench/instructions.sh: valgrind);
  # KEFU_BENCH_SERVER_BIN: another server binary than the build's.
  # shellcheck disable=SC2086  # both are word lists
  env ${KEFU_BENCH_SERVER_ENV:-} ${KEFU_BENCH_SERVER_WRAPPER:-} "${KEFU_BENCH_SERVER_BIN:-$BUILD/kefu}" \
    serve --config "$WORK/kefu/kefu.toml" >>"$WORK/kefu/server.log" 2>&1 &
  KEFU_PID=$!
  for _ in $(seq 300); do
    grep -q "listening on" "$WORK/kefu/server.log" 2>/dev/null && curl -sf \
      "http://127.0.0.1:$KEFU_PORT/readyz" >/dev/null && return 0
    sleep 0.1
  done
  echo "kefu did not start; see $WORK/kefu/server.log" >&2
  return 1
}

# stop_child PID: SIGTERM and wait, if it is still running.
stop_child() {
  if [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; then
    kill -TERM "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}

stop_kefu() {
  # The server's last counters, for reading a run afterwards ($WORK/kefu/final-metrics.txt).
  if [[ -n "${KEFU_PID:-}" ]] && kill -0 "$KEFU_PID" 2>/dev/null; then
    curl -sf "http://127.0.0.1:$KEFU_PORT/metrics" >"$WORK/kefu/final-metrics.txt" 2>/dev/null || true
  fi
  stop_child "${KEFU_PID:-}"
  KEFU_PID=""
}

start_socketio() {
  stop_socketio
  bash "$BENCH_DIR/peers/socketio/setup.sh" >&2
  rm -rf "$WORK/socketio" && mkdir -p "$WORK/socketio"
  node "$BENCH_DIR/peers/socketio/server.js" --port "$SIO_PORT" --db "$WORK/socketio/peer.db" \
    >"$WORK/socketio/server.log" 2>&1 &
  SIO_PID=$!
  for _ in $(seq 100); do
    grep -q "listening" "$WORK/socketio/server.log" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "socketio peer did not start" >&2
  return 1
}

stop_socketio() {
  stop_child "${SIO_PID:-}"
  SIO_PID=""
}

# start_ejabberd VISITORS AGENTS; sets EJ_PID to the beam process.
start_ejabberd() {
  bash "$BENCH_DIR/peers/ejabberd/setup.sh" >&2
  stop_ejabberd
  rm -rf "$WORK/ejabberd"
  bash "$BENCH_DIR/peers/ejabberd/start.sh" "$WORK/ejabberd" "$EJ_PORT" "$1" "$2" >&2
  EJ_PID="$(pgrep -f "beam.*kefupeer$EJ_PORT" | head -1)"
}

# ejabberd acks and delivers a message whose archive write failed, and only logs the failure
# (bench/peers/ejabberd/README.md): say how many there were.
ejabberd_failed_writes() {
  echo "ejabberd: $(grep -c 'SQL query' "$WORK/ejabberd/logs/error.log" 2>/dev/null || true) failed SQL queries in error.log" >&2
}

# For the loadgen's --before-db-check: a reader's lock makes ejabberd's archive writes fail (it
# sets no busy timeout), and it keeps working on its backlog after the load stops.
ejabberd_stop_command() {
  echo "bash $BENCH_DIR/peers/ejabberd/stop.sh $WORK/ejabberd >/dev/null 2>&1"
}

stop_ejabberd() {
  if [[ -d "$WORK/ejabberd" ]]; then
    bash "$BENCH_DIR/peers/ejabberd/stop.sh" "$WORK/ejabberd" >&2 || true
  fi
}

# nginx `return 200` + wrk: the box's request-rate ceiling, measured in the same run.
calibrate() {
  command -v nginx >/dev/null && command -v wrk >/dev/null ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light wrk >/dev/null
  mkdir -p "$WORK/nginx"
  cat >"$WORK/nginx/nginx.conf" <<NGINX
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  server { listen 127.0.0.1:18600; location / { return 200 "ok"; } }
}
NGINX
  nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx"
  sleep 0.3
  local rps
  rps="$(wrk -t2 -c64 -d5s http://127.0.0.1:18600/ 2>/dev/null | awk '/Requests\/sec/ {print $2}')"
  nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -s stop || true
  echo "${rps:-0}"
}

loadgen() { "$BUILD/kefu-loadgen" "$@"; }

# run_kefu LABEL AGENTS: the scenario's `common` loadgen arguments against a fresh Kefu, with
# every acknowledged message checked in its database.
# shellcheck disable=SC2154  # `common` is set by the scenario script
run_kefu() {
  local label="$1" agents="$2" name
  name="$(tr '[:upper:]' '[:lower:]' <<<"$label")"
  log "$label kefu"
  start_kefu "$agents" 21
  loadgen "${common[@]}" --port "$KEFU_PORT" --tokens "$WORK/kefu/tokens.txt" \
    --server-pid "$KEFU_PID" --metrics-port "$KEFU_PORT" --db "$WORK/kefu/data/kefu.db" \
    --label "$label" --out "$RESULTS/$name-kefu-$STAMP.json" || true
  stop_kefu
}

# run_socketio LABEL: the same `common` arguments against the Socket.IO relay, every
# acknowledged message checked in its database.
# shellcheck disable=SC2154
run_socketio() {
  local label="$1" name
  name="$(tr '[:upper:]' '[:lower:]' <<<"$label")"
  log "$label socketio peer"
  start_socketio
  loadgen "${common[@]}" --protocol socketio --port "$SIO_PORT" --server-pid "$SIO_PID" \
    --db "$WORK/socketio/peer.db" --label "$label" --out "$RESULTS/$name-socketio-$STAMP.json" || true
  stop_socketio
}

# run_peers LABEL VISITORS AGENTS: the same `common` arguments against the Socket.IO relay and
# ejabberd, one after the other (skipped with PEERS=0).
# shellcheck disable=SC2154
run_peers() {
  local label="$1" visitors="$2" agents="$3" name
  [[ "${PEERS:-1}" == 1 ]] || return 0
  name="$(tr '[:upper:]' '[:lower:]' <<<"$label")"
  run_socketio "$label"
  log "$label ejabberd peer"
  start_ejabberd "$visitors" "$agents"
  loadgen "${common[@]}" --protocol xmpp --port "$EJ_PORT" --server-pid "$EJ_PID" \
    --db "$WORK/ejabberd/ejabberd.db" --before-db-check "$(ejabberd_stop_command)" \
    --label "$label" --out "$RESULTS/$name-ejabberd-$STAMP.json" || true
  ejabberd_failed_writes
  stop_ejabberd
}

# summarize RESULT.json: one markdown table row per step.
summarize() {
  python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["checks"]
ok = "pass" if c.get("passed") else "FAIL"
for s in r["steps"]:
    e = s["e2e"]
    cpu = s.get("server_cpu_us_per_msg")
    sc = s.get("server_syscalls_per_msg")
    fs = s.get("fsyncs_per_msg")
    print("| {label} | {proto} | {offered:.0f} | {rate:.0f} | {p50:.2f} | {p99:.2f} | {p999:.2f} | {mx:.1f} | {ack:.2f} | {cpu} | {sc} | {fs} | {ok} |".format(
        label=r.get("label", ""), proto=r["protocol"], offered=2 * s["offered_visitor_msgs_per_s"],
        rate=s["durable_msgs_per_s"], p50=e["p50_ms"], p99=e["p99_ms"], p999=e["p999_ms"],
        mx=e["max_ms"], ack=s["ack"]["p99_ms"],
        cpu=f"{cpu:.0f}" if cpu is not None else "–", sc=f"{sc:.1f}" if sc is not None else "–",
        fs=f"{fs:.3f}" if fs is not None else "–", ok=ok))
PY
}
