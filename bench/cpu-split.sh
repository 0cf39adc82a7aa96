#!/usr/bin/env bash
# Where the machine's CPU goes per acknowledged message while a scenario runs: user and system
# time of the Kefu server and of the load generator's processes, the whole machine's busy time
# (every process and kernel thread), and with --syscalls a census of the server's system calls
# per message (perf's syscall tracepoints: exact counts, no strace stop).
# Softirq time (mostly loopback TCP's receive work) is printed for information: with tick-based
# CPU accounting (CONFIG_TICK_CPU_ACCOUNTING without CONFIG_IRQ_TIME_ACCOUNTING, as on the
# reference machine) a tick in a softirq is charged to /proc/stat's softirq AND to the system
# time of the process it interrupted, so it is already inside the processes' figures.
#   bench/cpu-split.sh [SECONDS] [PORT] [--syscalls]
# e.g. 6 s after bench/s3-saturation.sh prints "visitors connected".
set -euo pipefail
SECS="${1:-10}" PORT="${2:-18500}" CENSUS="${3:-}"
PID="$(pgrep -x kefu | head -1)"
[[ -n "$PID" ]] || { echo "no kefu process" >&2; exit 1; }
acked() { curl -s "http://127.0.0.1:$PORT/metrics" | awk '$1=="kefu_messages_acked_total"{print $2}'; }
snap() {
  for p in "$PID" $(pgrep -f 'kefu-loadgen' || true); do
    [[ -r /proc/$p/stat ]] || continue
    echo "$p $(cat /proc/"$p"/comm) $(awk '{print $14, $15}' /proc/"$p"/stat)"
  done
}
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
a0="$(acked)"; snap >"$WORK/p0"; head -1 /proc/stat >"$WORK/s0"
if [[ "$CENSUS" == "--syscalls" ]]; then
  events=""
  for call in sendmsg recvmsg epoll_wait futex pwrite64 pread64 fdatasync fcntl sync_file_range getrandom; do
    events+="syscalls:sys_enter_$call,"
  done
  # and the recvmsg calls that found nothing to read (EAGAIN)
  perf stat -x, -p "$PID" -e "${events%,}" -e syscalls:sys_exit_recvmsg --filter 'ret == -11' \
    -- sleep "$SECS" 2>"$WORK/census"
else
  sleep "$SECS"
fi
a1="$(acked)"; snap >"$WORK/p1"; head -1 /proc/stat >"$WORK/s1"
python3 - "$WORK" "$((a1 - a0))" "$(getconf CLK_TCK)" <<'PY'
import os, sys
work, msgs, hz = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
if msgs <= 0:
    sys.exit("no messages acknowledged in the window")
def procs(name):
    out = {}
    for line in open(os.path.join(work, name)):
        pid, comm, user, system = line.split()
        out[pid] = (comm, float(user), float(system))
    return out
before, after = procs("p0"), procs("p1")
split = {}
for pid, (comm, user, system) in after.items():
    if pid in before:
        u, s = split.get(comm, (0.0, 0.0))
        split[comm] = (u + (user - before[pid][1]) / hz, s + (system - before[pid][2]) / hz)
print(f"{msgs} messages acknowledged")
for comm, (u, s) in split.items():
    print(f"{comm:14s} user {1e6 * u / msgs:6.1f}  system {1e6 * s / msgs:6.1f} CPU us/msg")
names = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"]
s0 = [float(x) for x in open(os.path.join(work, "s0")).read().split()[1:9]]
s1 = [float(x) for x in open(os.path.join(work, "s1")).read().split()[1:9]]
delta = [b - a for a, b in zip(s0, s1)]
total = sum(delta)
print("machine: " + ", ".join(f"{n} {100 * d / total:.1f}%" for n, d in zip(names, delta)))
busy = total - delta[3] - delta[4]
print(f"machine busy {1e6 * busy / hz / msgs:.1f} CPU us/msg (all processes and kernel threads; "
      f"softirq {1e6 * delta[6] / hz / msgs:.1f} of it, already inside the processes' system time)")
census = os.path.join(work, "census")
if os.path.exists(census):
    for line in open(census):
        fields = line.strip().split(",")
        if len(fields) > 2 and fields[0].replace(".", "").isdigit():
            name = fields[2].split(":")[-1].replace("sys_enter_", "")
            name = "recvmsg EAGAIN" if name == "sys_exit_recvmsg" else name
            print(f"{name:16s} {float(fields[0]) / msgs:6.2f} per message")
PY
