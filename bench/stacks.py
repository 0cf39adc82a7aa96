#!/usr/bin/env python3
"""Summarises `perf script` output of a call-graph profile (bench/thread-profile.sh).

    stacks.py SCRIPT_OUTPUT [--top N] [--callers SYMBOL ...]

Prints the symbols with the most samples of their own, the Kefu functions with the most samples
under them (inclusive), and, for each SYMBOL given, which Kefu function its samples came from
(the nearest caller in namespace kefu, statement plumbing skipped) — the view that shows, say,
which query a B-tree seek in libsqlite3 belongs to.
"""
import argparse
import collections
import re


def read_samples(path):
    samples, frames = [], None
    with open(path, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if not line.strip():
                if frames is not None:
                    samples.append(frames)
                frames = None
                continue
            if not line[0].isspace():  # "comm tid time: period event:" starts a sample
                frames = []
                continue
            if frames is None:
                continue
            parts = line.strip().split(" ", 1)
            if len(parts) < 2:
                continue
            symbol = re.sub(r"\+0x[0-9a-f]+", "", parts[1])
            if symbol.startswith("[unknown]"):  # a library without symbols: name the library
                symbol = "[unknown] " + symbol.rsplit("/", 1)[-1].rstrip(")")
            symbol = re.sub(r" \((inlined|/.*|\[.*\])\)$", "", symbol)
            frames.append(re.sub(r"<.*>", "<>", symbol))  # template arguments add nothing here
    if frames:
        samples.append(frames)
    return samples


def is_kefu(frame):
    # Bare CamelCase names are Kefu's inlined helpers in anonymous namespaces (InsertEvent).
    if re.fullmatch(r"[A-Z][A-Za-z0-9]+", frame):
        return True
    return frame.startswith("kefu::") and "::Statement::" not in frame


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("script")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--callers", nargs="*", default=[])
    args = parser.parse_args()
    samples = read_samples(args.script)
    total = len(samples)
    if total == 0:
        raise SystemExit("no samples")
    print(f"{total} samples")

    own = collections.Counter(s[0] for s in samples if s)
    print("\nself (the sampled instruction's function):")
    for symbol, n in own.most_common(args.top):
        print(f"  {100 * n / total:5.1f}%  {symbol[:130]}")

    inclusive = collections.Counter()
    for frames in samples:
        inclusive.update({f for f in frames if is_kefu(f)})
    print("\ninclusive, Kefu functions:")
    for symbol, n in inclusive.most_common(args.top):
        print(f"  {100 * n / total:5.1f}%  {symbol[:130]}")

    for wanted in args.callers:
        callers = collections.Counter()
        hits = 0
        for frames in samples:
            at = next((i for i, f in enumerate(frames) if wanted in f), None)
            if at is None:
                continue
            hits += 1
            caller = next((f for f in frames[at + 1:] if is_kefu(f)), "(no Kefu caller)")
            callers[caller] += 1
        print(f"\n{wanted}: {100 * hits / total:.1f}% of samples, by nearest Kefu caller:")
        for symbol, n in callers.most_common(10):
            print(f"  {100 * n / total:5.1f}%  {symbol[:130]}")


if __name__ == "__main__":
    main()
