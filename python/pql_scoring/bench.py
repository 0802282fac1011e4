"""Benchmark: build the project on demo worlds of growing size and print where the time goes.

    python -m pql_scoring.bench --events 1M,10M [--out BENCHMARKS.md]

For each size it generates a world (about 150 events per account), runs `dbt build` (models only)
into a fresh DuckDB file and reads dbt's run_results.json. It prints the wall time of the build, the
time of the heaviest SQL models, and the time of each Python model of the cohort analysis, which
read aggregates only and so should stay flat as events grow.
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
from pathlib import Path

from pql_scoring.demo import generate

REPO = Path(__file__).resolve().parents[2]
EVENTS_PER_ACCOUNT = 148  # what the demo world produces on average
PYTHON_MODELS = ("pql_signal_deltas", "pql_signal_thresholds", "pql_signal_points", "pql_band_backtest")


def parse_size(text: str) -> int:
    text = text.strip().upper()
    scale = {"K": 1_000, "M": 1_000_000}.get(text[-1], 1)
    return int(float(text[:-1] if text[-1] in "KM" else text) * scale)


def run_size(events: int, workdir: Path, dbt: str) -> dict:
    accounts = max(200, events // EVENTS_PER_ACCOUNT)
    started = time.perf_counter()
    world = generate(accounts=accounts, seed=7, end_date=dt.date(2026, 6, 30), days=180)
    world.write(workdir / "raw")
    generated = time.perf_counter() - started
    shutil.copy(REPO / "profiles.example.yml", workdir / "profiles.yml")
    env = {**os.environ, "PQL_DUCKDB_PATH": str(workdir / "bench.duckdb")}
    cmd = [
        dbt, "build", "--exclude", "resource_type:test", "resource_type:unit_test",
        "--project-dir", str(REPO), "--profiles-dir", str(workdir),
        "--target-path", str(workdir / "target"), "--log-path", str(workdir / "logs"),
        "--vars", json.dumps({"pql__raw_path": str(workdir / "raw"), "pql__as_of": "2026-06-29"}),
    ]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"dbt build failed at {events} events:\n{proc.stdout[-4000:]}")
    results = json.loads((workdir / "target" / "run_results.json").read_text())["results"]
    timing = {r["unique_id"].split(".")[-1]: r["execution_time"] for r in results}
    return {
        "events": world.truth["counts"]["raw_events"],
        "accounts": accounts,
        "generate_s": generated,
        "build_s": wall,
        "timing": timing,
    }


def render(rows: list[dict]) -> str:
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        "Model times are dbt's execution times with the profile's threads: models that run side by side",
        "share the cores. The Python models read only aggregates (histogram, flag patterns, score counts).",
        "",
        "| raw events | accounts | generate (s) | dbt build, models (s) | " + " | ".join(f"{m} (s)" for m in PYTHON_MODELS) + " | slowest SQL models (s) |",
        "|---:|---:|---:|---:|" + "---:|" * len(PYTHON_MODELS) + "---|",
    ]
    for r in rows:
        sql = sorted(((t, m) for m, t in r["timing"].items() if m not in PYTHON_MODELS), reverse=True)[:3]
        lines.append(
            f"| {r['events']:,} | {r['accounts']:,} | {r['generate_s']:.1f} | {r['build_s']:.1f} | "
            + " | ".join(f"{r['timing'].get(m, float('nan')):.2f}" for m in PYTHON_MODELS)
            + " | " + ", ".join(f"{m} {t:.1f}" for t, m in sql) + " |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pql_scoring.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", default="1M,10M", help="comma-separated sizes, e.g. 200K,1M,10M")
    parser.add_argument("--out", type=Path, default=None, help="also write the table to this Markdown file")
    args = parser.parse_args(argv)
    dbt = str(Path(sys.executable).parent / "dbt")
    rows = []
    for size in args.events.split(","):
        with tempfile.TemporaryDirectory(prefix="pql-bench-") as tmp:
            rows.append(run_size(parse_size(size), Path(tmp), dbt))
        print(f"done {size}: {rows[-1]['events']:,} events, build {rows[-1]['build_s']:.1f}s", flush=True)
    table = render(rows)
    print(table)
    if args.out:
        args.out.write_text("# Benchmarks\n\n`python -m pql_scoring.bench --events " + args.events + "`\n\n" + table + "\n")


if __name__ == "__main__":
    main()
