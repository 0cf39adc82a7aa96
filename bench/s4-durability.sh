#!/usr/bin/env bash
# S4 durability: S3's population at a steady rate (default half the knee), the server killed
# with SIGKILL 5 times and restarted; clients reconnect, resend unacknowledged messages with the
# same keys and resume by seq. Target: 0 acknowledged messages missing, no gap, no duplicate.
# With PEERS=1 (the default) the Socket.IO relay and ejabberd are put through the same kills
# right after Kefu. ejabberd sustains ~450-700 msgs/s (S2, S3), a fifth of this rate: expect it to
# fall behind; its clients catch up from its message archive (XEP-0313) after each restart.
# Usage: bench/s4-durability.sh [VISITOR_RATE] [KILLS]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RATE="${1:-1500}" KILLS="${2:-5}"
build_release
SECONDS_TOTAL=$((KILLS * 6 + 8))
common=(--visitors 2000 --agents 100 --processes 2 --connect-rate 5000 --rates "$RATE"
        --step-seconds "$SECONDS_TOTAL" --warmup 1 --think-ms 0 --drain 30 --reconnect)

# kill_loop NAME PATTERN RESTART...: from 8 s on, KILLS times 6 s apart, SIGKILL the process
# matching PATTERN and run RESTART (in the background) 0.5 s later.
kill_loop() {
  local name="$1" pattern="$2" i pid
  shift 2
  sleep 8
  for i in $(seq "$KILLS"); do
    pid="$(pgrep -f -- "$pattern" | head -1)"
    echo "S4 $name: kill -9 ${pid:-?} ($i/$KILLS)" >&2
    [[ -n "$pid" ]] && kill -9 "$pid"
    sleep 0.5
    "$@" &
    sleep 5.5
  done
}

checks() {
  python3 -c "import json,sys; c=json.load(open(sys.argv[1]))['checks']; print({k: c[k] for k in ('acked_visitor','acked_agent','db_checked','db_missing','lost_visitor_messages','lost_agent_replies','duplicates','gaps','seq_gaps','seq_duplicates','reconnects','disconnects','passed') if k in c})" "$1"
}

# shellcheck disable=SC2317  # called through kill_loop
restart_kefu() {
  "$BUILD/kefu" serve --config "$WORK/kefu/kefu.toml" >>"$WORK/kefu/server.log" 2>&1
}

# shellcheck disable=SC2317  # called through kill_loop
restart_socketio() {
  node "$BENCH_DIR/peers/socketio/server.js" --port "$SIO_PORT" --db "$WORK/socketio/peer.db" \
    >>"$WORK/socketio/server.log" 2>&1
}

# The Erlang VM takes a moment to go after SIGKILL, and may stay a zombie for a while (which
# start.sh's `kill -0` would take for a running instance). start.sh restarts a stopped instance
# on the same database.
# shellcheck disable=SC2317  # called through kill_loop
restart_ejabberd() {
  local i
  for i in $(seq 50); do
    pgrep -f "beam.*kefupeer$EJ_PORT" >/dev/null || break
    sleep 0.1
  done
  rm -f "$WORK/ejabberd/ejabberd.pid"
  bash "$BENCH_DIR/peers/ejabberd/start.sh" "$WORK/ejabberd" "$EJ_PORT" 2000 100 \
    >>"$WORK/ejabberd/restart.log" 2>&1
}

status=0
start_kefu 100 21
kill_loop kefu "kefu serve --config $WORK/kefu/kefu.toml" restart_kefu &
KILLER=$!
log "S4 kefu: $RATE visitor msgs/s for ${SECONDS_TOTAL}s, $KILLS kills"
loadgen "${common[@]}" --port "$KEFU_PORT" --tokens "$WORK/kefu/tokens.txt" \
  --db "$WORK/kefu/data/kefu.db" --label S4 --out "$RESULTS/s4-kefu-$STAMP.json" || status=$?
wait "$KILLER" || true
pkill -f "kefu serve --config $WORK/kefu/kefu.toml" || true
summarize "$RESULTS/s4-kefu-$STAMP.json"
checks "$RESULTS/s4-kefu-$STAMP.json"

if [[ "${PEERS:-1}" == 1 ]]; then
  start_socketio
  kill_loop socketio "peers/socketio/server.js --port $SIO_PORT" restart_socketio &
  KILLER=$!
  log "S4 socketio peer: $RATE visitor msgs/s for ${SECONDS_TOTAL}s, $KILLS kills"
  loadgen "${common[@]}" --protocol socketio --port "$SIO_PORT" --db "$WORK/socketio/peer.db" \
    --label S4 --out "$RESULTS/s4-socketio-$STAMP.json" || true
  wait "$KILLER" || true
  pkill -f "peers/socketio/server.js --port $SIO_PORT" || true
  summarize "$RESULTS/s4-socketio-$STAMP.json"
  checks "$RESULTS/s4-socketio-$STAMP.json"

  start_ejabberd 2000 100
  kill_loop ejabberd "beam.*kefupeer$EJ_PORT" restart_ejabberd &
  KILLER=$!
  log "S4 ejabberd peer: $RATE visitor msgs/s for ${SECONDS_TOTAL}s, $KILLS kills"
  loadgen "${common[@]}" --protocol xmpp --port "$EJ_PORT" --db "$WORK/ejabberd/ejabberd.db" \
    --before-db-check "$(ejabberd_stop_command)" --label S4 \
    --out "$RESULTS/s4-ejabberd-$STAMP.json" || true
  wait "$KILLER" || true
  ejabberd_failed_writes
  stop_ejabberd
  summarize "$RESULTS/s4-ejabberd-$STAMP.json"
  checks "$RESULTS/s4-ejabberd-$STAMP.json"
fi
exit "$status"
