#!/usr/bin/env bash
# Per-thread CPU and context switches of a running Kefu server, per acknowledged message, over a
# window of a running scenario (e.g. 36 s into bench/s2-realistic.sh):
#   bench/thread-probe.sh [SECONDS] [PORT]
# Reads /proc/PID/task/*/{stat,status,comm} and /metrics before and after; prints one line per
# thread as TID:NAME (kefu-io-N, kefu-writer, kefu-checkpoint; "kefu" is main or the blocking pool).
set -euo pipefail
SECS="${1:-10}" PORT="${2:-18500}"
PID="$(pgrep -x kefu | head -1)"
snap() {
  for t in /proc/"$PID"/task/*; do
    echo "$(basename "$t"):$(cat "$t"/comm) $(awk '{print $14+$15}' "$t"/stat) $(awk '/ctxt/{print $2}' "$t"/status | tr '\n' ' ')"
  done | sort
}
acked() { curl -s "http://127.0.0.1:$PORT/metrics" | awk '$1=="kefu_messages_acked_total"{print $2}'; }
a0="$(acked)"; snap >/tmp/kefu-probe.0
sleep "$SECS"
a1="$(acked)"; snap >/tmp/kefu-probe.1
hz="$(getconf CLK_TCK)"
join /tmp/kefu-probe.0 /tmp/kefu-probe.1 | awk -v m="$((a1 - a0))" -v hz="$hz" '
  { cpu = ($5 - $2) * 1e6 / hz / m; vol = ($6 - $3) / m; inv = ($7 - $4) / m
    if (cpu > 0 || vol > 0) printf "thread %s: %6.1f CPU us/msg, %5.2f voluntary + %5.2f involuntary switches/msg\n", $1, cpu, vol, inv
    c += cpu; v += vol; i += inv }
  END { printf "total (%d msgs): %6.1f CPU us/msg, %5.2f voluntary + %5.2f involuntary switches/msg\n", m, c, v, i }'
