"""The benchmark's own logic: sizes, the agreement check, and where it writes its tables."""

from __future__ import annotations

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
