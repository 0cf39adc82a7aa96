#!/usr/bin/env bash
# S3 saturation: 2,000 visitors, 100 agents, no think time, stepped rate. The knee is the
# highest step whose durable rate keeps up with the offered one at p99 <= 10 ms.
# Target: >= 20k durable msgs/s at p99 <= 10 ms (floor 10k, stretch 35k).
# Usage: bench/s3-saturation.sh [STEPS (visitor msgs/s, comma-separated)] [STEP_SECONDS]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
STEPS="${1:-1000,2000,3000,4000,5000,6000}" T="${2:-10}"
build_release
common=(--visitors 2000 --agents 100 --processes 2 --connect-rate 5000 --rates "$STEPS"
        --step-seconds "$T" --warmup 3 --think-ms 0 --drain 30)
log "calibration: nginx + wrk"
echo "nginx return 200 + wrk -t2 -c64: $(calibrate) req/s" | tee "$RESULTS/s3-calibration-$STAMP.txt"

run_kefu S3 100
run_peers S3 2000 100
for f in "$RESULTS"/s3-*-"$STAMP".json; do summarize "$f"; done
