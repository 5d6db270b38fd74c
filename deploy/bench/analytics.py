#!/usr/bin/env python3
"""The analytics job timed next to the same aggregation in PostgreSQL, in one run on one machine, on two data sets:

  demo       the demo data of a stack with --listings listings (10,000), its past and next 12 months
  generated  a generated year (--year) for --generated listings (100,000), in databases of its own on the same
             PostgreSQL, made once by deploy/bench/analytics/generate_*.sql and kept for later runs

    python3 deploy/bench/analytics.py [--sets demo,generated] [--rounds 1]

It starts a stack of its own (AIRSTAY_LOCAL=<out>/analytics-stack, no read replica; stop any other stack first), and
stops it at the end. Per data set and round, in turn:
  - the job reading the services' databases over JDBC (all techniques), then with each technique off; on the
    generated set those three read the Parquet snapshot instead (a run with --snapshot writes it first, not timed);
  - the job reading the snapshot with every technique;
  - PostgreSQL: listing_month_stats.sql (the job's cross-check) into a temporary table, then city_month_stats.sql,
    on copies of the four tables in one database (the best case of a single PostgreSQL: no transfer at all).
Prints and writes to <out>/analytics-<time>.md a table of wall seconds (JVM and Spark start included) and the job's
seconds per stage, and each side's median.
"""
import argparse, datetime, os, re, statistics, subprocess, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SERVICES = ("search", "availability", "booking", "review")
# the tables the aggregation reads, copied for PostgreSQL's side
COPIED = {"search": "properties", "availability": "availability_calendar", "booking": "bookings", "review": "reviews"}
LISTING_SQL = os.path.join(ROOT, "analytics/src/test/resources/io/airstay/analytics/listing_month_stats.sql")
# the job's timed stages (the untimed run that writes the snapshot is not reported)
STAGES = ("read", "aggregate", "write parquet", "upsert gold")


class Stack:
    def __init__(self, out):
        self.env = dict(os.environ, AIRSTAY_LOCAL=os.path.join(out, "analytics-stack"), AIRSTAY_PG_REPLICA="0",
                        AIRSTAY_RATE_LIMIT="1000000r/s", AIRSTAY_RATE_BURST="100000")
        self.host = os.environ.get("AIRSTAY_BIND_ADDRESS", "127.0.0.1").replace("0.0.0.0", "127.0.0.1")
        self.port = os.environ.get("AIRSTAY_PG_PORT", "5432")

    def airstay(self, *words, env=None, check=True):
        run = subprocess.run([os.path.join(ROOT, "airstay"), *words], cwd=ROOT, env=env or self.env,
                             capture_output=True, text=True)
        if check and run.returncode:
            raise SystemExit(f"./airstay {' '.join(words)} failed:\n{run.stdout[-3000:]}{run.stderr[-3000:]}")
        return run

    def url(self, database):
        return f"jdbc:postgresql://{self.host}:{self.port}/{database}"

    def psql(self, database, sql, variables=None):
        """Runs sql (psql's language, from standard input) as the superuser; its output."""
        command = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", self.host, "-p", self.port, "-U", "postgres",
                   "-d", database, "-At"]
        for name, value in (variables or {}).items():
            command += ["-v", f"{name}={value}"]
        run = subprocess.run(command, input=sql, capture_output=True, text=True)
        if run.returncode:
            raise SystemExit(f"psql {database} failed:\n{run.stderr[-3000:]}")
        return run.stdout

    def database_exists(self, database):
        return self.psql("postgres", f"select count(*) from pg_database where datname = '{database}'").strip() == "1"


class DataSet:
    """Where a set's four databases are, the months and day the job computes, and where its files go."""

    def __init__(self, name, databases, first, last, as_of, out, changed):
        self.name, self.databases, self.first, self.last, self.as_of = name, databases, first, last, as_of
        # the data changed since the last benchmark: its snapshot and PostgreSQL's copies are made again
        self.changed = changed
        self.dir = os.path.join(out, "analytics-" + name)
        self.snapshot = os.path.join(self.dir, "snapshot")
        self.check = "bench_check_" + name

    def months(self):
        return ["--from", self.first, "--to", self.last, "--as-of", self.as_of]

    def start(self):
        return self.first + "-01"

    def end(self):
        year, month = map(int, self.last.split("-"))
        return f"{year + month // 12}-{month % 12 + 1:02d}-01"


def month_shift(day, months):
    index = day.year * 12 + day.month - 1 + months
    return f"{index // 12}-{index % 12 + 1:02d}"


def demo_set(args, stack):
    loaded = int(open(os.path.join(stack.env["AIRSTAY_LOCAL"], "demo.loaded")).read().strip() or 0)
    if loaded < args.listings:
        print(f"demo: loading {args.listings - loaded} more demo listings", flush=True)
        stack.airstay("demo", str(args.listings - loaded), str(42 + loaded))
    today = datetime.datetime.now(datetime.timezone.utc).date()
    return DataSet("demo", {s: "airstay_" + s for s in SERVICES}, month_shift(today, -12), month_shift(today, 12),
                   today.isoformat(), args.out, changed=True)


def generated_set(args, stack):
    databases = {s: "bench_" + s for s in SERVICES}
    marker = f"{args.generated} listings, {args.year}"
    kept = stack.database_exists(databases["review"]) and stack.psql(
        databases["review"], "select obj_description('silver.reviews'::regclass)").strip() == marker
    data = DataSet("generated", databases, f"{args.year}-01", f"{args.year}-12", f"{args.year}-12-31", args.out,
                   changed=not kept)
    if kept:
        return data
    for service, database in databases.items():
        started = time.monotonic()
        if stack.database_exists(database):
            stack.psql("postgres", f"drop database {database}")
        stack.psql("postgres", f"create database {database} owner airstay")
        migrations = os.path.join(ROOT, f"{service}-service/src/main/resources/db/migration")
        scripts = sorted(os.listdir(migrations), key=lambda name: int(name[1:name.index("__")]))
        stack.psql(database, "set role airstay;\ncreate schema silver;\n"
                   + "\n".join(open(os.path.join(migrations, script)).read() for script in scripts))
        stack.psql(database, open(os.path.join(HERE, "analytics", f"generate_{service}.sql")).read(),
                   {"listings": args.generated, "first_day": f"{args.year}-01-01", "as_of": data.as_of})
        print(f"generated: {database} in {time.monotonic() - started:.0f} s", flush=True)
    stack.psql(databases["review"], f"comment on table silver.reviews is '{marker}'")
    return data


def copy_for_postgres(stack, data):
    """The four tables the aggregation reads, copied into one database through postgres_fdw, analyzed."""
    started = time.monotonic()
    if stack.database_exists(data.check):
        stack.psql("postgres", f"drop database {data.check}")
    stack.psql("postgres", f"create database {data.check}")
    sql = ["create extension postgres_fdw;"]
    for service, database in data.databases.items():
        sql.append(f"""
            create server {service}_db foreign data wrapper postgres_fdw
              options (host '{stack.host}', port '{stack.port}', dbname '{database}', fetch_size '10000');
            create user mapping for current_user server {service}_db options (user 'postgres');
            create schema fdw_{service};
            import foreign schema silver limit to ({COPIED[service]}) from server {service}_db into fdw_{service};
            create schema {service};
            create table {service}.{COPIED[service]} as select * from fdw_{service}.{COPIED[service]};
            analyze {service}.{COPIED[service]};""")
    stack.psql(data.check, "\n".join(sql))
    print(f"{data.name}: tables copied for PostgreSQL in {time.monotonic() - started:.0f} s", flush=True)


def job(stack, data, label, *options, snapshot=False):
    """One run of the job: wall seconds and its seconds per stage."""
    env = dict(stack.env, AIRSTAY_ANALYTICS_OUTPUT=os.path.join(data.dir, "parquet"), AIRSTAY_ANALYTICS_SEARCH_READ_URL="",
               AIRSTAY_ANALYTICS_DB_USER="airstay", AIRSTAY_ANALYTICS_DB_PASSWORD="airstay",
               AIRSTAY_ANALYTICS_HEAP=os.environ.get("AIRSTAY_ANALYTICS_HEAP", "3g"),
               **{f"AIRSTAY_ANALYTICS_{s.upper()}_URL": stack.url(d) for s, d in data.databases.items()})
    source = ["--snapshot", data.snapshot] if snapshot else ["--input", data.snapshot] if "snapshot" in label else []
    started = time.monotonic()
    run = stack.airstay("analytics", *data.months(), *source, *options, env=env)
    wall = time.monotonic() - started
    summary = next(line for line in run.stdout.splitlines() if line.startswith("analytics: done:"))
    stages = {name: float(s) for name, s in re.findall(r"([a-z ]+) ([0-9.]+)", summary.split("seconds:")[1])}
    rows = re.search(r"done: (\d+) rows read, (\d+) rows written", summary).groups()
    return {"label": label, "wall": wall, "stages": {k.strip(): v for k, v in stages.items()}, "rows": rows}


def postgres(stack, data):
    """listing_month_stats.sql and city_month_stats.sql on the copies, each timed by the server's clock."""
    listing = open(LISTING_SQL).read().strip()
    listing = listing[:listing.rindex("order by")]  # the test compares sorted rows; a table needs no order
    sql = ("set work_mem = '256MB';\n\\timing on\ncreate temporary table listing_months as\n" + listing + ";\n"
           + open(os.path.join(HERE, "analytics", "city_month_stats.sql")).read()
           + "\\timing off\nselect (select count(*) from listing_months) + (select count(*) from city_months);\n")
    started = time.monotonic()
    out = stack.psql(data.check, sql, {"start": data.start(), "end": data.end()})
    wall = time.monotonic() - started
    times = [float(ms) / 1000 for ms in re.findall(r"Time: ([0-9.]+) ms", out)]
    rows = out.strip().splitlines()[-1]
    return {"label": "PostgreSQL 17, one query per result (work_mem 256MB)", "wall": wall,
            "stages": {"listing months": times[0], "city months": times[1]}, "rows": ("-", rows)}


def measure(args, stack, data):
    if data.changed or not os.path.isdir(data.snapshot):
        print(f"{data.name}: writing the snapshot", flush=True)
        job(stack, data, "snapshot", snapshot=True)
    if data.changed or not stack.database_exists(data.check):
        copy_for_postgres(stack, data)
    technique_input = "snapshot" if data.name == "generated" else "databases"
    runs = [("databases", ()), ("snapshot", ())] + [(f"{technique_input}, {option}", (option,))
                                                     for option in ("--no-cache", "--no-broadcast", "--no-repartition")]
    results = []
    for number in range(args.rounds):
        for label, options in runs:
            result = job(stack, data, label, *options)
            results.append(dict(result, round=number))
            print(f"{data.name} round {number}: {label}: {result['wall']:.1f} s {result['stages']}", flush=True)
        result = postgres(stack, data)
        results.append(dict(result, round=number))
        print(f"{data.name} round {number}: PostgreSQL: {result['wall']:.1f} s {result['stages']}", flush=True)
    return results


def table(data, results):
    lines = [f"### {data.name}: months {data.first} to {data.last}",
             "", "| run | round | wall s | " + " | ".join(STAGES) + " | the rest (JVM, Spark start and stop) | rows read / written |",
             "|---|---:|---:|" + "---:|" * (len(STAGES) + 1) + "---|"]
    for r in results:
        if r["label"].startswith("PostgreSQL"):
            # both queries are the aggregation: in its column, listing months + city months
            cells = [f"{r['stages']['listing months']:.1f} + {r['stages']['city months']:.1f}" if s == "aggregate"
                     else "" for s in STAGES]
        else:
            cells = [f"{r['stages'][s]:.1f}" if s in r["stages"] else "" for s in STAGES]
        cells.append(f"{r['wall'] - sum(r['stages'].values()):.1f}")
        lines.append(f"| {r['label']} | {r['round']} | {r['wall']:.1f} | " + " | ".join(cells)
                     + f" | {r['rows'][0]} / {r['rows'][1]} |")
    medians = {}
    for r in results:
        medians.setdefault(r["label"], []).append(r["wall"])
    lines += ["", "| run | median wall s |", "|---|---:|"]
    lines += [f"| {label} | {statistics.median(walls):.1f} |" for label, walls in medians.items()]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default="demo,generated")
    parser.add_argument("--listings", type=int, default=10_000, help="demo listings")
    parser.add_argument("--generated", type=int, default=100_000, help="generated listings")
    parser.add_argument("--year", type=int, default=2026, help="the generated year")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--out", default=os.path.join(ROOT, "deploy/.local/bench"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    stack = Stack(args.out)
    subprocess.run([os.path.join(ROOT, "mvnw"), "-B", "-ntp", "-q", "-pl", "analytics", "package", "-DskipTests"],
                   cwd=ROOT, check=True)
    up = stack.airstay("up", "-d", env=dict(stack.env, AIRSTAY_DEMO_LISTINGS=str(args.listings)), check=False)
    if up.returncode and "already running" not in up.stderr + up.stdout:
        raise SystemExit(f"./airstay up failed:\n{up.stdout[-3000:]}{up.stderr[-3000:]}")
    try:
        report = [f"## Analytics benchmark, {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC"]
        for name in args.sets.split(","):
            data = (demo_set if name == "demo" else generated_set)(args, stack)
            report.append(table(data, measure(args, stack, data)))
    finally:
        stack.airstay("down", check=False)
    text = "\n\n".join(report) + "\n"
    path = os.path.join(args.out, f"analytics-{datetime.datetime.now():%Y%m%d-%H%M%S}.md")
    open(path, "w").write(text)
    print(text + f"\nwritten to {path}")


if __name__ == "__main__":
    main()
