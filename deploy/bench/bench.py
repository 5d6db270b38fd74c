#!/usr/bin/env python3
"""AirStay benchmark: the targets table and the performance budgets, measured through the gateway (docs/benchmark.md).

Scenarios: the read mix (search 10 : detail 5 : availability 3), cached listing detail,
search with a cold cache (plus pg_stat_statements for the database's own time), each closed-loop with wrk
(maximum throughput) and the first two also open-model at a fixed rate (OpenLoad: latency without coordinated
omission); then the database's ceiling (pgbench -N) and the booking runs: a warm-up, a booking storm and sustained
booking throughput, each on nights nobody holds, followed by the saga's drain, the invariant check and the saga's
per-hop latencies; with --profile, a flight recording of booking-service and availability-service during the
highest-rate booking run, summarized; with --peer, the read scenarios measured side by side with another
implementation of the same API, round by round. Writes bench-<time>.json, .md and .svg into --out. `./airstay bench` starts the
stack (with a rate limit the benchmark does not hit) and loads the demo data first.
"""
import argparse, collections, concurrent.futures, datetime, glob, http.client, itertools, json, math, os, random, re, signal
import statistics, subprocess, threading, time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
CITIES = ["New York", "Los Angeles", "San Francisco", "Chicago", "Miami"]


class Gateway:
    """One keep-alive connection per thread, as a browser or a service client would hold."""

    def __init__(self, url):
        parsed = urllib.parse.urlparse(url)
        self.host, self.port = parsed.hostname, parsed.port or 80
        self.local = threading.local()

    def call(self, method, path, body=None, timeout=30, token=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        for attempt in (1, 2):
            connection = getattr(self.local, "connection", None)
            if connection is None:
                connection = self.local.connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
            try:
                connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
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


def write_paths(out, ids, count=200_000, prefix="paths"):
    """The request paths each scenario replays (wrk and OpenLoad read the same files); detail-one repeats the first
    listing's detail."""
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
    for name, paths in (("mix", mix), ("detail", detail), ("cold", cold), ("detail-one", [f"/api/v1/properties/{ids[0]}"])):
        files[name] = os.path.join(out, f"{prefix}-{name}.txt")
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


# Where the local platform listens (./airstay: AIRSTAY_BIND_ADDRESS, 127.0.0.1), set by main.
HOST = "127.0.0.1"


def metric_sums(ports, pattern):
    """Sums of the Prometheus samples matching pattern (group 1 = label value) over the /q/metrics of the services'
    management ports."""
    sums = {}
    for port in ports:
        connection = http.client.HTTPConnection(HOST, port, timeout=10)
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


def wrk(args, paths, seconds, gateway=None, accept_encoding="gzip"):
    output = subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{seconds}s", "-s", os.path.join(HERE, "readmix.lua"),
                             gateway or args.gateway],
                            env=dict(os.environ, BENCH_PATHS=paths, BENCH_ACCEPT_ENCODING=accept_encoding),
                            capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


# --peer: the scenarios measured side by side (name, paths file, Accept-Encoding).
PEER_SCENARIOS = (("read mix, gzip", "mix", "gzip"), ("read mix, no gzip", "mix", ""),
                  ("cached detail of one listing, gzip", "detail-one", "gzip"))


def process_tree(roots):
    """The given pids and every descendant of theirs."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parent = int(open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()[1])
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, pending = set(), list(roots)
    while pending:
        pid = pending.pop()
        if pid not in found:
            found.add(pid)
            pending += children.get(pid, [])
    return found


def signal_all(pids, number):
    for pid in pids:
        try:
            os.kill(pid, number)
        except ProcessLookupError:
            pass


def side_by_side(args, paths, peer_paths):
    """The platform and the peer measured alternately, round by round, with the same wrk script and paths drawn
    alike; while one side is measured, the other side's processes (ours: --local's pid files; the peer's: the pid
    files in --peer-pids, with their children) are stopped with SIGSTOP, so that they take no CPU. Each measurement
    follows 5 s of the same load."""
    ours = process_tree(processes(args.local).values())
    theirs = process_tree(int(open(f).read().split()[0]) for f in glob.glob(os.path.join(args.peer_pids, "*.pid"))) \
        if args.peer_pids else set()
    rows = []
    try:
        for number in range(1, args.peer_rounds + 1):
            for side, gateway, files, frozen in (("platform", args.gateway, paths, theirs),
                                                 ("peer", args.peer, peer_paths, ours)):
                signal_all(frozen, signal.SIGSTOP)
                time.sleep(1)
                for scenario, mode, encoding in PEER_SCENARIOS:
                    wrk(args, files[mode], 5, gateway, encoding)
                    rows.append(dict(wrk(args, files[mode], args.seconds, gateway, encoding), round=number, side=side,
                                     scenario=scenario))
                    print(f"round {number} {side:8} {scenario:35} {rows[-1]['rps']:8.0f} req/s p99 {rows[-1]['p99_ms']} ms "
                          f"errors {rows[-1]['errors']}", flush=True)
                signal_all(frozen, signal.SIGCONT)
    finally:
        signal_all(ours | theirs, signal.SIGCONT)
    ratios = {}
    for scenario, _, _ in PEER_SCENARIOS:
        ours_rps = [r["rps"] for r in rows if r["scenario"] == scenario and r["side"] == "platform"]
        peer_rps = [r["rps"] for r in rows if r["scenario"] == scenario and r["side"] == "peer"]
        per_round = [round(a / b, 2) for a, b in zip(ours_rps, peer_rps) if b]
        ratios[scenario] = {"per_round": per_round, "median": statistics.median(per_round) if per_round else None}
    return {"peer": args.peer, "rounds": rows, "ratios": ratios}


def peer_report(comparison):
    lines = ["", "## Side by side with the peer", "",
             f"The platform's gateway and the peer at {comparison['peer']} measured alternately, round by round, the side "
             "not measured stopped (SIGSTOP); wrk as in the other scenarios, after 5 s of the same load. Ratio = platform "
             "req/s / peer req/s of the same round.", "",
             "| scenario | ratio per round | median ratio |", "|---|---|---|"]
    lines += [f"| {scenario} | {', '.join(f'{x}x' for x in r['per_round'])} | {r['median']}x |"
              for scenario, r in comparison["ratios"].items()]
    lines += ["", "| round | side | scenario | req/s | p50 ms | p99 ms | errors |", "|---|---|---|---|---|---|---|"]
    lines += [f"| {r['round']} | {r['side']} | {r['scenario']} | {r['rps']:.0f} | {r['p50_ms']} | {r['p99_ms']} | {r['errors']} |"
              for r in comparison["rounds"]]
    return lines


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
                            env=dict(os.environ, AIRSTAY_PG_PORT=str(args.search_pg_port or args.pg_port)),
                            capture_output=True, text=True,
                            check=True).stdout
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def command_output(command, env=None, stdin=None):
    """Runs a command and returns its standard output; fails with its standard error."""
    done = subprocess.run(command, env=env, input=stdin, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:2])} failed: {done.stderr.strip()}")
    return done.stdout


def psql_command(args, database, admin=False):
    """psql's command line and environment for a database of the platform's PostgreSQL, as the services' role or as
    the superuser (LocalStack's AIRSTAY_PG_ADMIN_USER and AIRSTAY_PG_ADMIN_PASSWORD)."""
    user, password = ((os.environ.get("AIRSTAY_PG_ADMIN_USER", "postgres"), os.environ.get("AIRSTAY_PG_ADMIN_PASSWORD", ""))
                      if admin else ("airstay", "airstay"))
    return (["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", HOST, "-p", str(args.pg_port), "-U", user,
             "-d", database], dict(os.environ, PGPASSWORD=password))


def psql(args, database, sql=None, script=None, admin=False):
    """The rows of sql, or of a script read on standard input, as lists of fields."""
    command, env = psql_command(args, database, admin)
    output = command_output(command + ["-A", "-t", "-F", ","] + (["-c", sql] if sql else ["-f", "-"]), env=env,
                            stdin=script)
    return [line.split(",") for line in output.splitlines() if line]


def pgbench_ceiling(args, database="airstay_pgbench", scale=10):
    """The write path's reference (docs/decisions/0006): pgbench -N (simple updates, 16 clients) against the platform's
    own PostgreSQL, in a scratch database created for it and dropped afterwards."""
    psql(args, "postgres", f"drop database if exists {database} with (force)", admin=True)  # left by an interrupted run
    psql(args, "postgres", f"create database {database} owner airstay", admin=True)
    connection = ["-h", HOST, "-p", str(args.pg_port), "-U", "airstay", database]
    env = dict(os.environ, PGPASSWORD="airstay")
    try:
        command_output(["pgbench", "-i", "-q", "-s", str(scale)] + connection, env=env)
        output = command_output(["pgbench", "-N", "-c16", "-j2", f"-T{args.pgbench_seconds}"] + connection, env=env)
    finally:
        psql(args, "postgres", f"drop database {database} with (force)", admin=True)
    failed = re.search(r"number of failed transactions: (\d+)", output)
    ceiling = {"command": f"pgbench -N -c16 -j2 -T{args.pgbench_seconds} (scale {scale})",
               "tps": round(float(re.search(r"tps = ([0-9.]+)", output).group(1)), 1),
               "latency_avg_ms": float(re.search(r"latency average = ([0-9.]+) ms", output).group(1)),
               "transactions": int(re.search(r"transactions actually processed: (\d+)", output).group(1)),
               "failed": int(failed.group(1)) if failed else 0}
    print(f"database ceiling: {ceiling['command']}: {ceiling['tps']:.0f} tps, latency average "
          f"{ceiling['latency_avg_ms']} ms, {ceiling['failed']} failed", flush=True)
    return ceiling


def new_listing(args, gateway, city):
    """A listing of a new host, who publishes it with their own token."""
    status, body = gateway.call("POST", "/api/v1/properties", {
        "property_type": "apartment", "title": "Benchmark listing", "bedrooms": 2,
        "bathrooms": 1, "max_guests": 4, "base_price": 100, "location_city": city, "location_country": "US",
        "latitude": 40.0, "longitude": -75.0, "minimum_nights": 1, "maximum_nights": 30}, token=signed_tokens(args, "host", 1)[0])
    return json.loads(body)["property_id"]


def await_bookable(args, gateway, listing):
    """Known to availability and booking once a harmless probe (check-out = check-in) is a 400 on that field."""
    check_in = (datetime.date.today() + datetime.timedelta(days=40)).isoformat()
    deadline = time.time() + 60
    while time.time() < deadline:
        status, body = gateway.call("POST", "/api/v1/bookings", {
            "property_id": listing, "check_in_date": check_in, "check_out_date": check_in, "num_guests": 1},
            token=next(args.guests))
        if status == 400 and b"check_out_date" in body:
            return
        time.sleep(0.5)
    raise RuntimeError(f"listing {listing} never became bookable")


GUESTS = 200  # bearer tokens signed once per run (RS256 signing in Python would need a library); guests book round robin


def signed_tokens(args, role, count):
    """count tokens of new users with this role, signed with the local platform's development key (./airstay token)."""
    output = command_output(["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", args.classpath,
                             "io.airstay.localstack.Token", os.path.join(args.local, "jwt"), role, str(count)])
    return [line.split()[1] for line in output.splitlines() if line.strip()]


def guest_tokens(args):
    """GUESTS guests' tokens, handed out round robin."""
    return itertools.cycle(signed_tokens(args, "guest", GUESTS))


def token_cost(args):
    """Bearer tokens one core verifies per second as the services do (TokenCost), the write path's added cost."""
    output = command_output(["java", "-XX:+UseSerialGC", "-cp", args.classpath, "io.airstay.localstack.TokenCost",
                             os.path.join(args.local, "jwt")])
    cost = json.loads(output.strip().splitlines()[-1])
    print(f"token verification: {cost['verified_per_s_per_core']:.0f} tokens/s per core, {cost['micros_each']} µs each",
          flush=True)
    return cost


def booking_line(args, listing, check_in, nights):
    """A booking request of the next guest: the guest comes from the token, so the body names none."""
    return f"POST /api/v1/bookings {next(args.guests)} " + json.dumps({
        "property_id": listing, "num_guests": 1, "check_in_date": check_in.isoformat(),
        "check_out_date": (check_in + datetime.timedelta(days=nights)).isoformat()})


# Nights already taken, as [first, end) ranges per listing: those availability holds or the host blocked (runs of
# consecutive nights), and those of the bookings that claim theirs in booking-service (a pending one may not be
# held yet).
UNAVAILABLE_NIGHTS = """
    select property_id, min(calendar_date), max(calendar_date) + 1 from (
        select property_id, calendar_date,
               calendar_date - cast(row_number() over (partition by property_id order by calendar_date) as int) as run
        from silver.availability_calendar where calendar_date >= current_date and not is_available) nights
    group by property_id, run"""
CLAIMED_STAYS = """
    select property_id, check_in_date, check_out_date from silver.bookings
    where booking_status in ('PENDING', 'CONFIRMED', 'COMPLETED') and check_out_date > current_date"""


def free_stays(args, ids, nights=7):
    """One generator per bookable listing of ids (active in booking-service and in availability-service): its stays
    nobody holds, in date order, as (listing, check-in, nights). Stays last a week (within the listing's minimum and
    maximum nights), from tomorrow to the end of its calendar, and cross no night taken in either database, so a
    run never asks for nights that an earlier run, or anyone, already took."""
    terms = {listing: (int(low), int(high)) for listing, low, high in psql(
        args, "airstay_booking", "select property_id, minimum_nights, maximum_nights from silver.listings where is_active")}
    horizons = dict(psql(args, "airstay_availability", "select property_id, horizon_end from silver.listings where is_active"))
    taken = {}
    for listing, first, end in (psql(args, "airstay_availability", UNAVAILABLE_NIGHTS)
                                + psql(args, "airstay_booking", CLAIMED_STAYS)):
        taken.setdefault(listing, []).append((datetime.date.fromisoformat(first), datetime.date.fromisoformat(end)))
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    return [stays_between(listing, tomorrow, datetime.date.fromisoformat(horizons[listing]) + datetime.timedelta(days=1),
                          taken.get(listing, []), min(max(nights, terms[listing][0]), terms[listing][1]))
            for listing in ids if listing in terms and listing in horizons]


def stays_between(listing, start, end, taken, nights):
    """The stays of `nights` nights of a listing, one after the other from start, check-out by end, around the taken
    [first, end) ranges."""
    check_in, length = start, datetime.timedelta(days=nights)
    for first, stop in sorted(taken) + [(end, end)]:
        while check_in + length <= min(first, end):
            yield listing, check_in, nights
            check_in += length
        check_in = max(check_in, stop)


def booking_lines(args, ids, count):
    """count booking requests for free stays: the listings in a random order, round after round, each time its next
    free stay, so that consecutive requests are for different listings."""
    listings = free_stays(args, ids)
    random.shuffle(listings)
    rounds = itertools.zip_longest(*listings)
    picked = list(itertools.islice((stay for round_ in rounds for stay in round_ if stay), count))
    if len(picked) < count:
        print(f"only {len(picked)} free stays left in {len(listings)} listings for {count} requests: the load generator "
              "will repeat them, and the repeats answer 409 (load more listings with --listings)", flush=True)
    return [booking_line(args, *stay) for stay in picked]


def storm(args, gateway, requests=500):
    """requests POSTs for overlapping nights of one new listing, all due at the same instant."""
    listing = new_listing(args, gateway, "Storm City")
    await_bookable(args, gateway, listing)
    shared = datetime.date.today() + datetime.timedelta(days=60)
    path = os.path.join(args.out, "requests-storm.txt")
    with open(path, "w") as f:
        f.write("\n".join(booking_line(args, listing, shared - datetime.timedelta(days=i % 3), 1 + i % 3 + i % 2)
                          for i in range(requests)) + "\n")
    return open_load(args, path, requests, 0, connections=requests, warmup=3)


def throughput(args, ids, rate, seconds, warmup=3):
    """Bookings of free stays (booking_lines) arriving at rate per second for seconds. The load generator first warms
    its own JVM for warmup seconds, at (at least) 200 requests per second, with the first lines of the file: GETs of
    /healthz, which the gateway answers itself, so that the saga starts the recorded run without a backlog."""
    healthz = ["/healthz"] * (max(rate, 200) * warmup)
    path = os.path.join(args.out, "requests-bookings.txt")
    with open(path, "w") as f:
        f.write("\n".join(healthz + booking_lines(args, ids, rate * seconds)) + "\n")
    summary = open_load(args, path, rate, seconds, connections=512, warmup=warmup)
    summary["confirmed_per_s"] = round(summary["statuses"].get("201", 0) / summary["seconds"], 1)
    return summary


def status_split(statuses):
    """A booking run's answers: 201 (confirmed), 409 (nights taken), 202 (still pending), other 4xx, 5xx."""
    codes = {int(status): count for status, count in statuses.items() if status.isdigit()}
    return {"201": codes.get(201, 0), "409": codes.get(409, 0), "202": codes.get(202, 0),
            "4xx": sum(count for code, count in codes.items() if 400 <= code < 500 and code != 409),
            "5xx": sum(count for code, count in codes.items() if code >= 500)}


# The saga's hops, in order: (what, service, Prometheus histogram, labels to match; other labels are summed over).
SAGA_HOPS = [
    ("request received → stored and committed", "booking", "airstay_booking_stored_seconds", {}),
    ("booking.requested: committed → acknowledged by Kafka", "booking", "airstay_outbox_delay_seconds",
     {"event_type": "booking.requested"}),
    ("booking.requested: committed → availability applies it", "availability", "airstay_events_delivery_seconds",
     {"consumer": "availability.holds", "event_type": "booking.requested"}),
    ("hold transaction (per batch)", "availability", "airstay_events_apply_seconds", {"consumer": "availability.holds"}),
    ("availability.held: committed → acknowledged by Kafka", "availability", "airstay_outbox_delay_seconds",
     {"event_type": "availability.held"}),
    ("availability.held: committed → booking applies it", "booking", "airstay_events_delivery_seconds",
     {"consumer": "booking.saga", "event_type": "availability.held"}),
    ("saga transaction (per batch)", "booking", "airstay_events_apply_seconds", {"consumer": "booking.saga"}),
    ("saga: request committed → outcome committed", "booking", "airstay_booking_saga_duration_seconds", {}),
    ("request received → HTTP answer (any status)", "booking", "http_server_requests_seconds",
     {"method": "POST", "uri": "/api/v1/bookings"}),
]
SAMPLE = re.compile(r"([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)")
LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


def scrape(port):
    """Every sample of a service's /q/metrics (on its management port), as (name, labels, value)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    connection.request("GET", "/q/metrics")
    text = connection.getresponse().read().decode()
    connection.close()
    return [(match.group(1), dict(LABEL.findall(match.group(2) or "")), float(match.group(3)))
            for match in map(SAMPLE.match, text.splitlines()) if match]


def scrape_saga(args):
    """The samples of the two services the saga runs through."""
    return {"booking": scrape(args.booking_metrics_port), "availability": scrape(args.availability_metrics_port)}


def buckets(samples, histogram, labels):
    """A histogram's cumulative counts per upper bound (seconds), summed over its series that carry labels; None when
    it has no such series."""
    counts = {}
    for name, tags, value in samples:
        if name == histogram + "_bucket" and all(tags.get(key) == wanted for key, wanted in labels.items()):
            counts[float(tags["le"])] = counts.get(float(tags["le"]), 0) + value
    return counts or None


def quantile(counts, q):
    """As Prometheus' histogram_quantile: the bucket holding the q-th fraction of the events, interpolated linearly
    inside it (the largest finite bound when it falls in +Inf); in ms."""
    bounds = sorted(counts)
    rank, lower, below = q * counts[bounds[-1]], 0.0, 0.0
    for bound in bounds:
        if counts[bound] >= rank:
            return 1000 * (lower if math.isinf(bound) else lower + (bound - lower) * (rank - below) / (counts[bound] - below))
        lower, below = bound, counts[bound]


def saga_hops(before, after):
    """Per hop: the events between two scrapes and their p50/p95/p99 (ms); None for a histogram the services do not
    expose."""
    hops = {}
    for hop, service, histogram, labels in SAGA_HOPS:
        ended, began = buckets(after[service], histogram, labels), buckets(before[service], histogram, labels) or {}
        if ended is None:
            hops[hop] = None
            continue
        counts = {bound: count - began.get(bound, 0) for bound, count in ended.items()}
        events = int(counts[max(counts)])
        hops[hop] = {"events": events, **{f"p{q}_ms": round(quantile(counts, q / 100), 2) if events else None
                                          for q in (50, 95, 99)}}
    return hops


def hop_rows(hops):
    """The saga hops table's rows: hop, service, events, p50, p95, p99 (n/a for a missing histogram)."""
    rows = []
    for hop, service, _, _ in SAGA_HOPS:
        figures = hops.get(hop)
        rows.append((hop, service) + (("n/a",) * 4 if figures is None else
                                      (figures["events"], figures["p50_ms"], figures["p95_ms"], figures["p99_ms"])))
    return rows


# The invariant (docs/benchmark.md). (a) in booking-service's database; (b) and (c) in availability-service's, against
# the bookings that may hold nights, copied into a temporary table.
OVERLAPPING_STAYS = """
    select count(*) from silver.bookings a join silver.bookings b on a.property_id = b.property_id
        and a.booking_id < b.booking_id
        and daterange(a.check_in_date, a.check_out_date) && daterange(b.check_in_date, b.check_out_date)
    where a.booking_status in ('CONFIRMED', 'COMPLETED') and b.booking_status in ('CONFIRMED', 'COMPLETED')"""
HOLDING_BOOKINGS = """
    copy (select booking_id, property_id, check_in_date, check_out_date, booking_status from silver.bookings
          where booking_status in ('PENDING', 'CONFIRMED', 'COMPLETED')) to stdout with (format csv)"""
CALENDAR_CHECKS = """
create temporary table holding (booking_id uuid primary key, property_id uuid, check_in date, check_out date, status text);
copy holding from stdin with (format csv);
{rows}\\.
analyze holding;
select count(*) from silver.availability_calendar night where night.booking_id is not null and not exists (
    select 1 from holding b where b.booking_id = night.booking_id and b.property_id = night.property_id
        and night.calendar_date >= b.check_in and night.calendar_date < b.check_out);
select count(*) from holding b cross join generate_series(b.check_in, b.check_out - 1, interval '1 day') as stay (night)
    left join silver.availability_calendar c on c.property_id = b.property_id and c.calendar_date = cast(stay.night as date)
where b.status = 'CONFIRMED' and b.check_out > current_date and c.booking_id is distinct from b.booking_id;
"""


def invariant(args):
    """Counts the violations, once the saga has drained: (a) pairs of confirmed or completed bookings of a listing
    sharing a night; (b) nights availability holds for no pending, confirmed or completed booking of that listing and
    dates (a rejected, canceled or expired one holds none); (c) nights of confirmed bookings not yet checked out that
    availability does not hold for them."""
    overlapping = int(psql(args, "airstay_booking", OVERLAPPING_STAYS)[0][0])
    command, env = psql_command(args, "airstay_booking")
    holding = command_output(command + ["-c", HOLDING_BOOKINGS], env=env)
    unowned, unheld = (int(row[0]) for row in psql(args, "airstay_availability",
                                                   script=CALENDAR_CHECKS.format(rows=holding)))
    return {"overlapping_stays": overlapping, "held_without_booking": unowned, "confirmed_not_held": unheld,
            "violations": overlapping + unowned + unheld}


def await_saga_drained(args, quiet_seconds=3, at_most=300):
    """Waits until booking-service has no pending booking left, and neither its saga nor availability-service's holds
    have consumed an event for quiet_seconds with both outboxes empty: every booking sent so far is decided, and its
    nights are held or released."""
    consumed = r'airstay_events_consumed_total\{.*consumer="(booking\.saga|availability\.holds)".*\} ([0-9.eE+]+)'
    backlog = r"(airstay_outbox_backlog)(?:\{.*\})? ([0-9.eE+]+)"
    ports = [args.booking_metrics_port, args.availability_metrics_port]
    last, quiet, began = None, 0, time.time()
    while time.time() - began < at_most:
        pending = int(psql(args, "airstay_booking", "select count(*) from silver.bookings where booking_status = 'PENDING'")[0][0])
        state = (metric_sums(ports, consumed), metric_sums(ports, backlog).get("airstay_outbox_backlog", 0))
        quiet = quiet + 1 if state == last and state[1] == 0 else 0
        last = state
        if pending == 0 and quiet >= quiet_seconds:
            print(f"saga drained after {time.time() - began:.0f} s", flush=True)
            return
        time.sleep(1)
    print(f"saga not drained after {at_most} s: {pending} bookings still pending", flush=True)


def booking_run(args, name, run, tps):
    """Runs a booking scenario: measured, with the saga's histograms scraped before and once the saga has drained
    after, then the invariant checked; prints and returns its figures."""
    before = scrape_saga(args)
    result = measured(run, args)
    await_saga_drained(args)
    result["split"] = status_split(result["statuses"])
    result["saga_hops"] = saga_hops(before, scrape_saga(args))
    result["invariant"] = invariant(args)
    if "confirmed_per_s" in result:
        result["pgbench_fraction_pct"] = round(100 * result["confirmed_per_s"] / tps, 2)
    print_booking(name, result)
    return result


def offered(r):
    """A booking run's offered load: a rate, or a burst."""
    return f"{r['requests']} at once" if "confirmed_per_s" not in r else f"{r['target_rps']}/s"


def print_booking(name, r):
    """A booking run's figures, its invariant and its saga hops, on the console."""
    split = r["split"]
    confirmed = (f"confirmed {r['confirmed_per_s']}/s ({r['pgbench_fraction_pct']} % of pgbench tps), "
                 if "confirmed_per_s" in r else "")
    print(f"{name}: offered {offered(r)}, achieved {r['rps']:.1f} req/s, {confirmed}201 {split['201']} / 409 {split['409']}"
          f" / 202 {split['202']} / 4xx {split['4xx']} / 5xx {split['5xx']}, p50 {r['p50_ms']} / p95 {r['p95_ms']} / "
          f"p99 {r['p99_ms']} ms, errors {r['errors']}", flush=True)
    v = r["invariant"]
    print(f"invariant: {v['violations']} violations (overlapping stays {v['overlapping_stays']}, held nights without "
          f"their booking {v['held_without_booking']}, confirmed nights not held {v['confirmed_not_held']})")
    print(f"saga hops ({name}):")
    print(f"  {'hop':<56} {'service':<13} {'events':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for hop, service, events, p50, p95, p99 in hop_rows(r["saga_hops"]):
        print(f"  {hop:<56} {service:<13} {events!s:>7} {p50!s:>8} {p95!s:>8} {p99!s:>8}")
    print(flush=True)



# --profile: Java Flight Recorder in the two services the saga runs through, during the highest-rate booking run.
PROFILED = ("booking-service", "availability-service")
# Sample groups by the sampled thread's name, the first match winning: the relay (its thread, and its Kafka producer's
# I/O thread "kafka-producer-network-thread | outbox-relay"), the Kafka consumers (SmallRye's polling threads and the
# Kafka clients' own), the HTTP and worker threads; "other" holds the rest. A blocking @Incoming method runs on a
# worker thread ("executor-thread-N"): a sample whose stack has a CONSUMER_FRAMES frame counts as a consumer's.
THREAD_GROUPS = (("outbox relay", ("outbox-relay",)), ("Kafka consumers", ("kafka", "smallrye")),
                 ("HTTP and workers", ("executor-thread", "vert.x")))
CONSUMER_FRAMES = ("io.smallrye.reactive.messaging.", "io.airstay.platform.messaging.IdempotentConsumer.")
APPLICATION_PACKAGE = "io.airstay."
# The summary's tables: title, key, and what its first column names.
PROFILE_TABLES = (("Top methods by self samples (the top frame)", "hot_methods", "method"),
                  ("Samples by thread group", "thread_groups", "thread group"),
                  (f"First application frames (the first {APPLICATION_PACKAGE}* frame from the top of each stack)",
                   "application_frames", "method"))
SAMPLED_THREAD = re.compile(r'\s*sampledThread = "(.*)" \(')


def jdk_tool(pid, tool):
    """The path of a tool (jcmd, jfr) of the JDK whose java runs process pid (/proc/<pid>/exe)."""
    return os.path.join(os.path.dirname(os.path.realpath(f"/proc/{pid}/exe")), tool)


def jcmd(pid, *words):
    """Runs a diagnostic command in the JVM of process pid, with that JVM's own jcmd."""
    command_output([jdk_tool(pid, "jcmd"), str(pid), *words])


def profiled(args, stamp, name, run):
    """Runs run() (a booking run, with its drain and invariant check) with a flight recording (settings=profile) in
    each JVM of PROFILED, written to --out as <service>-<stamp>.jfr; returns run()'s result and the profile: the
    run's name and each recording's summary."""
    pids = processes(args.local)
    files = {service: os.path.abspath(os.path.join(args.out, f"{service}-{stamp}.jfr")) for service in PROFILED}
    started = []
    try:
        for service in PROFILED:
            jcmd(pids[service], "JFR.start", "name=bench", "settings=profile", f"filename={files[service]}")
            started.append(service)
        result = run()
    finally:
        for service in started:
            jcmd(pids[service], "JFR.stop", "name=bench")
    profile = {"run": name, "services": {service: profile_summary(jdk_tool(pids[service], "jfr"), files[service])
                                         for service in PROFILED}}
    print_profile(profile)
    return result, profile


def execution_samples(jfr, path, depth=64):
    """A recording's execution samples (jdk.ExecutionSample: threads running Java code), each as its thread's name,
    its stack's frames from the top as class.method, and whether JFR truncated the stack (it keeps the top 64 frames).
    Read from `jfr print` as text: its JSON repeats every frame's class loader and module, some 270 KB a sample."""
    output = command_output([jfr, "print", "--stack-depth", str(depth), "--events", "jdk.ExecutionSample", path])
    samples = []
    for line in output.splitlines():
        thread = SAMPLED_THREAD.match(line)
        if thread:
            samples.append({"thread": thread.group(1), "frames": [], "truncated": False})
        elif line.startswith("    ") and samples:  # a frame, "class.method(parameters) line: N", or "..." for the rest
            frame = line.strip()
            if frame == "...":
                samples[-1]["truncated"] = True
            else:
                samples[-1]["frames"].append(frame.split("(", 1)[0])
    return samples


def thread_group(thread, frames):
    """The THREAD_GROUPS group of a sample, by its thread's name, or by its frames for a worker running a consumer."""
    name = (thread or "").lower()
    group = next((group for group, marks in THREAD_GROUPS if any(mark in name for mark in marks)), "other")
    if group == "HTTP and workers" and any(frame.startswith(CONSUMER_FRAMES) for frame in frames):
        return "Kafka consumers"
    return group


def ranked(counts, total, top=None):
    """The most frequent entries of a Counter (all with top None) as [name, samples, percentage of total]."""
    return [[name, count, round(100 * count / max(total, 1), 1)] for name, count in counts.most_common(top)]


def profile_summary(jfr, path):
    """A recording's execution samples summarized: the top 15 methods by self samples, the split by thread group,
    and the top 10 first application frames (samples with none are counted apart, as are truncated stacks)."""
    samples = execution_samples(jfr, path)
    hot = collections.Counter(sample["frames"][0] for sample in samples if sample["frames"])
    groups = collections.Counter({group: 0 for group, _ in THREAD_GROUPS + (("other", ()),)})
    groups.update(thread_group(sample["thread"], sample["frames"]) for sample in samples)
    under = collections.Counter(next((frame for frame in sample["frames"] if frame.startswith(APPLICATION_PACKAGE)),
                                     None) for sample in samples)
    outside = under.pop(None, 0)
    return {"file": path, "samples": len(samples), "truncated": sum(sample["truncated"] for sample in samples),
            "hot_methods": ranked(hot, len(samples), 15), "thread_groups": ranked(groups, len(samples)),
            "application_frames": ranked(under, len(samples), 10), "without_application_frame": outside}


def profile_counts(summary):
    """The sentence under a recording's tables: its samples, those without an application frame, truncated stacks."""
    return (f"{summary['samples']} execution samples; {summary['without_application_frame']} without an "
            f"{APPLICATION_PACKAGE}* frame, {summary['truncated']} with a stack truncated at 64 frames; "
            f"recording {summary['file']}")


def print_profile(profile):
    """Each recording's summary on the console: its three tables."""
    for service, summary in profile["services"].items():
        print(f"profile of {service} during {profile['run']}: {profile_counts(summary)}")
        for title, key, _ in PROFILE_TABLES:
            print(f"  {title}:")
            for name, count, pct in summary[key]:
                print(f"    {pct:5.1f} % {count:>7}  {name}")
    print(flush=True)


def profile_report(profile):
    """The report's Profile section: per service, the three tables of its recording's summary."""
    lines = ["", "## Profile", "",
             "Java Flight Recorder (`settings=profile`: a stack sample of the threads running Java code every 10 ms) "
             f"in {' and '.join(PROFILED)} during {profile['run']}, its saga's drain and the invariant check. "
             "Percentages are of the service's execution samples. Open a recording with JDK Mission Control, or "
             "`jfr print --events jdk.ExecutionSample` (docs/benchmark.md, Profiling)."]
    for service, summary in profile["services"].items():
        lines += ["", f"### {service}", "", profile_counts(summary) + "."]
        for title, key, column in PROFILE_TABLES:
            lines += ["", f"{title}:", "", f"| {column} | samples | % |", "|---|---|---|"]
            quote = "`" if column == "method" else ""
            lines += [f"| {quote}{name}{quote} | {count} | {pct} |" for name, count, pct in summary[key]]
    return lines


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
    booked = results["throughput"]
    return [
        ("read mix via gateway", "≥ 15,000 req/s", f"{mix['rps']:.0f} req/s", mix["rps"] >= 15000),
        ("read mix p99 at 50% of peak, 0 errors", "< 10 ms", f"{opened['p99_ms']} ms at {opened['target_rps']} req/s, "
         f"{opened['errors']} errors", opened["p99_ms"] < 10 and opened["errors"] == 0),
        ("cached detail via gateway", "≥ 30,000 req/s", f"{detail['rps']:.0f} req/s", detail["rps"] >= 30000),
        ("cache hit rate in the mix", "≥ 95 %", f"{100 * (mix['cache_hit_rate'] or 0):.1f} %", (mix["cache_hit_rate"] or 0) >= 0.95),
        ("booking throughput, distinct listings", "≥ 500 confirmed/s", f"{booked['confirmed_per_s']} /s",
         booked["confirmed_per_s"] >= 500),
    ]


def booking_targets(results):
    """The booking goals, relative to the database's ceiling measured in the same run (pgbench -N transactions/s):
    the confirmed rate, the latency at half of it, the storm, and the invariant."""
    goal = 0.1 * results["pgbench"]["tps"]
    runs = [results[name] for name in results["booking_runs"] if name.startswith("throughput_")]
    clean = [r for r in runs if r["errors"] == 0 and r["split"]["202"] == 0]
    best = max(clean, key=lambda r: r["confirmed_per_s"], default=None)
    at_half = min((r for r in runs if r["target_rps"] >= goal / 2), key=lambda r: r["target_rps"], default=None)
    storm_result = results["storm"]
    violations = sum(results[name]["invariant"]["violations"] for name in results["booking_runs"])
    return [
        ("confirmed bookings", f"≥ 10 % of pgbench tps ({goal:.0f}/s), 0 errors, no 202",
         f"{best['confirmed_per_s']}/s = {best['pgbench_fraction_pct']} % (offered {best['target_rps']}/s)" if best
         else "no run without errors and 202s", best is not None and best["confirmed_per_s"] >= goal),
        ("latency at half that rate", f"p95 < 100 ms, p99 < 250 ms at ≥ {goal / 2:.0f}/s offered",
         f"p95 {at_half['p95_ms']} / p99 {at_half['p99_ms']} ms at {at_half['target_rps']}/s" if at_half
         else f"no run offered ≥ {goal / 2:.0f}/s", at_half is not None and at_half["p95_ms"] < 100
         and at_half["p99_ms"] < 250),
        ("booking storm", "one 201, 499 × 409, p99 < 500 ms",
         f"{storm_result['split']['201']} × 201, {storm_result['split']['409']} × 409, p99 {storm_result['p99_ms']} ms",
         storm_result["statuses"] == {"201": 1, "409": storm_result["requests"] - 1} and storm_result["p99_ms"] < 500),
        ("invariant", "0 violations after every booking run", f"{violations} violations", violations == 0),
    ]


def booking_report(results):
    """The report's booking section: the database ceiling, the goals, each run's answers, and its saga hops."""
    ceiling = results["pgbench"]
    lines = ["", "## Bookings", "",
             f"Database ceiling, measured before the booking runs: `{ceiling['command']}` against the platform's "
             f"PostgreSQL, in a scratch database: {ceiling['tps']:.0f} transactions/s, latency average "
             f"{ceiling['latency_avg_ms']} ms, {ceiling['failed']} failed.", "",
             "Every booking request carries a bearer token, verified by booking-service (RS256): one core verifies "
             f"{results['token_verification']['verified_per_s_per_core']:.0f} tokens/s "
             f"({results['token_verification']['micros_each']} µs each; TokenCost, the services' library). "
             "The read scenarios are anonymous.", "",
             "| goal | target | measured | met |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {'yes' if d else 'no'} |" for a, b, c, d in booking_targets(results)]
    lines += ["", "Every run books nights nobody holds (free stays read from the databases just before it); it is "
              "measured until the last answer, then the saga drains before the invariant check and the next run.", "",
              "| run | offered | req/s | confirmed/s | % of pgbench | 201 | 409 | 202 | 4xx | 5xx | p50 ms | p95 ms | "
              "p99 ms | max ms | errors | invariant violations | load generator CPU s |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name in results["booking_runs"]:
        r, split = results[name], results[name]["split"]
        lines.append(f"| {name} | {offered(r)} | {r['rps']:.1f} | {r.get('confirmed_per_s', '')} | "
                     f"{r.get('pgbench_fraction_pct', '')} | {split['201']} | {split['409']} | {split['202']} | "
                     f"{split['4xx']} | {split['5xx']} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['max_ms']} | "
                     f"{r['errors']} | {r['invariant']['violations']} | {r['load_generator_cpu_s']} |")
    for name in results["booking_runs"]:
        lines += ["", f"Saga hops, {name} (Prometheus histograms, deltas over the run and its drain; n/a: not exposed):",
                  "", "| hop | service | events | p50 ms | p95 ms | p99 ms |", "|---|---|---|---|---|---|"]
        lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in hop_rows(results[name]["saga_hops"])]
    return lines


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
    lines += booking_report(results)
    if results["cold_search"].get("query_stats"):
        lines += ["", "Top statements of airstay_search during the cold-search run (pg_stat_statements):", "",
                  "| calls | mean ms | total ms | query |", "|---|---|---|---|"]
        lines += [f"| {q['calls']} | {q['mean_ms']} | {q['total_ms']} | `{q['query'][:120]}` |"
                  for q in results["cold_search"]["query_stats"]]
    lines += ["", "CPU seconds and memory (PSS, MB) per process with its children, during the read mix (closed loop):", "",
              "| process | CPU s | PSS MB |", "|---|---|---|"]
    lines += [f"| {n} | {u['cpu_s']} | {u['pss_mb']} |" for n, u in results["read_mix"]["processes"].items()]
    if "profile" in results:
        lines += profile_report(results["profile"])
    if "peer" in results:
        lines += peer_report(results["peer"])
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
    parser.add_argument("--host", default="127.0.0.1", help="the address the local platform listens on")
    parser.add_argument("--cache-metrics-ports", default="9081,9091,9083,9084",
                        help="the management ports (/q/metrics) of the services that cache")
    parser.add_argument("--pg-port", type=int, default=5432)
    parser.add_argument("--search-pg-port", type=int,
                        help="the PostgreSQL whose statistics show the searches: the replica they read (default --pg-port)")
    parser.add_argument("--booking-metrics-port", type=int, default=9082,
                        help="booking-service's management port, for its saga metrics")
    parser.add_argument("--availability-metrics-port", type=int, default=9084,
                        help="availability-service's management port, for its saga metrics")
    parser.add_argument("--pgbench-seconds", type=int, default=15, help="length of the pgbench -N run (the database ceiling)")
    parser.add_argument("--classpath", required=True, help="classpath of deploy/local-stack (OpenLoad, QueryStats)")
    parser.add_argument("--max-listings", type=int, default=100_000)
    parser.add_argument("--booking-rates", default="100,500", help="bookings per second offered, one run each")
    parser.add_argument("--before", help="an earlier run's JSON, shown beside this one")
    parser.add_argument("--profile", action="store_true",
                        help="record Java Flight Recorder in booking-service and availability-service during the "
                             "highest --booking-rates run (<service>-<time>.jfr in --out) and summarize it")
    parser.add_argument("--peer", help="the base URL of another implementation of the read API (e.g. "
                        "http://127.0.0.1:8180): the read scenarios are then measured side by side with it first")
    parser.add_argument("--peer-pids", help="a folder of the peer's pid files (<name>.pid), stopped while the platform is "
                        "measured")
    parser.add_argument("--peer-ids", default="1-500", help="the peer's listing ids, FIRST-LAST")
    parser.add_argument("--peer-rounds", type=int, default=3)
    parser.add_argument("--peer-only", action="store_true", help="with --peer: measure side by side, then stop")
    args = parser.parse_args()
    global HOST
    HOST = args.host
    args.ports = [int(p) for p in args.cache_metrics_ports.split(",")]
    args.guests = guest_tokens(args)
    args.booking_rates = [int(rate) for rate in args.booking_rates.split(",")]
    os.makedirs(args.out, exist_ok=True)
    gateway = Gateway(args.gateway)

    ids = listing_ids(gateway, args.max_listings)
    paths = write_paths(args.out, ids)
    print(f"{len(ids)} listings; warming caches", flush=True)
    warmed_in = warm(gateway, ids)
    wrk(args, paths["mix"], args.warmup)

    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    if args.peer:
        first, last = (int(x) for x in args.peer_ids.split("-"))
        comparison = side_by_side(args, paths, write_paths(args.out, [str(i) for i in range(first, last + 1)], prefix="peer"))
        if args.peer_only:
            base = os.path.join(args.out, f"peer-{stamp}")
            json.dump(comparison, open(base + ".json", "w"), indent=2)
            open(base + ".md", "w").write("\n".join(["# AirStay and the peer, side by side", ""] + peer_report(comparison)[3:]) + "\n")
            print(f"report: {base}.md (data {base}.json)")
            return
    results = {"time": stamp, "listings": len(ids), "seconds": args.seconds, "connections": args.connections,
               "open_fraction": args.open_fraction, "warm_pass_s": warmed_in, "warmup_s": args.warmup}
    if args.peer:
        results["peer"] = comparison
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
    # The write path's reference first; then the write path's own warm-up, as production traffic would have given it
    # (JIT, pools, consumers). Every booking run books free nights, and is followed by the saga's drain and the
    # invariant check, so the next one starts with nothing pending.
    results["pgbench"] = pgbench_ceiling(args)
    results["token_verification"] = token_cost(args)
    tps = results["pgbench"]["tps"]
    results["booking_runs"] = ["booking_warmup", "storm"] + [f"throughput_{rate}" for rate in args.booking_rates]
    results["booking_warmup"] = booking_run(args, "booking_warmup",
                                            lambda: throughput(args, ids, 20, args.warmup, warmup=0), tps)
    results["storm"] = booking_run(args, "storm", lambda: storm(args, gateway), tps)
    for rate in args.booking_rates:
        name = f"throughput_{rate}"
        run = lambda: booking_run(args, name, lambda: throughput(args, ids, rate, args.seconds), tps)
        if args.profile and rate == max(args.booking_rates):
            results[name], results["profile"] = profiled(args, stamp, name, run)
        else:
            results[name] = run()
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
