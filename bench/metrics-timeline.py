#!/usr/bin/env python3
"""A running Kefu server, read every INTERVAL seconds: one row per interval.

    bench/metrics-timeline.py [INTERVAL] [SECONDS] [PORT]   (defaults 0.1, 20, 18500)

Start it while a scenario runs (e.g. right after bench/s3-saturation.sh prints "visitors
connected"). Each row holds what happened in that interval: messages acknowledged, commits,
checkpoints and log restarts (from /metrics), the server's own ack latency p99 and max as the
upper bound of their histogram bucket, the CPU milliseconds of the I/O threads, the writer and
the checkpointer (from /proc), and the process's minor page faults. The loadgen's timeline is
per second; this one is fine enough to tie a latency spike to what the server did in the same
tenth of a second. The summary at the end lists the intervals with a log restart and those whose
p99 bucket is above 8 ms.
"""
import os
import re
import subprocess
import sys
import time
import urllib.request

INTERVAL = float(sys.argv[1]) if len(sys.argv) > 1 else 0.1
SECONDS = float(sys.argv[2]) if len(sys.argv) > 2 else 20
PORT = int(sys.argv[3]) if len(sys.argv) > 3 else 18500
COUNTERS = ["kefu_messages_acked_total", "kefu_storage_commits_total",
            "kefu_storage_checkpoints_total", "kefu_storage_log_restarts_total"]
ACK_BUCKET = "kefu_message_ack_latency_seconds_bucket"

pid = subprocess.check_output(["pgrep", "-x", "kefu"]).split()[0].decode()
ticks = os.sysconf("SC_CLK_TCK")


def read_metrics():
    text = urllib.request.urlopen(f"http://127.0.0.1:{PORT}/metrics", timeout=2).read().decode()
    counters, buckets = {}, []
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        name, _, value = line.rpartition(" ")
        if name.startswith(ACK_BUCKET):
            bound = re.search(r'le="([^"]+)"', name).group(1)
            buckets.append((float(bound), float(value)))
        else:
            counters[name] = float(value)
    return counters, buckets


def read_threads():
    """CPU ticks per thread name, plus the process's minor faults."""
    cpu = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                name = f.read().strip()
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the thread ended
        cpu[name] = cpu.get(name, 0) + int(fields[11]) + int(fields[12])
    with open(f"/proc/{pid}/stat") as f:
        cpu["minflt"] = int(f.read().rsplit(")", 1)[1].split()[7])
    return cpu


def bucket_at(buckets, share):
    """Upper bound (ms) of the first bucket holding `share` of the interval's acks, or 0."""
    total = buckets[-1][1] if buckets else 0
    if total <= 0:
        return 0.0
    return next(bound for bound, count in buckets if count >= share * total) * 1e3


def ms(ticks_delta):
    return ticks_delta * 1000 / ticks


prev_counters, prev_buckets = read_metrics()
prev_cpu = read_threads()
start = next_at = time.time()
rows = []
print("t_s\tacked\tcommits\tckpts\trestarts\tack_p99_ms\tack_max_ms\tio_ms\twriter_ms\tckpt_ms"
      "\tminflt")
while time.time() - start < SECONDS:
    next_at += INTERVAL
    time.sleep(max(0.0, next_at - time.time()))
    counters, buckets = read_metrics()
    cpu = read_threads()
    delta = [counters.get(k, 0) - prev_counters.get(k, 0) for k in COUNTERS]
    interval_buckets = [(b, c - pc) for (b, c), (_, pc) in zip(buckets, prev_buckets)]
    p99, top = bucket_at(interval_buckets, 0.99), bucket_at(interval_buckets, 1.0)
    io = sum(cpu[k] - prev_cpu.get(k, 0) for k in cpu if k.startswith("kefu-io"))
    writer = cpu.get("kefu-writer", 0) - prev_cpu.get("kefu-writer", 0)
    checkpointer = cpu.get("kefu-checkpoint", 0) - prev_cpu.get("kefu-checkpoint", 0)
    row = (next_at - start, *delta, p99, top, ms(io), ms(writer), ms(checkpointer),
           cpu["minflt"] - prev_cpu["minflt"])
    rows.append(row)
    print("{:.1f}\t{:.0f}\t{:.0f}\t{:.0f}\t{:.0f}\t{:.1f}\t{:.1f}\t{:.0f}\t{:.0f}\t{:.0f}\t{}"
          .format(*row), flush=True)
    prev_counters, prev_buckets, prev_cpu = counters, buckets, cpu

print("# intervals with a log restart (t_s/ack_p99_ms):",
      " ".join(f"{r[0]:.1f}/{r[5]:g}" for r in rows if r[4] > 0))
print("# intervals with ack p99 above 8 ms:",
      " ".join(f"{r[0]:.1f}/{r[5]:g}" for r in rows if r[5] > 8))
