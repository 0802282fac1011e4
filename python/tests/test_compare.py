"""The refactoring check: two built files compared row for row, run stamps aside."""

from __future__ import annotations

import duckdb

from pql_scoring.compare import compare, main


def _db(path, rows, stamp):
    con = duckdb.connect(str(path))
    con.execute("create table pql_accounts (account_id varchar, pql_score integer, pql_scored_at timestamp)")
    con.executemany("insert into pql_accounts values (?, ?, ?)", [(a, s, stamp) for a, s in rows])
    con.execute("create table only_here (x integer)")
    con.close()


def test_identical_rows_with_other_run_stamps_are_the_same(tmp_path):
    _db(tmp_path / "a.duckdb", [("a1", 10), ("a2", 20)], "2026-06-01 00:00:00")
    _db(tmp_path / "b.duckdb", [("a2", 20), ("a1", 10)], "2026-06-02 00:00:00")
    assert compare(str(tmp_path / "a.duckdb"), str(tmp_path / "b.duckdb"))[0] == ("only_here", 0, 0, 0)
    assert main([str(tmp_path / "a.duckdb"), str(tmp_path / "b.duckdb")]) == 0


def test_a_changed_or_duplicated_row_is_counted(tmp_path):
    _db(tmp_path / "a.duckdb", [("a1", 10), ("a2", 20)], "2026-06-01 00:00:00")
    _db(tmp_path / "b.duckdb", [("a1", 11), ("a2", 20), ("a2", 20)], "2026-06-01 00:00:00")
    by_table = {t: (na, nb, d) for t, na, nb, d in compare(str(tmp_path / "a.duckdb"), str(tmp_path / "b.duckdb"))}
    # a1's score changed (one row each way) and a2 appears twice (except all keeps multiplicity)
    assert by_table["pql_accounts"] == (2, 3, 3)
    assert main([str(tmp_path / "a.duckdb"), str(tmp_path / "b.duckdb")]) == 1
