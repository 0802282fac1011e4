"""The benchmark's own logic: sizes, the agreement check, and where it writes its tables."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

import duckdb
import pandas as pd

from pql_scoring import bench


def test_sizes_read_like_people_write_them():
    assert bench.parse_size("30K") == 30_000
    assert bench.parse_size("1.5M") == 1_500_000
    assert bench.parse_size(" 50m ") == 50_000_000
    assert bench.parse_size("1234") == 1234


def test_agreement_counts_every_account_whose_score_or_band_differs(tmp_path):
    db = tmp_path / "d.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        "create table pql_accounts as select * from (values ('a', 10, 'not_pql'), ('b', 45, 'mid'),"
        " ('c', 80, 'high'), ('d', 0, 'not_pql')) as t(account_id, pql_score, pql_band)"
    )
    con.close()
    same = tmp_path / "same.parquet"
    pd.DataFrame(
        {
            "account_id": ["a", "b", "c", "d"],
            "pql_score": [10, 45, 80, 0],
            "pql_band": ["not_pql", "mid", "high", "not_pql"],
        }
    ).to_parquet(same)
    assert bench.compare(db, same) == 0
    # b's score differs, c's band differs, d is missing, e is extra: four accounts disagree
    other = tmp_path / "other.parquet"
    pd.DataFrame(
        {
            "account_id": ["a", "b", "c", "e"],
            "pql_score": [10, 46, 80, 5],
            "pql_band": ["not_pql", "mid", "mid", "not_pql"],
        }
    ).to_parquet(other)
    assert bench.compare(db, other) == 4


def test_tables_replace_only_what_is_between_the_markers(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    bench.write_tables(out, "| first |")
    assert out.read_text().startswith("# Benchmarks") and "| first |" in out.read_text()
    out.write_text(out.read_text().replace("# Benchmarks", "# Benchmarks\n\nHand-written intro.") + "\nAnalysis.\n")
    bench.write_tables(out, "| second |")
    text = out.read_text()
    assert "| first |" not in text and "| second |" in text
    assert "Hand-written intro." in text and text.rstrip().endswith("Analysis.")


def test_the_spark_tables_go_between_their_own_markers_and_keep_duckdbs(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    bench.write_tables(out, "| duckdb |")
    bench.write_tables(out, "| spark one |", bench.SPARK_MARKS)
    bench.write_tables(out, "| spark two |", bench.SPARK_MARKS)
    text = out.read_text()
    assert "| duckdb |" in text and "| spark two |" in text and "| spark one |" not in text
    assert text.index(bench.MARK_END) < text.index(bench.SPARK_MARKS[0])


def test_growth_is_a_fixed_cost_plus_a_cost_per_million_events():
    # 300 s + 20 s per million events, measured at three sizes
    fixed, per_million = bench.fit([(100_000, 302.0), (1_000_000, 320.0), (10_000_000, 500.0)])
    assert abs(fixed - 300) < 1e-6 and abs(per_million - 20) < 1e-6
    assert bench.fit([(1_000_000, 10.0)]) is None


def test_the_tree_measure_counts_the_memory_of_child_processes():
    """Spark's JVM is a child of dbt's process: a parent that only waits holds little itself."""
    child = "b = bytearray(300 * 2**20); import time; time.sleep(2)"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}])"
    measured = bench.measure_tree([sys.executable, "-c", parent], env={})
    assert measured.ok
    assert measured.peak_bytes > 300 * 2**20


def test_the_written_command_reruns_the_benchmark_with_the_options_that_shaped_it(monkeypatch):
    monkeypatch.setenv("PQL_MEMORY_LIMIT", "6GB")
    args = argparse.Namespace(events="1M,10M,50M", no_pandas_above="10M")
    assert (
        bench.command_line(args)
        == "PQL_MEMORY_LIMIT=6GB python -m pql_scoring.bench --events 1M,10M,50M --no-pandas-above 10M"
    )
    monkeypatch.delenv("PQL_MEMORY_LIMIT")
    args = argparse.Namespace(events="30K", no_pandas_above=None)
    assert bench.command_line(args) == "python -m pql_scoring.bench --events 30K"


def test_the_profile_lists_every_node_of_every_run_and_the_time_outside_the_nodes():
    row = bench.Row(events=1_000, accounts=10, generate_s=0.0)
    row.runs = {
        key: bench.Measure(seconds=s, peak_bytes=0) for key, s in [("dbt", 10.0), ("hourly", 6.0), ("idle", 5.0)]
    }
    row.timing = {"slow_model": 4.0, "fast_model": 1.5, "a_seed": 0.5}
    row.hourly_timing = {"slow_model": 2.0, "fast_model": 1.0}
    row.idle_timing = {"slow_model": 1.0, "fast_model": 1.0, "only_idle": 0.25}
    lines = bench.render_profile([row]).splitlines()
    body = [line for line in lines if line.startswith("| ") and not line.startswith("| node")]
    # slowest of the full build first; a node a run did not run shows "-"; the incremental day was not run
    assert body[0] == "| slow_model | 4.00 | - | 2.00 | 1.00 |"
    assert body[1] == "| fast_model | 1.50 | - | 1.00 | 1.00 |"
    assert body[2] == "| a_seed | 0.50 | - | - | - |"
    assert body[3] == "| only_idle | - | - | - | 0.25 |"
    assert body[4] == "| **sum over the nodes** | 6.0 (3 nodes) | - | 3.0 (2 nodes) | 2.2 (3 nodes) |"
    assert body[5] == "| **wall time of the run** | 10.0 | - | 6.0 | 5.0 |"
    # 10 - 6, 6 - 3, 5 - 2.25
    assert body[6] == "| **outside the nodes** (dbt's start, parse, graph) | 4.0 | - | 3.0 | 2.8 |"


def test_the_parse_before_a_run_has_its_vars_profile_and_target_and_no_selection(tmp_path):
    build = bench.dbt_cmd(
        "dbt", tmp_path, tmp_path / "raw", "2026-06-30 23:00", "--exclude", "resource_type:test", "tag:x"
    )
    parse = bench.parse_cmd(build)
    assert parse[:2] == ["dbt", "parse"]
    assert "--exclude" not in parse and "tag:x" not in parse and "resource_type:test" not in parse
    for option in ("--project-dir", "--profiles-dir", "--target-path", "--log-path", "--vars"):
        assert parse[parse.index(option) + 1] == build[build.index(option) + 1]
    assert len(parse) == 2 + 2 * 5


def test_one_scan_counts_each_event_once_per_account_event_and_day(tmp_path):
    """The yardstick: a redelivered event counts once (its first delivery), users attach to their
    account, events after the as-of day and of users the users table does not know are not counted."""
    from pql_scoring.baselines import scan_activity

    ts = pd.Timestamp
    pd.DataFrame(
        {
            "event_id": ["e1", "e1", "e2", "e3", "e4", "e5", "e6"],
            "user_id": ["u1", "u1", "u2", "u1", "u1", "u9", "u2"],
            "event_name": [
                "report_created",
                "report_created",
                "report_created",
                "invite_sent",
                "report_created",
                "report_created",
                "report_created",
            ],
            "occurred_at": [
                ts("2026-06-28 10:00"),
                ts("2026-06-29 09:00"),
                ts("2026-06-28 11:00"),
                ts("2026-06-29 23:59"),
                ts("2026-06-30 00:00"),
                ts("2026-06-28 12:00"),
                ts("2026-06-29 08:00"),
            ],
        }
    ).to_parquet(tmp_path / "events.parquet")
    pd.DataFrame(
        {
            "user_id": ["u1", "u2"],
            "account_id": ["a1", "a1"],
            "created_at": [ts("2026-01-01"), ts("2026-01-02")],
        }
    ).to_parquet(tmp_path / "users.parquet")
    out = tmp_path / "scan.parquet"
    assert scan_activity(tmp_path, dt.date(2026, 6, 29), out) == 3
    rows = (
        duckdb.connect()
        .execute(
            "select account_id, event_name, cast(activity_date as varchar), event_count from read_parquet(?) order by 2, 3",
            [str(out)],
        )
        .fetchall()
    )
    # e1 twice and e2 on the 28th: 2; e6 on the 29th: 1; e3 at 23:59 on the 29th: 1; e4 is after the
    # day, e5's user is unknown
    assert rows == [
        ("a1", "invite_sent", "2026-06-29", 1),
        ("a1", "report_created", "2026-06-28", 2),
        ("a1", "report_created", "2026-06-29", 1),
    ]
