#!/usr/bin/env bash
# A few seconds of kefu-loadgen against a real server, as a correctness test (no timing):
# 60 visitors and 6 agents, two worker processes, visitors dropped and resumed every second.
# Fails if any acknowledged message is lost, duplicated, out of order or missing from the
# database. Usage: smoke_test.sh KEFU_BINARY LOADGEN_BINARY
set -euo pipefail
KEFU="$1" LOADGEN="$2"
DIR="$(mktemp -d)"
PORT=$((20000 + RANDOM % 20000))
cleanup() { [[ -n "${PID:-}" ]] && kill -TERM "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$DIR"; }
trap cleanup EXIT
"$KEFU" bench-seed --data "$DIR/data" --agents 6 --capacity 12 --tokens "$DIR/tokens.txt"
cat >"$DIR/kefu.toml" <<TOML
listen = "127.0.0.1:$PORT"
data_dir = "$DIR/data"
rate_per_second = 100000
log_level = "warn"
TOML
"$KEFU" serve --config "$DIR/kefu.toml" >"$DIR/server.log" 2>&1 &
PID=$!
for _ in $(seq 100); do grep -q "listening on" "$DIR/server.log" && break; sleep 0.1; done
"$LOADGEN" --port "$PORT" --tokens "$DIR/tokens.txt" --visitors 60 --agents 6 --processes 2 \
  --rates 60,120 --step-seconds 2 --warmup 0.5 --think-ms 20 --drain 20 --reconnect \
  --churn-every 1 --churn-fraction 0.2 --server-pid "$PID" --metrics-port "$PORT" \
  --db "$DIR/data/kefu.db" --out "$DIR/result.json"
python3 - "$DIR/result.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["checks"]
# The run must have done real work: messages both ways, checked in the database, and resumes.
assert c["passed"], c
assert c.get("acked_visitor", 0) > 100 and c.get("acked_agent", 0) > 100, c
assert c.get("received_by_agents", 0) >= c["acked_visitor"], c
assert c.get("db_checked", 0) == c["acked_visitor"] + c["acked_agent"], c
assert c.get("reconnects", 0) > 0 and c.get("churned", 0) > 0, c
print("smoke:", {k: c[k] for k in ("acked_visitor", "acked_agent", "db_checked", "reconnects")})
PY
