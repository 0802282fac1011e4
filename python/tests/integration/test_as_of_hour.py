"""A run as of an hour (`pql__as_of: "YYYY-MM-DD HH:00"`) sees what existed before that hour and
nothing after: its marts equal those of a run as of that day on the same world with everything after
the hour cut out of the raw data (issue 16, item 1). Windows, decay and recency count in days, so the
two runs differ only in when they say they scored."""

from __future__ import annotations

import datetime as dt
import re

import duckdb
import pytest

from pql_scoring.compare import RUN_STAMPS, rows_differing
from pql_scoring.engines import MARTS

from .conftest import AS_OF, Dbt, query

pytestmark = pytest.mark.integration

HOUR = 14
CUT = f"{AS_OF} {HOUR:02d}:00:00"
# what says when the run was: the scoring moment (the as-of hour, or midnight after the day) and what
# is stamped with it (the first PQL moment is the scoring moment of the run that first saw it)
STAMPS = {c.lower() for c in RUN_STAMPS} | {
    "changed_at",
    "first_pql_at",
    "pql_first_pql_date",
    "pql_first_pql_at__c",
    "pql_first_pql_at",
}


def _cut_raw(raw, out, cut: str = CUT) -> dict[str, int]:
    """The raw tables as they stood at `cut`: rows created after it dropped, a subscription that
    ended after it still running. Returns the rows dropped per table."""
    out.mkdir()
    con = duckdb.connect()
    dropped = {}
    cuts = {
        "events": "occurred_at < timestamp '{cut}'",
        "users": "created_at < timestamp '{cut}'",
        "accounts": "created_at < timestamp '{cut}'",
        "subscriptions": "started_at < timestamp '{cut}'",
    }
    for table, keep in cuts.items():
        source = f"read_parquet('{raw / f'{table}.parquet'}')"
        select = (
            "*"
            if table != "subscriptions"
            else (f"* replace (case when ended_at >= timestamp '{cut}' then null else ended_at end as ended_at)")
        )
        con.execute(
            f"copy (select {select} from {source} where {keep.format(cut=cut)}) to '{out / f'{table}.parquet'}'"
        )
        total = con.execute(f"select count(*) from {source}").fetchone()[0]
        dropped[table] = (
            total - con.execute(f"select count(*) from read_parquet('{out / f'{table}.parquet'}')").fetchone()[0]
        )
    return dropped


def _differences(a, b) -> dict[str, int]:
    con = duckdb.connect()
    con.execute(f"attach '{a}' as a (read_only)")
    con.execute(f"attach '{b}' as b (read_only)")
    out = {}
    for table in MARTS:
        columns = [
            c
            for (c,) in con.execute(
                "select column_name from information_schema.columns where table_catalog = 'a' and table_name = ?"
                " order by ordinal_position",
                [table],
            ).fetchall()
            if c.lower() not in STAMPS
        ]
        diff = rows_differing(con, table, columns)
        if diff:
            out[table] = diff
    return out


def test_a_run_as_of_an_hour_is_the_day_with_everything_after_the_hour_cut_out(built_world, tmp_path):
    hourly = tmp_path / "hourly.duckdb"
    # a plain build (data and unit tests) as of the hour, on the whole world
    Dbt(tmp_path / "dbt_hourly").run(
        "build", db=hourly, vars={"pql__raw_path": str(built_world.raw), "pql__as_of": f"{AS_OF} {HOUR:02d}:00"}
    )
    dropped = _cut_raw(built_world.raw, tmp_path / "raw_cut")
    # the hours after the cut held events of that day, and later ones
    assert dropped["events"] > 0
    cut_day = tmp_path / "cut.duckdb"
    Dbt(tmp_path / "dbt_cut").run(
        "build",
        "--exclude",
        "resource_type:test",
        "resource_type:unit_test",
        db=cut_day,
        vars={"pql__raw_path": str(tmp_path / "raw_cut"), "pql__as_of": AS_OF},
    )
    assert _differences(hourly, cut_day) == {}
    # it scored at the hour, and saw events of the as-of day before it and none after
    scored_at = query(hourly, "select distinct scored_at from pql_accounts")
    assert scored_at == [(dt.datetime(2026, 6, 29, HOUR),)]
    last = query(hourly, f"select max(last_occurred_at) from fct_daily_activity where activity_date = '{AS_OF}'")[0][0]
    assert dt.datetime(2026, 6, 29, 0) < last < dt.datetime(2026, 6, 29, HOUR)
    # and the day's own run sees the rest of the day: the comparison is not of two empty afternoons
    day_last = query(
        built_world.db, f"select max(last_occurred_at) from fct_daily_activity where activity_date = '{AS_OF}'"
    )
    assert day_last[0][0] >= dt.datetime(2026, 6, 29, HOUR)


def _cutoff(output: str) -> dt.datetime:
    """The as-of cutoff an inline compile of pql_as_of_cutoff() printed."""
    found = re.search(r"cast\('(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})' as timestamp\) as cutoff", output)
    assert found, output[-2000:]
    return dt.datetime.strptime(found.group(1), "%Y-%m-%d %H:%M:%S")


def test_as_of_hour_is_the_hour_the_run_starts_in_and_keeps_dbts_parse_from_run_to_run(built_world, tmp_path):
    """`pql__as_of: hour`, the README's hourly schedule: a plain `dbt build` (data and unit tests) as of
    the hour it starts in (UTC), with the same vars every run, so dbt keeps the project's parse; a
    changed --vars re-parses it all."""
    dbt, db = Dbt(tmp_path / "dbt"), tmp_path / "hour.duckdb"
    raw = {"pql__raw_path": str(built_world.raw)}
    inline = ("compile", "--inline", "select {{ pql_as_of_cutoff() }} as cutoff")

    def hour_now() -> dt.datetime:
        return dt.datetime.now(dt.UTC).replace(tzinfo=None, minute=0, second=0, microsecond=0)

    before = hour_now()
    dbt.run("build", db=db, vars={**raw, "pql__as_of": "hour"})
    scored_at = query(db, "select distinct scored_at from pql_accounts")
    assert len(scored_at) == 1 and scored_at[0][0] in {before, hour_now()}
    before = hour_now()
    again = dbt.run(*inline, db=db, vars={**raw, "pql__as_of": "hour"})
    assert _cutoff(again.output) in {before, hour_now()}
    assert "Unable to do partial parsing" not in again.output
    # the written hour, as the schedule had it before: a new value each hour, a full parse each time
    written = dbt.run(*inline, db=db, vars={**raw, "pql__as_of": "2026-06-29 14:00"})
    assert _cutoff(written.output) == dt.datetime(2026, 6, 29, 14)
    assert "Unable to do partial parsing because config vars" in written.output
