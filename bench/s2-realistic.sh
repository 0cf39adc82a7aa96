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

run_kefu S2 "$A"
run_peers S2 "$V" "$A"
for f in "$RESULTS"/s2-*-"$STAMP".json; do summarize "$f"; done
