"""Compare two built pql DuckDB files table by table, row for row (``except all`` both ways).

    python -m pql_scoring.compare before.duckdb after.duckdb

For a refactoring that must not change results: every table and view the two files share is compared
on the columns they share, leaving out the columns that stamp the moment of a run (dbt's snapshot
bookkeeping and the sync models' run stamps). A table that a refactoring split in two (``SPLITS``) is
compared, when only the before side lacks the second part, against the union of its parts. Prints
one line per table and exits 1 if any differs.
"""

from __future__ import annotations

import argparse
import sys

import duckdb

# columns that record when a run happened, not what it computed
RUN_STAMPS = {
    "dbt_scd_id",
    "dbt_updated_at",
    "dbt_valid_from",
    "dbt_valid_to",
    "scored_at",
    "pql_scored_at",
    "pql_scored_at__c",
    "pql_changed_at_ts",
    "pql_changed_at",
    "pql_sync_hash",
    "band_change_id",
}

# table -> the table that took part of its rows: live scoring and the back-test were one chain of
# models (entity_type backtest_account) before they became two
SPLITS = {
    "int_scoring_entities": "int_backtest_entities",
    "int_signals_measured": "int_backtest_signals_measured",
    "int_signals_evaluated": "int_backtest_signals_evaluated",
    "int_entities_scored": "int_backtest_entities_scored",
}


def relations(con: duckdb.DuckDBPyConnection, catalog: str) -> dict[str, list[str]]:
    rows = con.execute(
        "select table_name, column_name from information_schema.columns"
        " where table_catalog = ? and table_schema = 'main' order by table_name, ordinal_position",
        [catalog],
    ).fetchall()
    out: dict[str, list[str]] = {}
    for table, column in rows:
        out.setdefault(table, []).append(column)
    return out


def rows_differing(
    con: duckdb.DuckDBPyConnection, table: str, columns: list[str], after_rows: str | None = None
) -> int:
    """Rows of ``a.main.<table>`` and of ``b.main.<table>`` (or of the query ``after_rows``) that the
    other side lacks, on ``columns``, counted with multiplicity (``except all`` both ways)."""
    cols = ", ".join(f'"{c}"' for c in columns)
    before_rows = f'select {cols} from a.main."{table}"'
    after_rows = after_rows or f'select {cols} from b.main."{table}"'
    return con.execute(
        f"select count(*) from (({before_rows} except all {after_rows}) union all ({after_rows} except all {before_rows}))"
    ).fetchone()[0]


def compare(before: str, after: str) -> list[tuple[str, int, int, int]]:
    """(table, rows before, rows after, rows in one but not the other) for every shared table."""
    con = duckdb.connect()
    con.execute(f"attach '{before}' as a (read_only)")
    con.execute(f"attach '{after}' as b (read_only)")
    a, b = relations(con, "a"), relations(con, "b")
    result = []
    for table in sorted(set(a) & set(b)):
        columns = [c for c in a[table] if c in b[table] and c.lower() not in RUN_STAMPS]
        cols = ", ".join(f'"{c}"' for c in columns)
        after_rows = f'select {cols} from b.main."{table}"'
        part = SPLITS.get(table)
        if part and part in b and part not in a:
            after_rows = f'select * from ({after_rows} union all select {cols} from b.main."{part}")'
        n_a = con.execute(f'select count(*) from a.main."{table}"').fetchone()[0]
        n_b = con.execute(f"select count(*) from ({after_rows})").fetchone()[0]
        result.append((table, n_a, n_b, rows_differing(con, table, columns, after_rows)))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pql_scoring.compare", description=__doc__.split("\n\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    args = parser.parse_args(argv)
    rows = compare(args.before, args.after)
    for table, n_a, n_b, diff in rows:
        print(f"{'same' if diff == 0 else 'DIFFERS':8} {table:40} {n_a:>9} {n_b:>9} {diff:>9}")
    differing = [r for r in rows if r[3]]
    print(f"{len(rows)} tables compared, {len(differing)} differ")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
