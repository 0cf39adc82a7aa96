#!/usr/bin/env bash
# S5 churn: S2's load while 10% of visitors drop and reconnect every 10 s, plus one storm of
# 5,000 visitors reconnecting at once (at 25 s). Reported in 5-second steps, and second by second
# (by intended send time) from the storm to the next churn: how many seconds until every second
# is back under twice the p99 of the undisturbed seconds before it.
# Target: no acknowledged message lost; back to S2 latency within 5 s of the storm.
# Usage: bench/s5-churn.sh [VISITORS] [AGENTS]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
V="${1:-15000}" A="${2:-750}"
RATE=$(python3 -c "print($V / 15)")
STEPS=$(python3 -c "print(','.join(['$RATE'] * 10))")
build_release
start_kefu "$A" 21
log "S5 kefu: $V visitors, churn 10%/10 s, storm of 5000 at 25 s"
status=0
loadgen --visitors "$V" --agents "$A" --processes 4 --connect-rate 5000 --rates "$STEPS" \
  --step-seconds 5 --warmup 20 --think-ms 5000 --drain 30 --reconnect --churn-every 10 \
  --churn-fraction 0.1 --storm-at 25 --storm-count 5000 --port "$KEFU_PORT" \
  --tokens "$WORK/kefu/tokens.txt" --server-pid "$KEFU_PID" --metrics-port "$KEFU_PORT" \
  --db "$WORK/kefu/data/kefu.db" --label S5 --out "$RESULTS/s5-kefu-$STAMP.json" || status=$?
stop_kefu
summarize "$RESULTS/s5-kefu-$STAMP.json"
exit "$status"
