#!/usr/bin/env python3
"""Parse throughput of Python feedparser (Debian python3-feedparser) for the Rota `feeds` benchmark.

usage: parse_bench.py --list FILE [--repeat N]

FILE holds one feed path per line. Every file is read into memory once (bytes, as the
.NET side does), parsed once as a warm-up, then parsed N times; each pass is timed
with time.perf_counter (wall) and time.process_time (CPU of this process). Prints one JSON line on stdout:
  {"bytes": B, "feeds": F, "seconds": S, "pass_seconds": [...], "pass_cpu_seconds": [...], "failures": X, "bozo": Y, "entries": E,
   "feedparser": "6.0.10", "python": "3.11.2"}
where B and F are per pass, S is the total over the N timed passes, failures counts
exceptions (feedparser rarely raises: ill-formed input sets `bozo` instead).
"""
import argparse
import json
import platform
import sys
import time

try:
    import feedparser
except ImportError:
    sys.stderr.write("parse_bench.py: python module 'feedparser' not found; run: apt-get install -y python3-feedparser\n")
    sys.exit(3)


def parse_all(docs):
    failures = 0
    bozo = 0
    entries = 0
    for data in docs:
        try:
            result = feedparser.parse(data)
            entries += len(result.entries)
            if result.get("bozo"):
                bozo += 1
        except Exception:  # counted, not fatal (as on the .NET side)
            failures += 1
    return failures, bozo, entries


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--list", required=True)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with open(args.list, encoding="utf-8") as f:
        paths = [line.rstrip("\n") for line in f if line.strip()]
    docs = []
    for p in paths:
        with open(p, "rb") as f:
            docs.append(f.read())
    failures, bozo, entries = parse_all(docs)  # warm-up
    passes = []
    cpu_passes = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        cpu_start = time.process_time()
        failures, bozo, entries = parse_all(docs)
        cpu_passes.append(time.process_time() - cpu_start)
        passes.append(time.perf_counter() - start)
    print(json.dumps({
        "bytes": sum(len(d) for d in docs),
        "feeds": len(docs),
        "seconds": sum(passes),
        "pass_seconds": passes,
        "pass_cpu_seconds": cpu_passes,
        "failures": failures,
        "bozo": bozo,
        "entries": entries,
        "feedparser": getattr(feedparser, "__version__", "?"),
        "python": platform.python_version(),
    }))


if __name__ == "__main__":
    main()
