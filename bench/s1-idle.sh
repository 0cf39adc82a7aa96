#!/usr/bin/env bash
# S1 idle capacity: 15,000 visitors + 750 agents connected, heartbeats only.
# Target: 0 failures, >= 5k handshakes/s, <= 10 KB server RSS per connection.
# Usage: bench/s1-idle.sh [VISITORS] [AGENTS]   (PEERS=0 skips the Socket.IO and ejabberd runs)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
V="${1:-15000}" A="${2:-750}" HOLD="${HOLD:-30}"
build_release
common=(--visitors "$V" --agents "$A" --processes 4 --connect-rate 8000 --hold "$HOLD" --rates 0
        --step-seconds 1 --warmup 0 --drain 2)

log "S1: $V visitors + $A agents, hold ${HOLD}s"
run_kefu S1 "$A"
run_peers S1 "$V" "$A"

python3 - "$RESULTS" "$STAMP" <<'PY'
import json, sys, os
d, stamp = sys.argv[1], sys.argv[2]
print("| server | connections | connected | failed | handshakes/s | RSS/connection | CPU while idle |")
print("|---|---|---|---|---|---|---|")
for name in ("kefu", "socketio", "ejabberd"):
    p = os.path.join(d, f"s1-{name}-{stamp}.json")
    if not os.path.exists(p): continue
    r = json.load(open(p))
    v, a = r["connect_visitors"], r["connect_agents"]
    rss = r.get("server_rss_per_connection_bytes", 0) / 1024
    print(f"| {name} | {r['visitors'] + r['agents']} | {v['connected'] + a['connected']} | "
          f"{v['failed'] + a['failed']} | {v['per_second']:.0f} | {rss:.1f} KiB | "
          f"{r.get('hold_server_cpu_percent', 0):.1f}% |")
PY
