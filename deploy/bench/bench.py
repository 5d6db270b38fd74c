#!/usr/bin/env python3
"""AirStay benchmark, first cut (issue 7): scenarios through the gateway of a running stack.

Closed-loop throughput with wrk for the read mix, cached detail and cold search; booking storm and booking
throughput with a thread pool. Writes bench-<time>.json and .md into --out. Start the stack with a rate
limit a benchmark does not hit: AIRSTAY_RATE_LIMIT=1000000r/s ./airstay up -d (./airstay bench does it).
"""
import argparse, concurrent.futures, datetime, json, os, re, subprocess, threading, time, urllib.error, urllib.request, uuid

HERE = os.path.dirname(os.path.abspath(__file__))


def http(method, url, body=None, timeout=30):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def listing_ids(gateway, wanted=2000):
    ids = []
    for city in ["New York", "Los Angeles", "San Francisco", "Chicago", "Miami", "Seattle", "Austin", "Boston"]:
        cursor = None
        while len(ids) < wanted:
            url = f"{gateway}/api/v1/properties/search?page_size=100&city={urllib.parse.quote(city)}"
            status, body = http("GET", url + (f"&cursor={cursor}" if cursor else ""))
            page = json.loads(body)
            ids += [row["property_id"] for row in page["data"]]
            cursor = page["pagination"].get("next_cursor")
            if not cursor:
                break
    return ids


def cache_counts(ports):
    hits = misses = 0
    for port in ports:
        status, body = http("GET", f"http://localhost:{port}/q/metrics")
        for line in body.decode().splitlines():
            match = re.match(r'cache_gets_total\{.*result="(hit|miss)".*\} ([0-9.eE+]+)', line)
            if match:
                if match.group(1) == "hit":
                    hits += float(match.group(2))
                else:
                    misses += float(match.group(2))
    return hits, misses


def processes(local):
    found = {}
    pids = os.path.join(local, "pids")
    for name in sorted(os.listdir(pids)):
        pid = open(os.path.join(pids, name)).read().split()[0]
        found[name[:-4]] = int(pid)
    return found


def cpu_and_rss(pids):
    usage = {}
    ticks = os.sysconf("SC_CLK_TCK")
    for name, pid in pids.items():
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            rss_pages = int(open(f"/proc/{pid}/statm").read().split()[1])
            usage[name] = {"cpu_s": (int(fields[11]) + int(fields[12])) / ticks,
                           "rss_mb": rss_pages * os.sysconf("SC_PAGE_SIZE") / 2**20}
        except (FileNotFoundError, ProcessLookupError, IndexError):
            pass
    return usage


def wrk(gateway, mode, ids_file, seconds, connections):
    env = dict(os.environ, BENCH_IDS=ids_file, BENCH_MODE=mode)
    started = os.times()
    output = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", os.path.join(HERE, "readmix.lua"),
                             gateway], env=env, capture_output=True, text=True, check=True).stdout
    finished = os.times()
    result = json.loads(output.strip().splitlines()[-1])
    result["load_generator_cpu_s"] = round((finished.children_user + finished.children_system)
                                           - (started.children_user + started.children_system), 2)
    return result


def scenario(name, gateway, mode, ids_file, seconds, connections, local, cache_ports):
    pids = processes(local)
    before_usage, before_cache = cpu_and_rss(pids), cache_counts(cache_ports)
    result = wrk(gateway, mode, ids_file, seconds, connections)
    after_usage, after_cache = cpu_and_rss(pids), cache_counts(cache_ports)
    hits, misses = after_cache[0] - before_cache[0], after_cache[1] - before_cache[1]
    result["cache_hit_rate"] = round(hits / (hits + misses), 4) if hits + misses else None
    result["processes"] = {name: {"cpu_s": round(after_usage[name]["cpu_s"] - before_usage[name]["cpu_s"], 2),
                                  "rss_mb": round(after_usage[name]["rss_mb"], 1)}
                           for name in after_usage if name in before_usage}
    print(f"{name}: {result['rps']:.0f} req/s, p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, "
          f"errors {result['errors']}, hit rate {result['cache_hit_rate']}")
    return result


def new_listing(gateway):
    status, body = http("POST", f"{gateway}/api/v1/properties", {
        "host_id": str(uuid.uuid4()), "property_type": "apartment", "title": "Storm target", "bedrooms": 2,
        "bathrooms": 1, "max_guests": 4, "base_price": 100, "location_city": "Bench City", "location_country": "US",
        "latitude": 40.0, "longitude": -75.0, "minimum_nights": 1, "maximum_nights": 30})
    listing = json.loads(body)["property_id"]
    check_in = (datetime.date.today() + datetime.timedelta(days=40)).isoformat()
    deadline = time.time() + 60
    while time.time() < deadline:  # known to availability and booking once a harmless probe is not a 400
        status, _ = http("POST", f"{gateway}/api/v1/bookings", {
            "property_id": listing, "guest_id": str(uuid.uuid4()), "check_in_date": check_in,
            "check_out_date": check_in, "num_guests": 1})
        if status == 400 and b"check_out_date" in _:
            return listing
        time.sleep(0.5)
    raise RuntimeError("the storm listing never became bookable")


def storm(gateway, requests=500):
    listing = new_listing(gateway)
    shared = datetime.date.today() + datetime.timedelta(days=60)
    barrier = threading.Barrier(requests)

    def book(i):
        body = {"property_id": listing, "guest_id": str(uuid.uuid4()), "num_guests": 1,
                "check_in_date": (shared - datetime.timedelta(days=i % 3)).isoformat(),
                "check_out_date": (shared + datetime.timedelta(days=1 + i % 2)).isoformat()}
        barrier.wait()
        began = time.perf_counter()
        status, _ = http("POST", f"{gateway}/api/v1/bookings", body)
        return status, (time.perf_counter() - began) * 1000

    with concurrent.futures.ThreadPoolExecutor(requests) as pool:
        results = list(pool.map(book, range(requests)))
    latencies = sorted(latency for _, latency in results)
    statuses = {}
    for status, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    summary = {"requests": requests, "statuses": statuses, "p50_ms": round(latencies[len(latencies) // 2], 1),
               "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 1), "max_ms": round(latencies[-1], 1)}
    print(f"booking storm: {summary}")
    return summary


def throughput(gateway, ids, seconds=20, threads=32):
    stop = time.time() + seconds
    confirmed, other = [0], [0]
    lock = threading.Lock()

    def worker(offset):
        n = offset
        while time.time() < stop:
            listing = ids[n % len(ids)]
            check_in = datetime.date.today() + datetime.timedelta(days=150 + (n // len(ids)) * 3 % 200)
            status, _ = http("POST", f"{gateway}/api/v1/bookings", {
                "property_id": listing, "guest_id": str(uuid.uuid4()), "num_guests": 1,
                "check_in_date": check_in.isoformat(), "check_out_date": (check_in + datetime.timedelta(days=7)).isoformat()})
            with lock:
                (confirmed if status == 201 else other)[0] += 1
            n += threads

    began = time.time()
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        list(pool.map(worker, range(threads)))
    elapsed = time.time() - began
    summary = {"seconds": round(elapsed, 1), "confirmed": confirmed[0], "other": other[0],
               "confirmed_per_s": round(confirmed[0] / elapsed, 1)}
    print(f"booking throughput: {summary}")
    return summary


def verdict(value, target, acceptable, lower_is_better=True):
    if value is None:
        return "n/a"
    good = (lambda v, t: v < t) if lower_is_better else (lambda v, t: v > t)
    return "target" if good(value, target) else "acceptable" if good(value, acceptable) else "poor"


def report(results, path):
    mix = results["read_mix"]
    rows = [
        ("API Response Time (p95)", "<200ms", "<500ms", f"{mix['p95_ms']} ms", verdict(mix["p95_ms"], 200, 500)),
        ("API Response Time (p99)", "<500ms", "<1s", f"{mix['p99_ms']} ms", verdict(mix["p99_ms"], 500, 1000)),
        ("Cache Hit Rate", ">80%", ">60%", f"{(mix['cache_hit_rate'] or 0) * 100:.1f} %",
         verdict((mix["cache_hit_rate"] or 0) * 100, 80, 60, lower_is_better=False)),
        ("Throughput", ">1000 RPS", ">500 RPS", f"{mix['rps']:.0f} RPS", verdict(mix["rps"], 1000, 500, lower_is_better=False)),
        ("Error Rate", "<0.1%", "<1%", f"{100 * mix['errors'] / max(mix['requests'], 1):.3f} %",
         verdict(100 * mix["errors"] / max(mix["requests"], 1), 0.1, 1)),
    ]
    lines = ["# AirStay benchmark", "", f"{results['time']} — {results['listings']} listings; wrk -t2 -c{results['connections']}, "
             f"{results['seconds']} s per scenario, through the gateway.", "",
             "| Metric | Target | Acceptable | Measured | Verdict |", "|---|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in rows]
    lines += ["", "| scenario | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | hit rate | load generator CPU s |",
              "|---|---|---|---|---|---|---|---|---|"]
    for name in ("read_mix", "cached_detail", "cold_search"):
        r = results[name]
        lines.append(f"| {name} | {r['rps']:.0f} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['max_ms']} | "
                     f"{r['errors']} | {r['cache_hit_rate']} | {r['load_generator_cpu_s']} |")
    lines += ["", f"Booking storm: {results['storm']}", "", f"Booking throughput: {results['throughput']}", "",
              "CPU seconds and RSS per process during the read mix:", "", "| process | CPU s | RSS MB |", "|---|---|---|"]
    lines += [f"| {n} | {u['cpu_s']} | {u['rss_mb']} |" for n, u in results["read_mix"]["processes"].items()]
    open(path, "w").write("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gateway", default="http://localhost:8080")
    parser.add_argument("--local", default=os.path.join(HERE, "..", ".local"))
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--out", default=os.path.join(HERE, "..", ".local", "bench"))
    parser.add_argument("--cache-ports", default="8081,8091,8083,8084")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    ids = listing_ids(args.gateway)
    ids_file = os.path.join(args.out, "ids.txt")
    open(ids_file, "w").write("\n".join(ids) + "\n")
    ports = [int(p) for p in args.cache_ports.split(",")]
    print(f"{len(ids)} listings; warming caches")
    wrk(args.gateway, "mix", ids_file, 15, args.connections)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    results = {"time": stamp, "listings": len(ids), "seconds": args.seconds, "connections": args.connections}
    for name, mode in (("read_mix", "mix"), ("cached_detail", "detail"), ("cold_search", "cold")):
        results[name] = scenario(name, args.gateway, mode, ids_file, args.seconds, args.connections, args.local, ports)
    results["storm"] = storm(args.gateway)
    results["throughput"] = throughput(args.gateway, ids)
    json.dump(results, open(os.path.join(args.out, f"bench-{stamp}.json"), "w"), indent=2)
    report(results, os.path.join(args.out, f"bench-{stamp}.md"))
    print(f"report: {os.path.join(args.out, f'bench-{stamp}.md')}")


if __name__ == "__main__":
    main()
