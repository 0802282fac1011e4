"""Benchmark: the dbt build against a hand-written DuckDB floor and a pandas peer, on demo worlds of
growing size.

    python -m pql_scoring.bench --events 1M,10M,50M [--out BENCHMARKS.md]
    python -m pql_scoring.bench --engine spark --events 100K,1M,10M [--out BENCHMARKS.md]

For each size it generates a world (about 150 events per account) whose events run to 2026-06-30, and
holds back the last day. Then, each in its own process (wall time and peak resident memory from the
operating system):

  dbt models      `dbt build` without tests into a fresh DuckDB file, as of 2026-06-29
  dbt + tests     the same with every data and unit test, into another fresh file
  incremental     the last day appended to the events up to its last hour, then the daily job
                  (selector pql_daily, i.e. without the recalibration models; models only) as of
                  2026-06-30 23:00 on the first file: what a daily run costs
  hourly          the last hour appended, then the same job as of 2026-06-30 (the end of that
                  day): what an hourly run costs
  idle            the same job again, as of the same moment, with nothing new: what any run of it
                  costs however few events arrived (dbt's start and every model's fixed cost)
  floor           python -m pql_scoring.baselines floor (one SQL script), as of 2026-06-29
  one scan        python -m pql_scoring.baselines scan, as of 2026-06-29: one DuckDB statement that
                  reads every event once, drops duplicates, attaches users to accounts and counts
                  per account, event and day. The data layer's yardstick (issue 46): each dbt run is
                  also given as a multiple of it
  pandas          python -m pql_scoring.baselines pandas, as of 2026-06-29

Each dbt run is timed with dbt's parse of its vars already saved, as a scheduled job has it: an
untimed `dbt parse` with the same vars and profile goes first. A job whose vars stay the same from
run to run (the daily job with pql__as_of null, the hourly one with pql__as_of: hour) keeps dbt's
parse; the benchmark's runs name past moments, so each would otherwise parse the whole project.

It checks that dbt, the floor and pandas give every account the same score and band (and that the
hourly run, the last of the chain, agrees with the floor on the next day), prints a table of times, memory and ratios
and, with --out, writes it to a Markdown file with the machine it ran on, and in a second pair of
markers every node's time in each run and what each run spent outside its nodes (dbt's start,
parse and graph). It exits non-zero when the scores disagree. dbt's threads (models at once) and DuckDB's memory limit come from PQL_THREADS /
PQL_MEMORY_LIMIT (profile); DuckDB uses every core in dbt and in the floor.

With --engine spark, each size is built on the spark target of profiles.example.yml (Spark inside
dbt's process, Delta tables, warehouse and metastore in a temporary folder; PQL_SPARK_MASTER,
PQL_SPARK_MEMORY and PQL_SPARK_PARTITIONS apply), beside the DuckDB build of the same world:

  load            python -m pql_scoring.load --target spark (the four raw tables as Delta tables)
  spark models    `dbt build --target spark` without tests, as of 2026-06-29
  duckdb models   the same on DuckDB
  agreement       python -m pql_scoring.engines: its marts and the rejected rows by reason, row
                  for row (run timestamps aside)

Peak memory there is the whole process tree's (dbt's Python and Spark's JVM), sampled twice a second.
From the sizes it fits time = fixed + per-million-events x events (least squares) for each engine,
and prints the per-model profile: how many models, their median and total time, the slowest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pql_scoring.demo import generate
from pql_scoring.engines import MARTS

REPO = Path(__file__).resolve().parents[2]
EVENTS_PER_ACCOUNT = 148  # what the demo world produces on average
CHUNK_EVENTS = 12_000_000  # larger worlds are generated in parts of at most this many events
PYTHON_MODELS = (
    "int_signal_deltas_measured",
    "int_signal_thresholds_derived",
    "int_signal_points_derived",
    "pql_band_backtest",
)
END = dt.date(2026, 7, 1)  # events run up to midnight before this day
DAY_1 = dt.date(2026, 6, 29)  # the full build's as-of day (the last full day of the held-back world)
DAY_2 = dt.date(2026, 6, 30)  # the appended day
LAST_HOUR = dt.datetime(2026, 6, 30, 23)  # the daily job runs as of it, the hourly run adds the hour after
RECALIBRATION_TAG = "pql_recalibration"  # models the daily job leaves out (selectors.yml)


@dataclass
class Measure:
    seconds: float
    peak_bytes: int
    ok: bool = True
    output: str = ""


@dataclass
class Row:
    events: int
    accounts: int
    generate_s: float
    runs: dict[str, Measure] = field(default_factory=dict)
    timing: dict[str, float] = field(default_factory=dict)
    incremental_timing: dict[str, float] = field(default_factory=dict)
    hourly_timing: dict[str, float] = field(default_factory=dict)
    idle_timing: dict[str, float] = field(default_factory=dict)
    mismatches: dict[str, int] = field(default_factory=dict)


def parse_size(text: str) -> int:
    text = text.strip().upper()
    scale = {"K": 1_000, "M": 1_000_000}.get(text[-1], 1)
    return int(float(text[:-1] if text[-1] in "KM" else text) * scale)


def measure(cmd: list[str], env: dict[str, str], cwd: Path = REPO) -> Measure:
    """Run a command; its wall time and peak resident memory (ru_maxrss of that process)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        log.seek(0)
        output = log.read()
    return Measure(seconds, usage.ru_maxrss * 1024, proc.returncode == 0, output[-4000:])


def write_worlds(events: int, workdir: Path) -> tuple[Path, Path, int, int]:
    """The world with its last day (raw_next) and without it (raw). Returns both, the raw events of
    raw and the accounts. Worlds above CHUNK_EVENTS are generated in parts (own seed and id prefix
    each) and put together by DuckDB, so that generating 50M events does not need 20 GB."""
    accounts = max(200, events // EVENTS_PER_ACCOUNT)
    parts = -(-events // CHUNK_EVENTS)
    raw_next, raw = workdir / "raw_next", workdir / "raw"
    con = duckdb.connect()
    if parts == 1:
        generate(accounts=accounts, seed=7, end_date=END, days=181).write(raw_next)
    else:
        for part in range(parts):
            share = accounts // parts + (1 if part < accounts % parts else 0)
            generate(accounts=share, seed=7 + part, end_date=END, days=181, id_prefix=f"p{part}_").write(
                workdir / f"part{part}"
            )
        raw_next.mkdir()
        for name in ("accounts", "users", "events", "subscriptions"):
            files = [(workdir / f"part{p}" / f"{name}.parquet").as_posix() for p in range(parts)]
            con.execute(
                f"copy (select * from read_parquet({files!r})) to '{(raw_next / f'{name}.parquet').as_posix()}'"
                " (format parquet)"
            )
        for part in range(parts):
            shutil.rmtree(workdir / f"part{part}")
    raw.mkdir()
    for name in ("accounts", "users", "subscriptions"):
        shutil.copy(raw_next / f"{name}.parquet", raw / f"{name}.parquet")
    con.execute(
        f"copy (select * from read_parquet('{(raw_next / 'events.parquet').as_posix()}')"
        f" where not coalesce(occurred_at >= date '{DAY_2}' and occurred_at < date '{END}', false))"
        f" to '{(raw / 'events.parquet').as_posix()}' (format parquet)"
    )
    held_back = con.execute(f"select count(*) from read_parquet('{(raw / 'events.parquet').as_posix()}')").fetchone()[0]
    return raw, raw_next, held_back, accounts


def dbt_cmd(dbt: str, workdir: Path, raw: Path | None, as_of: dt.date | str, *args: str) -> list[str]:
    """dbt build of the project as of a day (or "YYYY-MM-DD HH:00"); raw: the Parquet folder DuckDB
    reads (None: tables)."""
    build_vars = {"pql__raw_path": str(raw)} if raw else {}
    return [
        dbt,
        "build",
        *args,
        "--project-dir",
        str(REPO),
        "--profiles-dir",
        str(workdir),
        "--target-path",
        str(workdir / "target"),
        "--log-path",
        str(workdir / "logs"),
        "--vars",
        json.dumps({**build_vars, "pql__as_of": as_of if isinstance(as_of, str) else as_of.isoformat()}),
    ]


def parse_cmd(build: list[str]) -> list[str]:
    """The `dbt parse` of a dbt_cmd build: the same project, profile, target path and vars, no
    selection (parse takes none)."""
    cmd, args = [build[0], "parse"], build[2:]
    while args:
        if args[0].startswith("--") and args[0] not in ("--exclude", "--select", "--selector"):
            cmd += args[:2]
            args = args[2:]
        else:
            args = args[1:]
    return cmd


def model_times(workdir: Path) -> dict[str, float]:
    """Each node's execution time in the last dbt run (run_results.json)."""
    results = json.loads((workdir / "target" / "run_results.json").read_text())["results"]
    return {r["unique_id"].split(".")[-1]: r["execution_time"] for r in results}


def compare(db: Path, scores: Path) -> int:
    """Accounts whose score or band differ between pql_accounts in db and a baseline's file."""
    con = duckdb.connect(str(db), read_only=True)
    return con.execute(
        "select count(*) from pql_accounts as d full join read_parquet(?) as b using (account_id)"
        " where d.pql_score is distinct from b.pql_score or d.pql_band is distinct from b.pql_band",
        [str(scores)],
    ).fetchone()[0]


def run_size(events: int, workdir: Path, with_pandas: bool = True) -> Row:
    bin_dir = Path(sys.executable).parent
    dbt, python = str(bin_dir / "dbt"), sys.executable
    started = time.perf_counter()
    raw, raw_next, raw_events, accounts = write_worlds(events, workdir)
    row = Row(raw_events, accounts, time.perf_counter() - started)
    shutil.copy(REPO / "profiles.example.yml", workdir / "profiles.yml")
    env = {**os.environ}
    models_db, tests_db = workdir / "models.duckdb", workdir / "tests.duckdb"
    no_tests = ("--exclude", "resource_type:test", "resource_type:unit_test")
    # selector pql_daily without its tests (dbt does not combine --selector with --exclude)
    daily_no_tests = (*no_tests, f"tag:{RECALIBRATION_TAG}")

    def run(key: str, cmd: list[str], db: Path | None = None) -> Measure:
        extra = {"PQL_DUCKDB_PATH": str(db)} if db else {}
        # untimed: dbt's parse of the project with this run's vars and profile, which a scheduled job
        # keeps from its last run (its vars do not change: pql__as_of null or hour); a changed --vars
        # makes dbt parse the whole project again, about 5 s here, which no schedule pays
        parsed = measure(parse_cmd(cmd), {**env, **extra}) if cmd[1:2] == ["build"] else None
        if parsed is not None and not parsed.ok:
            raise SystemExit(f"dbt parse before {key} failed at {events:,} events:\n{parsed.output}")
        result = measure(cmd, {**env, **extra})
        if not result.ok:
            raise SystemExit(f"{key} failed at {events:,} events:\n{result.output}")
        row.runs[key] = result
        print(f"  {events:,} events: {key} {_cell(result)}", flush=True)
        return result

    run("dbt", dbt_cmd(dbt, workdir, raw, DAY_1, *no_tests), models_db)
    row.timing = model_times(workdir)
    run("dbt_tests", dbt_cmd(dbt, workdir, raw, DAY_1), tests_db)
    tests_db.unlink()
    run(
        "floor",
        [
            python,
            "-m",
            "pql_scoring.baselines",
            "floor",
            "--raw",
            str(raw),
            "--as-of",
            str(DAY_1),
            "--out",
            str(workdir / "floor.parquet"),
        ],
    )
    row.mismatches["floor"] = compare(models_db, workdir / "floor.parquet")
    run(
        "scan",
        [
            python,
            "-m",
            "pql_scoring.baselines",
            "scan",
            "--raw",
            str(raw),
            "--as-of",
            str(DAY_1),
            "--out",
            str(workdir / "scan.parquet"),
        ],
    )
    if with_pandas:
        pandas_run = measure(
            [
                python,
                "-m",
                "pql_scoring.baselines",
                "pandas",
                "--raw",
                str(raw),
                "--as-of",
                str(DAY_1),
                "--out",
                str(workdir / "pandas.parquet"),
            ],
            env,
        )
        row.runs["pandas"] = pandas_run
        if pandas_run.ok:
            row.mismatches["pandas"] = compare(models_db, workdir / "pandas.parquet")
    # the appended day up to its last hour, then that hour
    raw_day = workdir / "raw_day"
    raw_day.mkdir()
    for name in ("accounts", "users", "subscriptions"):
        shutil.copy(raw_next / f"{name}.parquet", raw_day / f"{name}.parquet")
    duckdb.connect().execute(
        f"copy (select * from read_parquet('{(raw_next / 'events.parquet').as_posix()}')"
        f" where not coalesce(occurred_at >= timestamp '{LAST_HOUR}' and occurred_at < date '{END}', false))"
        f" to '{(raw_day / 'events.parquet').as_posix()}' (format parquet)"
    )
    run("incremental", dbt_cmd(dbt, workdir, raw_day, f"{LAST_HOUR:%Y-%m-%d %H:%M}", *daily_no_tests), models_db)
    row.incremental_timing = model_times(workdir)
    run("hourly", dbt_cmd(dbt, workdir, raw_next, DAY_2, *daily_no_tests), models_db)
    row.hourly_timing = model_times(workdir)
    # nothing new: the least an hourly run can cost with this project's models
    run("idle", dbt_cmd(dbt, workdir, raw_next, DAY_2, *daily_no_tests), models_db)
    row.idle_timing = model_times(workdir)
    measure(
        [
            python,
            "-m",
            "pql_scoring.baselines",
            "floor",
            "--raw",
            str(raw_next),
            "--as-of",
            str(DAY_2),
            "--out",
            str(workdir / "floor_next.parquet"),
        ],
        env,
    )
    row.mismatches["incremental"] = compare(models_db, workdir / "floor_next.parquet")
    return row


def _cell(m: Measure | None) -> str:
    if m is None:
        return "not run"
    if not m.ok:
        return f"failed after {m.seconds:.0f} s"
    return f"{m.seconds:.1f} s, {m.peak_bytes / 2**30:.1f} GB"


def _ratio(a: Measure | None, b: Measure | None) -> str:
    if a is None or b is None or not (a.ok and b.ok):
        return "-"
    return f"{a.seconds / b.seconds:.2f}"


def _machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"Machine: {platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GB RAM"


def render(rows: list[Row]) -> str:
    threads = os.environ.get("PQL_THREADS", "1")
    memory = os.environ.get("PQL_MEMORY_LIMIT", "8GB")
    lines = [
        f"{_machine()}, "
        f"Python {platform.python_version()}, duckdb {duckdb.__version__}; dbt threads (models at once) "
        f"{threads}, DuckDB threads: every core, memory_limit {memory}; run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        "Each cell: wall time, peak resident memory of the process. Agreement: accounts whose score or",
        "band differ from the dbt build's pql_accounts (0 = all agree); the incremental runs (the day up",
        "to 23:00, then its last hour, then the same hour again with nothing new: the idle run) are checked",
        "against the floor run on the next day. Each dbt run is timed with its parse saved (an untimed",
        "`dbt parse` with its vars first), as a scheduled job whose vars do not change has it.",
        "",
        "| raw events | accounts | dbt build, models | dbt build + tests | incremental day | hourly run | idle run "
        "| floor (SQL) | pandas | dbt/floor | pandas/dbt | incremental/full | hourly/full | idle/full "
        "| disagreeing accounts (floor, pandas, incremental) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        get = r.runs.get
        lines.append(
            f"| {r.events:,} | {r.accounts:,} | {_cell(get('dbt'))} | {_cell(get('dbt_tests'))} | "
            f"{_cell(get('incremental'))} | {_cell(get('hourly'))} | {_cell(get('idle'))} | "
            f"{_cell(get('floor'))} | {_cell(get('pandas'))} | "
            f"{_ratio(get('dbt'), get('floor'))} | {_ratio(get('pandas'), get('dbt'))} | "
            f"{_ratio(get('incremental'), get('dbt'))} | {_ratio(get('hourly'), get('dbt'))} | "
            f"{_ratio(get('idle'), get('dbt'))} | "
            + ", ".join(str(r.mismatches.get(k, "-")) for k in ("floor", "pandas", "incremental"))
            + " |"
        )
    lines += [
        "",
        "Against one scan of the events (read every event once, drop duplicates, attach users to accounts,",
        "count per account, event and day: `python -m pql_scoring.baselines scan`), each run's wall time",
        "as a multiple of the scan's. Issue 46's targets at 50M events: full build (models and tests) at",
        "most 4x, daily job 1.5x, hourly run 0.75x.",
        "",
        "| raw events | one scan | dbt build, models / scan | dbt build + tests / scan | incremental day / scan "
        "| hourly run / scan | idle run / scan |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        get = r.runs.get
        lines.append(
            f"| {r.events:,} | {_cell(get('scan'))} | "
            + " | ".join(_ratio(get(key), get("scan")) for key in ("dbt", "dbt_tests", "incremental", "hourly", "idle"))
            + " |"
        )
    lines += [
        "",
        "Where the full build's time goes (dbt's execution time per model, with the profile's threads:",
        "models that run side by side share the cores). The Python models read only aggregates.",
        "",
        "| raw events | "
        + " | ".join(f"{m} (s)" for m in PYTHON_MODELS)
        + " | slowest SQL models, full build (s) | slowest models, incremental day (s)"
        " | slowest models, hourly run (s) | idle run: nodes run (models, seeds, the snapshot), their summed time, the slowest (s) |",
        "|---:|" + "---:|" * len(PYTHON_MODELS) + "---|---|---|---|",
    ]

    def slowest(timing: dict[str, float], skip: tuple[str, ...] = ()) -> str:
        top = sorted(((t, m) for m, t in timing.items() if m not in skip), reverse=True)[:6]
        return ", ".join(f"{m} {t:.1f}" for t, m in top)

    def idle(timing: dict[str, float]) -> str:
        if not timing:
            return "-"
        return f"{len(timing)} nodes, {sum(timing.values()):.1f} s; " + slowest(timing)

    for r in rows:
        lines.append(
            f"| {r.events:,} | "
            + " | ".join(f"{r.timing.get(m, float('nan')):.2f}" for m in PYTHON_MODELS)
            + f" | {slowest(r.timing, PYTHON_MODELS)} | {slowest(r.incremental_timing)}"
            f" | {slowest(r.hourly_timing)} | {idle(r.idle_timing)} |"
        )
    return "\n".join(lines)


PROFILE_RUNS = (
    ("timing", "dbt", "full build"),
    ("incremental_timing", "incremental", "incremental day"),
    ("hourly_timing", "hourly", "hourly run"),
    ("idle_timing", "idle", "idle run"),
)


def render_profile(rows: list[Row]) -> str:
    """Every node's execution time in each run of each size (run_results.json), slowest in the full
    build first, and what the run spent outside its nodes: the process's wall time less the nodes'
    sum, i.e. dbt's start, parse and graph, and its bookkeeping between nodes (one node at a time)."""
    lines = []
    for r in rows:
        timings = [getattr(r, attr) for attr, _, _ in PROFILE_RUNS]
        nodes = sorted(set().union(*timings), key=lambda n: (-r.timing.get(n, 0.0), n))
        lines += [
            f"{r.events:,} raw events, seconds per node:",
            "",
            "| node | " + " | ".join(title for _, _, title in PROFILE_RUNS) + " |",
            "|---|" + "---:|" * len(PROFILE_RUNS),
        ]
        for node in nodes:
            cells = [f"{t[node]:.2f}" if node in t else "-" for t in timings]
            lines.append(f"| {node} | " + " | ".join(cells) + " |")
        sums, walls, outside = [], [], []
        for (_, key, _), t in zip(PROFILE_RUNS, timings, strict=True):
            run = r.runs.get(key)
            total = sum(t.values())
            sums.append(f"{total:.1f} ({len(t)} nodes)" if t else "-")
            walls.append(f"{run.seconds:.1f}" if run and run.ok else "-")
            outside.append(f"{run.seconds - total:.1f}" if run and run.ok and t else "-")
        lines += [
            "| **sum over the nodes** | " + " | ".join(sums) + " |",
            "| **wall time of the run** | " + " | ".join(walls) + " |",
            "| **outside the nodes** (dbt's start, parse, graph) | " + " | ".join(outside) + " |",
            "",
        ]
    return "\n".join(lines).rstrip("\n")


def _tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            statm = Path(f"/proc/{entry}/statm").read_text().split()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(statm[1]) * page
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def measure_tree(cmd: list[str], env: dict[str, str], cwd: Path = REPO) -> Measure:
    """Like measure, with the peak of the whole process tree (Spark's JVM is a child of dbt)."""
    started = time.perf_counter()
    peak = 0
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        while proc.poll() is None:
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.5)
        seconds = time.perf_counter() - started
        log.seek(0)
        output = log.read()
    return Measure(seconds, peak, proc.returncode == 0, output[-4000:])


@dataclass
class SparkRow:
    events: int
    accounts: int
    runs: dict[str, Measure] = field(default_factory=dict)
    timing: dict[str, dict[str, float]] = field(default_factory=dict)
    differing: str = "-"


def run_spark_size(events: int, workdir: Path) -> SparkRow:
    """One world built on Spark (Delta) and on DuckDB, as of DAY_1, models only; marts compared."""
    bin_dir = Path(sys.executable).parent
    dbt, python = str(bin_dir / "dbt"), sys.executable
    raw, _, raw_events, accounts = write_worlds(events, workdir)
    row = SparkRow(raw_events, accounts)
    shutil.copy(REPO / "profiles.example.yml", workdir / "profiles.yml")
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(workdir),
        "PQL_SPARK_DIR": str(workdir / "spark"),
        "PQL_DUCKDB_PATH": str(workdir / "models.duckdb"),
    }
    no_tests = ("--exclude", "resource_type:test", "resource_type:unit_test")

    def run(key: str, cmd: list[str]) -> Measure:
        result = measure_tree(cmd, env)
        if not result.ok:
            raise SystemExit(f"{key} failed at {events:,} events:\n{result.output}")
        row.runs[key] = result
        print(f"  {events:,} events: {key} {_cell(result)}", flush=True)
        return result

    run("load", [python, "-m", "pql_scoring.load", "--target", "spark", "--raw", str(raw)])
    run("spark", dbt_cmd(dbt, workdir, None, DAY_1, *no_tests, "--target", "spark"))
    row.timing["spark"] = model_times(workdir)
    run("duckdb", dbt_cmd(dbt, workdir, raw, DAY_1, *no_tests))
    row.timing["duckdb"] = model_times(workdir)
    compared = measure(
        [python, "-m", "pql_scoring.engines", "--duckdb", str(workdir / "models.duckdb"), "--spark"], env
    )
    summary = [line for line in compared.output.splitlines() if "marts compared" in line]
    row.differing = summary[-1].split(", ")[-1].replace(" differ", "") if summary else "comparison failed"
    if not summary:
        print(compared.output)
    return row


def fit(points: list[tuple[int, float]]) -> tuple[float, float] | None:
    """Least-squares time = fixed + per_million * events; None with fewer than two sizes."""
    if len({e for e, _ in points}) < 2:
        return None
    xs = [e / 1e6 for e, _ in points]
    ys = [t for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
    return my - slope * mx, slope


def render_spark(rows: list[SparkRow]) -> str:
    spark_memory = os.environ.get("PQL_SPARK_MEMORY", "4g")
    master = os.environ.get("PQL_SPARK_MASTER", "local[*]")
    lines = [
        f"{_machine()}; Spark {_spark_version()}"
        f" ({master}, driver memory {spark_memory}, shuffle partitions {os.environ.get('PQL_SPARK_PARTITIONS', '4')}),"
        f" Delta Lake {_delta_version()}; duckdb {duckdb.__version__};"
        f" dbt threads {os.environ.get('PQL_THREADS', '4')}; run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        "Each cell: wall time, peak resident memory of the process tree (dbt and Spark's JVM). Models only",
        f"(no tests), as of 2026-06-29. Marts differing: of the {len(MARTS)} marts and the rejected rows by reason,",
        "how many differ between the Spark and the DuckDB build (row for row; 0 = identical).",
        "",
        "| raw events | accounts | load into Delta | Spark build, models | DuckDB build, models | Spark/DuckDB | marts differing |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        get = r.runs.get
        lines.append(
            f"| {r.events:,} | {r.accounts:,} | {_cell(get('load'))} | {_cell(get('spark'))} | "
            f"{_cell(get('duckdb'))} | {_ratio(get('spark'), get('duckdb'))} | {r.differing} |"
        )
    lines += ["", "How the build's time grows with events (least squares over the sizes above):", ""]
    for engine in ("spark", "duckdb"):
        line = fit([(r.events, r.runs[engine].seconds) for r in rows if engine in r.runs])
        if line:
            lines.append(f"- {engine}: {line[0]:.0f} s fixed + {line[1]:.1f} s per million raw events")
    lines += [
        "",
        "Per-model profile (dbt's execution time per node; threads run models side by side):",
        "",
        "| raw events | engine | models | median per model (s) | sum over models (s) | slowest models (s) |",
        "|---:|---|---:|---:|---:|---|",
    ]
    for r in rows:
        for engine, timing in r.timing.items():
            times = sorted(timing.values())
            median = times[len(times) // 2] if times else float("nan")
            top = sorted(((t, m) for m, t in timing.items()), reverse=True)[:6]
            lines.append(
                f"| {r.events:,} | {engine} | {len(times)} | {median:.2f} | {sum(times):.0f} | "
                + ", ".join(f"{m} {t:.1f}" for t, m in top)
                + " |"
            )
    return "\n".join(lines)


def _delta_version() -> str:
    """Delta Lake's version, from the jar scripts/spark.sh fetched (the profile loads that folder)."""
    jars = sorted((REPO / "data" / "spark" / "jars").glob("delta-spark_*.jar"))
    return jars[-1].stem.rsplit("-", 1)[-1] if jars else "not fetched"


def _spark_version() -> str:
    try:
        import pyspark

        return pyspark.__version__
    except ImportError:
        return "not installed"


MARK_START, MARK_END = "<!-- bench:start -->", "<!-- bench:end -->"
SPARK_MARKS = ("<!-- bench-spark:start -->", "<!-- bench-spark:end -->")
PROFILE_MARKS = ("<!-- bench-profile:start -->", "<!-- bench-profile:end -->")


def write_tables(path: Path, text: str, marks: tuple[str, str] = (MARK_START, MARK_END)) -> None:
    """Put the tables between a pair of bench markers of a Markdown file, keeping what is written
    around them (the analysis of the figures); markers not in the file yet go at its end."""
    start, end = marks
    old = path.read_text() if path.exists() else "# Benchmarks\n"
    if start in old and end in old:
        before, rest = old.split(start, 1)
        after = rest.split(end, 1)[1]
    else:
        before, after = old.rstrip("\n") + "\n\n", "\n"
    path.write_text(f"{before}{start}\n{text}\n{end}{after}")


def command_line(args: argparse.Namespace) -> str:
    """The command that reruns this benchmark, with the options that change its figures: the sizes,
    the pandas cut-off and the memory limit (PQL_MEMORY_LIMIT)."""
    parts = [f"PQL_MEMORY_LIMIT={os.environ['PQL_MEMORY_LIMIT']}"] if os.environ.get("PQL_MEMORY_LIMIT") else []
    parts += ["python -m pql_scoring.bench", f"--events {args.events}"]
    if args.no_pandas_above:
        parts.append(f"--no-pandas-above {args.no_pandas_above}")
    return " ".join(parts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pql_scoring.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", default="1M,10M", help="comma-separated sizes, e.g. 200K,1M,10M,50M")
    parser.add_argument("--out", type=Path, default=None, help="also write the tables to this Markdown file")
    parser.add_argument(
        "--engine",
        choices=("duckdb", "spark"),
        default="duckdb",
        help="duckdb: dbt against the floor and pandas; spark: the spark target beside DuckDB",
    )
    parser.add_argument(
        "--no-pandas-above",
        default=None,
        help="skip the pandas peer above this many events (e.g. 20M), for small machines",
    )
    args = parser.parse_args(argv)
    if args.engine == "spark":
        spark_rows = []
        for size in args.events.split(","):
            with tempfile.TemporaryDirectory(prefix="pql-bench-spark-") as tmp:
                spark_rows.append(run_spark_size(parse_size(size), Path(tmp)))
            table = render_spark(spark_rows)
            print(table, flush=True)
            if args.out:  # after each size, so a long run keeps what it has measured
                done = ",".join(args.events.split(",")[: len(spark_rows)])
                command = f"`python -m pql_scoring.bench --engine spark --events {done}`"
                write_tables(args.out, f"{command}\n\n{table}", SPARK_MARKS)
        bad = [f"{r.events:,} events" for r in spark_rows if r.differing != "0"]
        if bad:
            raise SystemExit(f"Spark and DuckDB marts differ at {', '.join(bad)}")
        return
    limit = parse_size(args.no_pandas_above) if args.no_pandas_above else None
    rows = []
    for size in args.events.split(","):
        events = parse_size(size)
        with tempfile.TemporaryDirectory(prefix="pql-bench-") as tmp:
            rows.append(run_size(events, Path(tmp), with_pandas=limit is None or events <= limit))
        r = rows[-1]
        print(
            f"done {size}: {r.events:,} events, "
            + ", ".join(f"{k} {_cell(m)}" for k, m in r.runs.items())
            + f"; disagreeing accounts {r.mismatches}",
            flush=True,
        )
    table = render(rows)
    print(table)
    if args.out:
        write_tables(args.out, f"`{command_line(args)}`\n\n{table}")
        write_tables(args.out, f"`{command_line(args)}`\n\n{render_profile(rows)}", PROFILE_MARKS)
    bad = {f"{r.events:,} events": r.mismatches for r in rows if any(r.mismatches.values())}
    if bad:
        raise SystemExit(f"scores disagree: {bad}")


if __name__ == "__main__":
    main()
