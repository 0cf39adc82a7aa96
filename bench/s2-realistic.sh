#!/usr/bin/env bash
# S2 realistic: 15,000 visitors at 1 message / 15 s, 750 agents with 20 chats each, 5 s think
# time (~2k msgs/s). Target: end-to-end p50 <= 2 ms, p99 <= 5 ms; server CPU <= 15% of a core.
# Usage: bench/s2-realistic.sh [VISITORS] [AGENTS] [SECONDS]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
V="${1:-15000}" A="${2:-750}" T="${3:-40}"
RATE=$(python3 -c "print($V / 15)")
build_release
common=(--visitors "$V" --agents "$A" --processes 4 --connect-rate 5000 --rates "$RATE"
        --step-seconds "$T" --warmup 20 --think-ms 5000 --drain 20)
log "calibration: nginx + wrk"
echo "nginx return 200 + wrk -t2 -c64: $(calibrate) req/s" | tee "$RESULTS/s2-calibration-$STAMP.txt"

log "S2 kefu"
start_kefu "$A" 21
loadgen "${common[@]}" --port "$KEFU_PORT" --tokens "$WORK/kefu/tokens.txt" --server-pid "$KEFU_PID" \
  --metrics-port "$KEFU_PORT" --db "$WORK/kefu/data/kefu.db" --label S2 \
  --out "$RESULTS/s2-kefu-$STAMP.json" || true
stop_kefu
if [[ "${PEERS:-1}" == 1 ]]; then
  log "S2 socketio peer"
  start_socketio
  loadgen "${common[@]}" --protocol socketio --port "$SIO_PORT" --server-pid "$SIO_PID" \
    --db "$WORK/socketio/peer.db" --label S2 --out "$RESULTS/s2-socketio-$STAMP.json" || true
  stop_socketio
  log "S2 ejabberd peer"
  start_ejabberd "$V" "$A"
  loadgen "${common[@]}" --protocol xmpp --port "$EJ_PORT" --server-pid "$EJ_PID" \
    --label S2 --out "$RESULTS/s2-ejabberd-$STAMP.json" || true
  stop_ejabberd
fi
for f in "$RESULTS"/s2-*-"$STAMP".json; do summarize "$f"; done
