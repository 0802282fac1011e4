"""Consecutive incremental runs equal a full recomputation after every run (issue 16, item 3).

Two chains of runs over one timeline, the built world replayed as it arrived: every event lands
(`loaded_at`) some time after it happened: most within the hour, some a day or two late (inside the
3-day lookback), some four to nine days late (beyond it); users sign up and identify anonymous
visits, some users move to another account, accounts convert, and a user arrives after an event of
theirs (rejected as an unknown user's until then). Before each run the raw tables are
rewritten as they stood at its moment. One chain runs the daily job (`build --selector pql_daily`,
tests included) on its incremental tables; the other runs the same job after dropping every
incremental model, so those rebuild from everything. After every run every relation of the two
databases must be equal, row for row, on every column except dbt's wall-clock snapshot bookkeeping:
the marts, their history (band changes, the syncs' change stamps) and the incremental tables
themselves.

The daily chain takes PQL_EQUIVALENCE_DAYS consecutive days up to 2026-06-29 (default 8), the hourly
chain the last PQL_EQUIVALENCE_HOURS hours of 2026-06-29 (default 6), the last run as of the date
(the end of that day). The timeline plants one identification and one conversion in each chain. The issue's 30 and 24: PQL_EQUIVALENCE_DAYS=30 PQL_EQUIVALENCE_HOURS=24.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from .conftest import AS_OF, Dbt, databases_differing, incremental_models, rebuild_incremental_models

pytestmark = pytest.mark.integration

DAYS = int(os.environ.get("PQL_EQUIVALENCE_DAYS", "8"))
HOURS = int(os.environ.get("PQL_EQUIVALENCE_HOURS", "6"))
LAST_DAY = dt.date.fromisoformat(AS_OF)  # 2026-06-29, the hourly chain's day
MOVES_PER_CHAIN = 4


def _timeline(raw: Path, out: Path, windows: list[tuple[dt.datetime, dt.datetime]]) -> dict[str, int]:
    """The world with arrival times: events.parquet gains loaded_at; users.parquet gains moved_at and
    moved_to (MOVES_PER_CHAIN users per window move account at moments spread over it, and their
    events from then on name the new account). Returns what the timeline holds per window."""
    out.mkdir()
    con = duckdb.connect()
    users = f"read_parquet('{raw / 'users.parquet'}')"
    moves = []
    for w, (start, end) in enumerate(windows):
        picked = con.execute(
            f"""
            select user_id, account_id,
                (select min(account_id) from {users} other
                 where other.account_id > u.account_id and other.created_at < timestamp '{start}') as moved_to
            from {users} u
            where account_id is not null and created_at < timestamp '{start}'
            order by hash(user_id, {w}) limit {MOVES_PER_CHAIN}
            """
        ).fetchall()
        for i, (user_id, _, moved_to) in enumerate(picked):
            at = start + (end - start) * (i + 1) / (MOVES_PER_CHAIN + 1)
            moves.append((user_id, moved_to, at.replace(minute=30, second=0, microsecond=0)))
    con.execute("create table moves (user_id varchar, moved_to varchar, moved_at timestamp)")
    con.executemany("insert into moves values (?, ?, ?)", moves)
    # one sign-up planted in each window (with an event a minute later), so that a chain of a few
    # hours has a new user too
    signups = [(w, start + (end - start) / 4) for w, (start, end) in enumerate(windows)]
    accounts = f"read_parquet('{raw / 'accounts.parquet'}')"
    new_users = " union all ".join(
        f"""select * from (
            select 'usr_planted_{w}' as user_id, account_id, 'new.user{w}@' || domain as email,
                'VP Engineering' as job_title, timestamp '{at}' as created_at,
                cast(null as timestamp) as moved_at, cast(null as varchar) as moved_to
            from {accounts} where created_at < timestamp '{at}' order by hash(account_id, {w}, 'signup') limit 1)"""
        for w, at in signups
    )
    con.execute(
        f"""copy (
            select u.*, m.moved_at, m.moved_to from {users} u left join moves m using (user_id)
            union all {new_users}
        ) to '{out / "users.parquet"}'"""
    )
    users = f"read_parquet('{out / 'users.parquet'}')"
    # and an event of that user that arrived 20 days before the user did (the product's events
    # load faster than its users table): an unknown user's until then, on a day older than the lookback
    # and than any late arrival, so that only the user's arrival makes it usable
    signup_events = " union all ".join(
        f"""select 'evt_planted_signup_{w}', user_id, null, account_id, 'session_started',
                timestamp '{at}' + interval 1 minute, null, timestamp '{at}' + interval 2 minute
            from {users} where user_id = 'usr_planted_{w}'
            union all
            select 'evt_planted_before_user_{w}', user_id, null, account_id, 'session_started',
                timestamp '{start}' - interval 20 day, null, timestamp '{start}' - interval 20 day + interval 1 minute
            from {users} where user_id = 'usr_planted_{w}'"""
        for w, at in signups
    )
    # one identification planted in each window: a known user signs in on a device that had only
    # browsed anonymously, which moves that device's old activity to the user
    events = f"read_parquet('{raw / 'events.parquet'}')"
    identifications = " union all ".join(
        f"""select 'evt_planted_identify_{w}', u.user_id, d.anonymous_id, u.account_id, d.event_name,
                timestamp '{start + (end - start) / 3}', null, timestamp '{start + (end - start) / 3}' + interval 5 minute
            from (select anonymous_id, min(event_name) as event_name from {events}
                  where user_id is null and anonymous_id is not null and occurred_at < timestamp '{start}'
                    and anonymous_id not in (select anonymous_id from {events} where user_id is not null
                                             and anonymous_id is not null)
                  group by 1 order by hash(anonymous_id, {w}) limit 1) d,
                 (select user_id, account_id from {users} where created_at < timestamp '{start}'
                    and account_id is not null order by hash(user_id, {w}, 'identify') limit 1) u"""
        for w, (start, end) in enumerate(windows)
    )
    # arrival: 80% within the hour, 15% one to 48 hours late, 5% four to nine days late; the rows
    # stamped in the far future (rejected) arrive at random moments of the world
    con.execute(
        f"""copy (
            select e.* replace (
                case when m.user_id is not null and e.occurred_at >= m.moved_at then m.moved_to
                     else e.account_id end as account_id
            ),
            case
                when e.occurred_at > timestamp '2026-07-01'
                    then timestamp '2026-05-01' + to_seconds(hash(e.event_id, 'far') % (60 * 86400))
                when hash(e.event_id) % 100 < 80
                    then e.occurred_at + to_seconds(hash(e.event_id, 's') % 3600)
                when hash(e.event_id) % 100 < 95
                    then e.occurred_at + to_seconds(3600 + hash(e.event_id, 's') % (47 * 3600))
                else e.occurred_at + to_seconds(4 * 86400 + hash(e.event_id, 's') % (5 * 86400))
            end as loaded_at
            from read_parquet('{raw / "events.parquet"}') e
            left join moves m on e.user_id = m.user_id
            union all {identifications}
            union all {signup_events}
        ) to '{out / "events.parquet"}'"""
    )
    shutil.copy(raw / "accounts.parquet", out / "accounts.parquet")
    # and one conversion planted in each window (a paid start of an account without one), so that a
    # chain of a few hours converts an account too
    subscriptions = f"read_parquet('{raw / 'subscriptions.parquet'}')"
    planted = " union all ".join(
        f"""select * from (
            select 'sub_planted_{w}' as subscription_id, account_id, 'pro' as plan, 'active' as status,
                timestamp '{start + (end - start) / 2}' as started_at, cast(null as timestamp) as ended_at,
                12000.0 as arr
            from read_parquet('{raw / "accounts.parquet"}')
            where created_at < timestamp '{start}' and account_id not in (select account_id from {subscriptions})
            order by hash(account_id, {w}) limit 1)"""
        for w, (start, end) in enumerate(windows)
    )
    con.execute(f"copy (select * from {subscriptions} union all {planted}) to '{out / 'subscriptions.parquet'}'")
    counts = {}
    for w, (start, end) in enumerate(windows):
        between = f"between timestamp '{start}' and timestamp '{end}'"
        counts[w] = dict(
            zip(
                ("late_inside_lookback", "late_beyond_lookback", "new_users", "identifications", "conversions"),
                con.execute(
                    f"""
                    select
                        count(*) filter (where loaded_at - occurred_at between interval 1 hour and interval 2 days),
                        count(*) filter (where loaded_at - occurred_at > interval 3 days),
                        (select count(*) from {users} where created_at {between}),
                        count(*) filter (where user_id is not null and anonymous_id is not null),
                        (select count(distinct account_id) from read_parquet('{out / "subscriptions.parquet"}')
                         where started_at {between})
                    from read_parquet('{out / "events.parquet"}')
                    where loaded_at {between} and occurred_at < timestamp '2026-07-01'
                    """
                ).fetchone(),
                strict=True,
            )
        )
        counts[w]["moves"] = sum(1 for _, _, at in moves if start <= at <= end)
        # events loaded before the run that starts the window whose user arrives inside it
        counts[w]["users_after_their_events"] = con.execute(
            f"""select count(*) from read_parquet('{out / "events.parquet"}') e
                join {users} u using (user_id)
                where e.loaded_at < timestamp '{start}' and u.created_at {between}"""
        ).fetchone()[0]
    return counts


def _raw_at(timeline: Path, out: Path, moment: dt.datetime) -> None:
    """The raw tables as they stood at `moment`: events loaded before it, users, accounts and
    subscriptions created before it (a user's account as of it; a subscription that ended later
    still running)."""
    out.mkdir(exist_ok=True)
    con = duckdb.connect()
    at = f"timestamp '{moment}'"
    selects = {
        "events": f"select * from read_parquet('{timeline / 'events.parquet'}') where loaded_at < {at}",
        "users": f"""select * exclude (moved_at, moved_to) replace (
                case when moved_at <= {at} then moved_to else account_id end as account_id)
            from read_parquet('{timeline / "users.parquet"}') where created_at < {at}""",
        "accounts": f"select * from read_parquet('{timeline / 'accounts.parquet'}') where created_at < {at}",
        "subscriptions": f"""select * replace (case when ended_at >= {at} then null else ended_at end as ended_at)
            from read_parquet('{timeline / "subscriptions.parquet"}') where started_at < {at}""",
    }
    for table, select in selects.items():
        con.execute(f"copy ({select}) to '{out / f'{table}.parquet'}'")


def _chain(built_world, tmp_path: Path, base_as_of: str, steps: list[tuple[str, dt.datetime]]):
    start, end = _moment(base_as_of), steps[-1][1]
    timeline = tmp_path / "timeline"
    counts = _timeline(built_world.raw, timeline, [(start, end)])[0]
    # the timeline exercises what the chain must survive
    assert min(counts.values()) > 0, counts

    raw = tmp_path / "raw"
    dbt = Dbt(tmp_path / "dbt")
    incremental, reference = tmp_path / "incremental.duckdb", tmp_path / "reference.duckdb"
    _raw_at(timeline, raw, start)
    dbt.run(
        "build",
        "--exclude",
        "resource_type:test",
        "resource_type:unit_test",
        db=incremental,
        vars={"pql__raw_path": str(raw), "pql__as_of": base_as_of},
    )
    shutil.copy(incremental, reference)
    models = incremental_models(dbt, reference)
    assert {"int_events_validated", "int_activity_daily"} <= set(models), models

    failures = {}
    for i, (as_of, moment) in enumerate(steps):
        _raw_at(timeline, raw, moment)
        run_vars = {"pql__raw_path": str(raw), "pql__as_of": as_of}
        if i % 2 == 0:
            # every other run carries measures forward however many entities a new day's windows
            # hold (the default measures them all when they are most of them, as in this world)
            run_vars["pql__carry_forward_max_share"] = 1
        dbt.run("build", "--selector", "pql_daily", db=incremental, vars=run_vars)  # with its tests
        rebuild_incremental_models(dbt, reference, models, run_vars)
        diff = databases_differing(incremental, reference)
        if diff:
            failures[as_of] = diff
    assert failures == {}
    # and the comparison sees a difference when there is one: one score changed in a copy
    changed = tmp_path / "changed.duckdb"
    shutil.copy(reference, changed)
    con = duckdb.connect(str(changed))
    con.execute(
        "update pql_accounts set pql_score = pql_score + 1 where account_id = (select min(account_id) from pql_accounts)"
    )
    con.close()
    assert databases_differing(incremental, changed) == {"pql_accounts": 2}
    # the chains did score: the last run's moment is in the marts, and late events were counted
    con = duckdb.connect(str(incremental), read_only=True)
    try:
        assert con.execute("select max(scored_at) from pql_accounts").fetchone()[0] == end
        late = con.execute(
            "select count(*) from int_events_validated where loaded_at - occurred_at > interval 3 days"
            f" and loaded_at >= timestamp '{start}' and rejection_reason is null"
        ).fetchone()[0]
        assert late > 0
    finally:
        con.close()


def _moment(as_of: str) -> dt.datetime:
    """The moment a run as of `as_of` scores: the hour, or midnight after the date."""
    if len(as_of) == 10:
        return dt.datetime.combine(dt.date.fromisoformat(as_of) + dt.timedelta(days=1), dt.time())
    return dt.datetime.fromisoformat(as_of + ":00" if len(as_of) == 16 else as_of)


def test_consecutive_daily_runs_equal_a_recomputation_after_every_run(built_world, tmp_path):
    assert 1 <= DAYS <= 60
    days = [LAST_DAY - dt.timedelta(days=DAYS - i) for i in range(DAYS + 1)]
    steps = [(d.isoformat(), _moment(d.isoformat())) for d in days[1:]]
    _chain(built_world, tmp_path, days[0].isoformat(), steps)


def test_consecutive_hourly_runs_equal_a_recomputation_after_every_run(built_world, tmp_path):
    assert 1 <= HOURS <= 24
    # the last HOURS hours of the day; the last run is as of the date (its end), the one after the
    # hour 23:00 run
    first = 24 - HOURS
    base = f"{LAST_DAY} {first:02d}:00" if first else (LAST_DAY - dt.timedelta(days=1)).isoformat()
    labels = [f"{LAST_DAY} {h:02d}:00" for h in range(first + 1, 24)] + [LAST_DAY.isoformat()]
    _chain(built_world, tmp_path, base, [(label, _moment(label)) for label in labels])
