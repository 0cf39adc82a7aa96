#!/usr/bin/env python3
"""The disk's durability floor: how long one fdatasync of a 4 KiB append and one single-row
SQLite WAL commit with synchronous=FULL take on this machine. Kefu acks after a group commit,
so a message waits for at most the commit in flight plus its own: twice this floor bounds the
fsync share of its latency.

Usage: bench/fsync-probe.py [DIR] [N]   (DIR: where the data directory would live; default /tmp)
"""
import os
import sqlite3
import sys
import tempfile
import time


def percentiles(samples):
    s = sorted(samples)
    at = lambda p: s[min(len(s) - 1, int(len(s) * p))]
    return 'p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f ms' % (
        at(0.5), at(0.9), at(0.99), at(0.999), s[-1])


def main():
    where = sys.argv[1] if len(sys.argv) > 1 else '/tmp'
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    with tempfile.TemporaryDirectory(dir=where) as d:
        fd = os.open(os.path.join(d, 'append'), os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        lat = []
        for _ in range(n):
            os.write(fd, b'x' * 4096)
            t = time.perf_counter()
            os.fdatasync(fd)
            lat.append((time.perf_counter() - t) * 1000)
        os.close(fd)
        print('fdatasync, 4 KiB append:          ' + percentiles(lat))

        db = sqlite3.connect(os.path.join(d, 'probe.db'), isolation_level=None)
        db.execute('PRAGMA journal_mode=WAL')
        db.execute('PRAGMA synchronous=FULL')
        db.execute('CREATE TABLE t (x TEXT)')
        lat = []
        for _ in range(n):
            t = time.perf_counter()
            db.execute('BEGIN')
            db.execute('INSERT INTO t VALUES (?)', ('m' * 300,))
            db.execute('COMMIT')
            lat.append((time.perf_counter() - t) * 1000)
        db.close()
        print('SQLite WAL commit, one 300 B row: ' + percentiles(lat))


if __name__ == '__main__':
    main()
