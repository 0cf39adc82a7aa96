#!/usr/bin/env bash
# S4 durability: S3's population at a steady rate (default half the knee), the server killed
# with SIGKILL 5 times and restarted; clients reconnect, resend unacknowledged messages with the
# same keys and resume by seq. Target: 0 acknowledged messages missing, no gap, no duplicate.
# Usage: bench/s4-durability.sh [VISITOR_RATE] [KILLS]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RATE="${1:-1500}" KILLS="${2:-5}"
build_release
start_kefu 100 21
SECONDS_TOTAL=$((KILLS * 6 + 8))
(
  sleep 8
  for i in $(seq "$KILLS"); do
    pid="$(pgrep -f "kefu serve --config $WORK/kefu/kefu.toml" | head -1)"
    echo "S4: kill -9 $pid ($i/$KILLS)" >&2
    kill -9 "$pid"
    sleep 0.5
    "$BUILD/kefu" serve --config "$WORK/kefu/kefu.toml" >>"$WORK/kefu/server.log" 2>&1 &
    sleep 5.5
  done
) &
KILLER=$!
log "S4 kefu: $RATE visitor msgs/s for ${SECONDS_TOTAL}s, $KILLS kills"
status=0
loadgen --visitors 2000 --agents 100 --processes 2 --connect-rate 5000 --rates "$RATE" \
  --step-seconds "$SECONDS_TOTAL" --warmup 1 --think-ms 0 --drain 30 --reconnect \
  --port "$KEFU_PORT" --tokens "$WORK/kefu/tokens.txt" --db "$WORK/kefu/data/kefu.db" --label S4 \
  --out "$RESULTS/s4-kefu-$STAMP.json" || status=$?
wait "$KILLER" || true
pkill -f "kefu serve --config $WORK/kefu/kefu.toml" || true
summarize "$RESULTS/s4-kefu-$STAMP.json"
python3 -c "import json,sys; c=json.load(open(sys.argv[1]))['checks']; print({k: c[k] for k in ('acked_visitor','acked_agent','db_checked','db_missing','lost_visitor_messages','lost_agent_replies','duplicates','gaps','seq_gaps','seq_duplicates','reconnects','disconnects','passed') if k in c})" "$RESULTS/s4-kefu-$STAMP.json"
exit "$status"
