#!/usr/bin/env python3
"""AirStay benchmark: the targets table and the performance budgets, measured through the gateway (docs/benchmark.md).

Scenarios: the read mix (search 10 : detail 5 : availability 3), cached listing detail,
search with a cold cache (plus pg_stat_statements for the database's own time), each closed-loop with wrk
(maximum throughput) and the first two also open-model at a fixed rate (OpenLoad: latency without coordinated
omission); then a booking storm and sustained booking throughput. Writes bench-<time>.json, .md and .svg into --out.
`./airstay bench` starts the stack (with a rate limit the benchmark does not hit) and loads the demo data first.
"""
import argparse, concurrent.futures, datetime, http.client, json, math, os, random, re, subprocess, threading, time
import urllib.parse, uuid

HERE = os.path.dirname(os.path.abspath(__file__))
CITIES = ["New York", "Los Angeles", "San Francisco", "Chicago", "Miami"]


class Gateway:
    """One keep-alive connection per thread, as a browser or a service client would hold."""

    def __init__(self, url):
        parsed = urllib.parse.urlparse(url)
        self.host, self.port = parsed.hostname, parsed.port or 80
        self.local = threading.local()

    def call(self, method, path, body=None, timeout=30):
        for attempt in (1, 2):
            connection = getattr(self.local, "connection", None)
            if connection is None:
                connection = self.local.connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
            try:
                connection.request(method, path, body=json.dumps(body) if body is not None else None,
                                   headers={"Content-Type": "application/json"})
                response = connection.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, OSError):
                connection.close()
                self.local.connection = None
                if attempt == 2:
                    raise


def listing_ids(gateway, limit):
    """Every active listing (up to limit), through the search API's cursors."""
    ids, cursor = [], None
    while len(ids) < limit:
        status, body = gateway.call("GET", "/api/v1/properties/search?page_size=100" + (f"&cursor={cursor}" if cursor else ""))
        page = json.loads(body)
        ids += [row["property_id"] for row in page["data"]]
        cursor = page["pagination"].get("next_cursor")
        if not cursor:
            break
    return ids[:limit]


def search_path(rng, max_price=None):
    path = (f"/api/v1/properties/search?city={urllib.parse.quote(rng.choice(CITIES))}&num_guests={rng.randint(1, 4)}"
            "&page=1&page_size=20")
    if rng.random() < 0.5:
        path += f"&min_bedrooms={rng.randint(1, 3)}"
    if max_price is not None:
        path += f"&max_price={max_price}"
    elif rng.random() < 0.3:
        path += f"&max_price={rng.choice([150, 250, 500])}"
    return path


def availability_path(rng, ids, today):
    start = today + datetime.timedelta(days=rng.randint(7, 60))
    end = start + datetime.timedelta(days=rng.randint(2, 7) - 1)
    return f"/api/v1/properties/{rng.choice(ids)}/availability?start_date={start}&end_date={end}"


def write_paths(out, ids, count=200_000):
    """The request paths each scenario replays (wrk and OpenLoad read the same files)."""
    rng, today = random.Random(7), datetime.date.today()
    mix = []
    for _ in range(count):
        r = rng.randint(1, 18)
        mix.append(search_path(rng) if r <= 10 else f"/api/v1/properties/{rng.choice(ids)}" if r <= 15
                   else availability_path(rng, ids, today))
    detail = [f"/api/v1/properties/{rng.choice(ids)}" for _ in range(count)]
    # A price cap above every listing's price (1,000 and more), unique per request and per run: the same rows,
    # never cached.
    run = random.Random().randint(0, 50_000)
    cold = [search_path(rng, f"{1000 + run + i // 100}.{i % 100:02d}") for i in range(count)]
    files = {}
    for name, paths in (("mix", mix), ("detail", detail), ("cold", cold)):
        files[name] = os.path.join(out, f"paths-{name}.txt")
        with open(files[name], "w") as f:
            f.write("\n".join(paths) + "\n")
    return files


def warm(gateway, ids, threads=16):
    """What production traffic leaves cached: every listing's calendar (one cached snapshot answers all its
    ranges) and detail; the read mix run afterwards caches the popular searches."""
    today = datetime.date.today()

    def touch(listing):
        gateway.call("GET", f"/api/v1/properties/{listing}")
        gateway.call("GET", f"/api/v1/properties/{listing}/availability?start_date={today + datetime.timedelta(days=7)}")

    began = time.time()
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        list(pool.map(touch, ids))
    return round(time.time() - began, 1)


def metric_sums(ports, pattern):
    """Sums of the Prometheus samples matching pattern (group 1 = label value) over the services' /q/metrics."""
    sums = {}
    for port in ports:
        connection = http.client.HTTPConnection("localhost", port, timeout=10)
        connection.request("GET", "/q/metrics")
        for line in connection.getresponse().read().decode().splitlines():
            match = re.match(pattern, line)
            if match:
                sums[match.group(1)] = sums.get(match.group(1), 0) + float(match.group(2))
        connection.close()
    return sums


def cache_counts(ports):
    sums = metric_sums(ports, r'cache_gets_total\{.*result="(hit|miss)".*\} ([0-9.eE+]+)')
    return sums.get("hit", 0), sums.get("miss", 0)


def processes(local):
    found = {}
    pids = os.path.join(local, "pids")
    for name in sorted(os.listdir(pids)):
        found[name[:-4]] = int(open(os.path.join(pids, name)).read().split()[0])
    return found


def pss_mb(pid):
    """Proportional set size: shared pages (PostgreSQL's shared buffers) split among the processes sharing them."""
    for line in open(f"/proc/{pid}/smaps_rollup"):
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_and_rss(pids):
    """CPU seconds and memory (PSS) of each process with its descendants (nginx workers, PostgreSQL backends),
    leaving out descendants that are processes of their own (the Kafka broker under the infrastructure JVM)."""
    ticks = os.sysconf("SC_CLK_TCK")
    stats, children = {}, {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
            stats[int(entry)] = (int(fields[11]) + int(fields[12])) / ticks
            children.setdefault(int(fields[1]), []).append(int(entry))
    usage, listed = {}, set(pids.values())
    for name, pid in pids.items():
        tree, cpu, memory = [pid], 0.0, 0.0
        while tree:
            current = tree.pop()
            try:
                cpu, memory = cpu + stats[current], memory + pss_mb(current)
            except (KeyError, FileNotFoundError, ProcessLookupError):
                continue
            tree += [child for child in children.get(current, []) if child not in listed]
        if pid in stats:
            usage[name] = {"cpu_s": cpu, "pss_mb": memory}
    return usage


def measured(run, args):
    """Runs run() and adds the cache hit rate and per-process CPU seconds / RSS of the window."""
    pids = processes(args.local)
    before_usage, before_cache, before_children = cpu_and_rss(pids), cache_counts(args.ports), os.times()
    result = run()
    after_usage, after_cache, after_children = cpu_and_rss(pids), cache_counts(args.ports), os.times()
    hits, misses = after_cache[0] - before_cache[0], after_cache[1] - before_cache[1]
    result["cache_hit_rate"] = round(hits / (hits + misses), 4) if hits + misses else None
    result["processes"] = {name: {"cpu_s": round(after_usage[name]["cpu_s"] - before_usage[name]["cpu_s"], 2),
                                  "pss_mb": round(after_usage[name]["pss_mb"], 1)}
                           for name in after_usage if name in before_usage}
    if "load_generator_cpu_s" not in result:  # wrk (a child of this process) or this process itself
        result["load_generator_cpu_s"] = round(sum(after_children[:4]) - sum(before_children[:4]), 2)
    return result


def wrk(args, paths, seconds):
    output = subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{seconds}s", "-s", os.path.join(HERE, "readmix.lua"),
                             args.gateway], env=dict(os.environ, BENCH_PATHS=paths), capture_output=True, text=True,
                            check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def open_load(args, requests, rate, seconds, connections=None, warmup=5):
    output = subprocess.run(["java", "-XX:+UseSerialGC", "-Xmx256m", "-cp", args.classpath, "io.airstay.localstack.OpenLoad",
                             args.gateway, requests, str(rate), str(seconds), str(connections or args.connections),
                             str(warmup)], capture_output=True, text=True, check=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["non2xx"] = sum(count for status, count in result["statuses"].items() if not status.startswith("2"))
    return result


def print_result(name, r):
    print(f"{name}: {r['rps']:.0f} req/s, p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms, max {r['max_ms']} ms, "
          f"errors {r['errors']}, hit rate {r['cache_hit_rate']}, load generator {r['load_generator_cpu_s']} CPU s", flush=True)


def query_stats(args, command):
    output = subprocess.run(["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", args.classpath,
                             "io.airstay.localstack.QueryStats", command, "airstay_search", "3"],
                            env=dict(os.environ, AIRSTAY_PG_PORT=str(args.pg_port)), capture_output=True, text=True,
                            check=True).stdout
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def new_listing(gateway, city):
    status, body = gateway.call("POST", "/api/v1/properties", {
        "host_id": str(uuid.uuid4()), "property_type": "apartment", "title": "Benchmark listing", "bedrooms": 2,
        "bathrooms": 1, "max_guests": 4, "base_price": 100, "location_city": city, "location_country": "US",
        "latitude": 40.0, "longitude": -75.0, "minimum_nights": 1, "maximum_nights": 30})
    return json.loads(body)["property_id"]


def await_bookable(gateway, listing):
    """Known to availability and booking once a harmless probe (check-out = check-in) is a 400 on that field."""
    check_in = (datetime.date.today() + datetime.timedelta(days=40)).isoformat()
    deadline = time.time() + 60
    while time.time() < deadline:
        status, body = gateway.call("POST", "/api/v1/bookings", {
            "property_id": listing, "guest_id": str(uuid.uuid4()), "check_in_date": check_in,
            "check_out_date": check_in, "num_guests": 1})
        if status == 400 and b"check_out_date" in body:
            return
        time.sleep(0.5)
    raise RuntimeError(f"listing {listing} never became bookable")


def booking_line(listing, check_in, nights):
    return "POST /api/v1/bookings " + json.dumps({
        "property_id": listing, "guest_id": str(uuid.uuid4()), "num_guests": 1, "check_in_date": check_in.isoformat(),
        "check_out_date": (check_in + datetime.timedelta(days=nights)).isoformat()})


def storm(args, gateway, requests=500):
    """requests POSTs for overlapping nights of one new listing, all due at the same instant."""
    listing = new_listing(gateway, "Storm City")
    await_bookable(gateway, listing)
    shared = datetime.date.today() + datetime.timedelta(days=60)
    path = os.path.join(args.out, "requests-storm.txt")
    with open(path, "w") as f:
        f.write("\n".join(booking_line(listing, shared - datetime.timedelta(days=i % 3), 1 + i % 3 + i % 2)
                          for i in range(requests)) + "\n")
    summary = open_load(args, path, requests, 0, connections=requests, warmup=3)
    print(f"booking storm: {summary}", flush=True)
    return summary


def throughput(args, ids, rate, seconds, warmup=3, label="booking throughput"):
    """Bookings of distinct listings (a random week 8-350 days ahead; nights booked by earlier runs answer 409)
    arriving at rate per second."""
    order, rng, today = ids[:], random.Random(), datetime.date.today()
    rng.shuffle(order)
    path = os.path.join(args.out, "requests-bookings.txt")
    with open(path, "w") as f:
        f.write("\n".join(booking_line(order[i % len(order)], today + datetime.timedelta(days=rng.randint(8, 350)), 7)
                          for i in range(rate * (seconds + warmup))) + "\n")
    summary = open_load(args, path, rate, seconds, connections=512, warmup=warmup)
    summary["confirmed_per_s"] = round(summary["statuses"].get("201", 0) / summary["seconds"], 1)
    print(f"{label}: {summary}", flush=True)
    return summary


def await_saga_drained(port, quiet_seconds=3, at_most=300):
    """Waits until booking-service has consumed no saga event for quiet_seconds (its backlog is empty)."""
    pattern = r'airstay_events_consumed_total\{.*consumer="(booking\.saga)".*\} ([0-9.eE+]+)'
    last, quiet, began = None, 0, time.time()
    while quiet < quiet_seconds and time.time() - began < at_most:
        consumed = metric_sums([port], pattern).get("booking.saga", 0)
        quiet = quiet + 1 if consumed == last else 0
        last = consumed
        time.sleep(1)
    print(f"saga drained after {time.time() - began:.0f} s", flush=True)


def verdict(value, target, acceptable, lower_is_better=True):
    good = (lambda v, t: v < t) if lower_is_better else (lambda v, t: v > t)
    return "target" if good(value, target) else "acceptable" if good(value, acceptable) else "poor"


def targets_table(results):
    """The targets table (target and acceptable bound per metric), for the read mix (latency at the open-model rate)."""
    mix = results["read_mix"]
    opened = results.get("read_mix_open", mix)  # a first-cut run (no open model) shows its closed-loop latency
    error_rate = 100 * (mix["errors"] + opened["errors"]) / max(mix["requests"] + opened["requests"], 1)
    query = results["cold_search"]["query_stats"][0]["mean_ms"] if results["cold_search"].get("query_stats") else None
    rows = [("API Response Time (p95)", "<200ms", "<500ms", f"{opened['p95_ms']} ms", verdict(opened["p95_ms"], 200, 500)),
            ("API Response Time (p99)", "<500ms", "<1s", f"{opened['p99_ms']} ms", verdict(opened["p99_ms"], 500, 1000)),
            ("Database Query Time", "<50ms", "<100ms", f"{query} ms" if query is not None else "n/a",
             verdict(query, 50, 100) if query is not None else "n/a"),
            ("Cache Hit Rate", ">80%", ">60%", f"{100 * (mix['cache_hit_rate'] or 0):.1f} %",
             verdict(100 * (mix["cache_hit_rate"] or 0), 80, 60, lower_is_better=False)),
            ("Throughput", ">1000 RPS", ">500 RPS", f"{mix['rps']:.0f} RPS", verdict(mix["rps"], 1000, 500, lower_is_better=False)),
            ("Error Rate", "<0.1%", "<1%", f"{error_rate:.3f} %", verdict(error_rate, 0.1, 1))]
    return rows


def budgets(results):
    mix, opened, detail = results["read_mix"], results["read_mix_open"], results["cached_detail"]
    storm_result, booked = results["storm"], results["throughput"]
    return [
        ("read mix via gateway", "≥ 15,000 req/s", f"{mix['rps']:.0f} req/s", mix["rps"] >= 15000),
        ("read mix p99 at 50% of peak, 0 errors", "< 10 ms", f"{opened['p99_ms']} ms at {opened['target_rps']} req/s, "
         f"{opened['errors']} errors", opened["p99_ms"] < 10 and opened["errors"] == 0),
        ("cached detail via gateway", "≥ 30,000 req/s", f"{detail['rps']:.0f} req/s", detail["rps"] >= 30000),
        ("cache hit rate in the mix", "≥ 95 %", f"{100 * (mix['cache_hit_rate'] or 0):.1f} %", (mix["cache_hit_rate"] or 0) >= 0.95),
        ("booking storm", "one 201, 499 × 409, p99 < 500 ms", f"{storm_result['statuses']}, p99 {storm_result['p99_ms']} ms",
         storm_result["statuses"].get("201") == 1 and storm_result["statuses"].get("409") == storm_result["requests"] - 1
         and storm_result["p99_ms"] < 500),
        ("booking throughput, distinct listings", "≥ 500 confirmed/s", f"{booked['confirmed_per_s']} /s",
         booked["confirmed_per_s"] >= 500),
    ]


def svg_chart(results, path):
    """Two bar charts: throughput and latency percentiles per scenario."""
    scenarios = [name for name in ("read_mix", "cached_detail", "cold_search", "read_mix_open", "cached_detail_open")
                 if name in results]
    width, bar_area, row = 900, 520, 26
    lines = []
    y = 30
    lines.append(f'<text x="10" y="{y}" font-size="16" font-weight="bold">Throughput (req/s)</text>')
    top = max(results[s]["rps"] for s in scenarios)
    for s in scenarios:
        y += row
        w = bar_area * results[s]["rps"] / top
        lines.append(f'<text x="10" y="{y + 14}" font-size="13">{s}</text>')
        lines.append(f'<rect x="190" y="{y}" width="{w:.0f}" height="18" fill="#4878a8"/>')
        lines.append(f'<text x="{195 + w:.0f}" y="{y + 14}" font-size="12">{results[s]["rps"]:.0f}</text>')
    y += 2 * row
    lines.append(f'<text x="10" y="{y}" font-size="16" font-weight="bold">Latency (ms, log scale): p50 / p95 / p99</text>')
    colours = {"p50_ms": "#7fb069", "p95_ms": "#e6aa68", "p99_ms": "#ca3c25"}
    scale = lambda ms: bar_area * math.log10(1 + ms) / math.log10(1 + 5000)
    for s in scenarios:
        for key, colour in colours.items():
            y += 20
            w = scale(results[s][key])
            if key == "p50_ms":
                lines.append(f'<text x="10" y="{y + 13}" font-size="13">{s}</text>')
            lines.append(f'<rect x="190" y="{y}" width="{max(w, 1):.0f}" height="16" fill="{colour}"/>')
            lines.append(f'<text x="{195 + w:.0f}" y="{y + 13}" font-size="12">{key[:3]} {results[s][key]}</text>')
        y += 8
    height = y + 30
    with open(path, "w") as f:
        f.write(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif">'
                f'<rect width="100%" height="100%" fill="white"/>{"".join(lines)}</svg>\n')


def report(results, path, chart, before=None):
    old = {row[0]: row[3] for row in targets_table(before)} if before else {}
    lines = ["# AirStay benchmark", "",
             f"{results['time']}: {results['listings']} listings; closed loop wrk -t2 -c{results['connections']}, "
             f"{results['seconds']} s per scenario; open model (OpenLoad) at {int(100 * results['open_fraction'])} % of the "
             "closed-loop peak; everything through the nginx gateway on this 2-core machine. Caches warmed first as "
             f"production traffic leaves them: every listing's detail and calendar once ({results.get('warm_pass_s')} s), "
             f"then {results.get('warmup_s')} s of the read mix (and as long of bookings at 20/s before the booking "
             "scenarios).", "",
             "## Targets (read mix)", "",
             "| Metric | Target | Acceptable | " + ("Before | " if before else "") + "Measured | Verdict |",
             "|---|---|---|" + ("---|" if before else "") + "---|---|"]
    for metric, target, acceptable, value, grade in targets_table(results):
        lines.append(f"| {metric} | {target} | {acceptable} | " + (f"{old.get(metric, '')} | " if before else "")
                     + f"{value} | {grade} |")
    lines += ["", "Response times are the open-model run's (latency at a fixed arrival rate, coordinated-omission-free); "
              "database query time is the mean of the top search statement in pg_stat_statements during the cold-search run.",
              "", "## Budgets", "", "| budget | goal | measured | met |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {'yes' if d else 'no'} |" for a, b, c, d in budgets(results)]
    lines += ["", "## Scenarios", "", f"![throughput and latency]({os.path.basename(chart)})", "",
              "| scenario | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | hit rate | load generator CPU s |",
              "|---|---|---|---|---|---|---|---|---|"]
    for name in ("read_mix", "cached_detail", "cold_search", "read_mix_open", "cached_detail_open"):
        r = results[name]
        rate = f"{r['rps']:.0f}" + (f" (target {r['target_rps']})" if "target_rps" in r else "")
        lines.append(f"| {name} | {rate} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['max_ms']} | {r['errors']} | "
                     f"{r['cache_hit_rate']} | {r['load_generator_cpu_s']} |")
    if before:
        lines += ["", "Before (" + before["time"] + "): " + ", ".join(
            f"{name} {before[name]['rps']:.0f} req/s p99 {before[name]['p99_ms']} ms"
            for name in ("read_mix", "cached_detail", "cold_search") if name in before)]
    bookings = [("Booking storm: 500 requests for overlapping nights of one listing, all due at once", results["storm"])]
    bookings += [(f"Booking throughput: distinct listings offered at {results[name]['target_rps']}/s for {results['seconds']} s",
                  results[name]) for name in sorted(results) if name.startswith("throughput_")]
    for title, r in bookings:
        lines += ["", f"{title}: statuses {r['statuses']}, latency p50 {r['p50_ms']} / p95 {r['p95_ms']} / p99 {r['p99_ms']} / "
                  f"max {r['max_ms']} ms" + (f", {r['confirmed_per_s']} confirmed/s" if "confirmed_per_s" in r else "")
                  + f"; load generator {r['load_generator_cpu_s']} CPU s."]
    lines.append("")
    if results["cold_search"].get("query_stats"):
        lines += ["Top statements of airstay_search during the cold-search run (pg_stat_statements):", "",
                  "| calls | mean ms | total ms | query |", "|---|---|---|---|"]
        lines += [f"| {q['calls']} | {q['mean_ms']} | {q['total_ms']} | `{q['query'][:120]}` |"
                  for q in results["cold_search"]["query_stats"]]
    lines += ["", "CPU seconds and memory (PSS, MB) per process with its children, during the read mix (closed loop):", "",
              "| process | CPU s | PSS MB |", "|---|---|---|"]
    lines += [f"| {n} | {u['cpu_s']} | {u['pss_mb']} |" for n, u in results["read_mix"]["processes"].items()]
    open(path, "w").write("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gateway", default="http://localhost:8080")
    parser.add_argument("--local", default=os.path.join(HERE, "..", ".local"))
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--warmup", type=int, default=30,
                        help="seconds of read mix, and of bookings at 20/s, before measuring (JIT-compiling five JVMs "
                             "on two cores takes minutes: on a freshly started stack, run the benchmark twice)")
    parser.add_argument("--open-fraction", type=float, default=0.5, help="open-model rate as a fraction of the peak")
    parser.add_argument("--out", default=os.path.join(HERE, "..", ".local", "bench"))
    parser.add_argument("--cache-ports", default="8081,8091,8083,8084")
    parser.add_argument("--pg-port", type=int, default=5432)
    parser.add_argument("--booking-port", type=int, default=8082, help="booking-service, for its saga metrics")
    parser.add_argument("--classpath", required=True, help="classpath of deploy/local-stack (OpenLoad, QueryStats)")
    parser.add_argument("--max-listings", type=int, default=100_000)
    parser.add_argument("--booking-rates", default="100,500", help="bookings per second offered, one run each")
    parser.add_argument("--before", help="an earlier run's JSON, shown beside this one")
    args = parser.parse_args()
    args.ports = [int(p) for p in args.cache_ports.split(",")]
    args.booking_rates = [int(rate) for rate in args.booking_rates.split(",")]
    os.makedirs(args.out, exist_ok=True)
    gateway = Gateway(args.gateway)

    ids = listing_ids(gateway, args.max_listings)
    paths = write_paths(args.out, ids)
    print(f"{len(ids)} listings; warming caches", flush=True)
    warmed_in = warm(gateway, ids)
    wrk(args, paths["mix"], args.warmup)

    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    results = {"time": stamp, "listings": len(ids), "seconds": args.seconds, "connections": args.connections,
               "open_fraction": args.open_fraction, "warm_pass_s": warmed_in, "warmup_s": args.warmup}
    for name, mode in (("read_mix", "mix"), ("cached_detail", "detail")):
        results[name] = measured(lambda: wrk(args, paths[mode], args.seconds), args)
        print_result(name, results[name])
        rate = int(results[name]["rps"] * args.open_fraction)
        results[name + "_open"] = measured(lambda: open_load(args, paths[mode], rate, args.seconds), args)
        results[name + "_open"]["errors"] = results[name + "_open"]["non2xx"]  # as wrk counts them
        print_result(name + "_open", results[name + "_open"])
    query_stats(args, "reset")
    results["cold_search"] = measured(lambda: wrk(args, paths["cold"], args.seconds), args)
    results["cold_search"]["query_stats"] = query_stats(args, "top")
    print_result("cold_search", results["cold_search"])
    # The write path gets its own warm-up, as production traffic would have given it (JIT, pools, consumers);
    # each booking scenario starts once the saga has settled everything sent before.
    throughput(args, ids, 20, args.warmup, warmup=0, label="warming the booking path")
    await_saga_drained(args.booking_port)
    results["storm"] = measured(lambda: storm(args, gateway), args)
    for rate in args.booking_rates:
        await_saga_drained(args.booking_port)
        results[f"throughput_{rate}"] = measured(lambda: throughput(args, ids, rate, args.seconds), args)
    results["throughput"] = max((results[f"throughput_{rate}"] for rate in args.booking_rates),
                                key=lambda r: r["confirmed_per_s"])

    base = os.path.join(args.out, f"bench-{stamp}")
    json.dump(results, open(base + ".json", "w"), indent=2)
    svg_chart(results, base + ".svg")
    before = json.load(open(args.before)) if args.before else None
    report(results, base + ".md", base + ".svg", before)
    print(f"report: {base}.md (chart {base}.svg, data {base}.json)")


if __name__ == "__main__":
    main()
