#!/usr/bin/env python3
"""Time to steady throughput: for each JVM named, starts the whole stack (`./airstay up -d`, its own AIRSTAY_LOCAL),
then runs the read mix through the gateway in short closed-loop slices from the moment it is ready, and stops it
again; rounds alternate between the JVMs so that a busier minute of the machine does not favour one of them.

    python3 deploy/bench/warmup.py /usr/lib/jvm/java-17-openjdk-amd64/bin/java JDK25_JAVA JDK25_JAVA:aot

A JVM ending in `:aot` starts the services from their AOT cache (JDK 25 or later; trained by `up`), any other without
it. Prints req/s per slice and a markdown table (docs/benchmark.md), also written to --out.
"""
import argparse, datetime, os, statistics, subprocess

import bench

ROOT = os.path.dirname(os.path.dirname(bench.HERE))


def config_env(spec, local):
    java, _, cache = spec.partition(":")
    return dict(os.environ, AIRSTAY_LOCAL=local, AIRSTAY_JAVA=java, AIRSTAY_AOT="1" if cache == "aot" else "0",
                # the slices measure the services, not the gateway's rate limit
                AIRSTAY_RATE_LIMIT="1000000r/s", AIRSTAY_RATE_BURST="100000")


def airstay(env, *words):
    return subprocess.run([os.path.join(ROOT, "airstay"), *words], cwd=ROOT, env=env, capture_output=True, text=True)


def curve(args, env, paths):
    up = airstay(env, "up", "-d")
    if up.returncode:
        raise SystemExit(f"./airstay up failed:\n{up.stdout[-2000:]}{up.stderr[-2000:]}")
    try:
        if paths is None:
            ids = bench.listing_ids(bench.Gateway(args.gateway), 500)
            paths = bench.write_paths(args.out, ids, 20_000, prefix="warmup")["mix"]
        slices = [bench.wrk(args, paths, args.slice_seconds) for _ in range(args.slices)]
    finally:
        airstay(env, "down")
    return paths, slices


def seconds_to(level, rates, slice_seconds):
    """The end of the first slice at or above level."""
    return next(((i + 1) * slice_seconds for i, rate in enumerate(rates) if rate >= level), None)


def report(args, runs):
    lines = [f"| JVM | round | first {args.slice_seconds} s | first 30 s | to 80 % of steady | steady (last 5 slices) |",
             "|---|---:|---:|---:|---:|---:|"]
    for spec, rounds in runs.items():
        for number, slices in rounds:
            rates = [s["rps"] for s in slices]
            steady = statistics.median(rates[-5:])
            first_30 = sum(rates[:max(1, 30 // args.slice_seconds)]) * args.slice_seconds
            to_80 = seconds_to(0.8 * steady, rates, args.slice_seconds)
            errors = sum(s["errors"] for s in slices)
            lines.append(f"| {spec} | {number} | {rates[0]:,.0f} req/s | {first_30:,.0f} requests | "
                         f"{to_80} s | {steady:,.0f} req/s{f' ({errors} errors)' if errors else ''} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("jvms", nargs="+", help="path of a java launcher, with :aot to use the AOT cache")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--slices", type=int, default=20)
    parser.add_argument("--slice-seconds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--gateway", default=f"http://127.0.0.1:{os.environ.get('AIRSTAY_GATEWAY_PORT', '8080')}")
    parser.add_argument("--out", default=os.path.join(ROOT, "deploy/.local/bench"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    local = os.path.join(args.out, "warmup-stack")
    runs, paths = {spec: [] for spec in args.jvms}, None
    for number in range(args.rounds):
        for spec in args.jvms:
            paths, slices = curve(args, config_env(spec, local), paths)
            runs[spec].append((number, slices))
            print(f"{spec} round {number}: req/s per {args.slice_seconds} s slice: "
                  f"{[round(s['rps']) for s in slices]}, errors {sum(s['errors'] for s in slices)}, "
                  f"load {os.getloadavg()[0]:.1f}", flush=True)
    table = report(args, runs)
    path = os.path.join(args.out, f"warmup-{datetime.datetime.now():%Y%m%d-%H%M%S}.md")
    with open(path, "w") as f:
        f.write(table + "\n")
    print(table)
    print(f"written to {path}")


if __name__ == "__main__":
    main()
