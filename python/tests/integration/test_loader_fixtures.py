"""The loaders' own shapes (python/tests/fixtures/loaders, see its README for where each comes from),
each built with a plain `dbt build`. Every expected count below is worked out by hand from the fixture
rows, with the reasoning next to it."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest

from .conftest import Dbt, databases_differing, incremental_models, query, rebuild_incremental_models

pytestmark = pytest.mark.integration

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "loaders"
_FIXTURE_DIRS = {
    "segment": "segment_warehouse",
    "posthog": "posthog_batch_export",
    "amplitude": "amplitude_fivetran",
    "mixpanel": "mixpanel_fivetran",
}


def _write_generic(raw: Path, accounts: list[tuple], users: list[tuple]) -> None:
    """The generic contract's accounts, users and (no) subscriptions, which the loaders do not carry."""
    raw.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute(
        "create table accounts (account_id varchar, account_name varchar, domain varchar, employee_count integer,"
        " industry varchar, country varchar, created_at timestamp)"
    )
    con.executemany("insert into accounts values (?, ?, ?, ?, ?, ?, ?)", accounts)
    con.execute(
        "create table users (user_id varchar, account_id varchar, email varchar, job_title varchar, created_at timestamp)"
    )
    con.executemany("insert into users values (?, ?, ?, ?, ?)", users)
    con.execute(
        "create table subscriptions (subscription_id varchar, account_id varchar, plan varchar, status varchar,"
        " started_at timestamp, ended_at timestamp, arr double)"
    )
    for table in ("accounts", "users", "subscriptions"):
        con.execute(f"copy {table} to '{(raw / f'{table}.parquet').as_posix()}' (format parquet)")


def _csv_to_parquet(csv: Path, parquet: Path) -> None:
    """Types as a warehouse would infer them from the loader's file (timestamps, numbers, text)."""
    parquet.parent.mkdir(parents=True, exist_ok=True)
    duckdb.connect().execute(
        f"copy (select * from read_csv('{csv.as_posix()}', header = true)) to '{parquet.as_posix()}' (format parquet)"
    )


def _build(tmp_path: Path, source: str, as_of: str) -> tuple[Path, str]:
    db = tmp_path / f"{source}.duckdb"
    result = Dbt(tmp_path / "dbt").run(
        "build", db=db, vars={"pql__raw_path": str(tmp_path / "raw"), "pql__event_source": source, "pql__as_of": as_of}
    )
    return db, result.output


def _health(db: Path) -> dict:
    row = query(db, "select sum(raw_event_count), sum(kept_event_count), sum(user_event_count) from pql_source_health")[
        0
    ]
    return {"raw": row[0], "kept": row[1], "reach_a_user": row[2]}


def _rejected(db: Path) -> dict:
    return dict(
        query(db, "select rejection_reason, count(*) from fct_rejected_rows where source_table = 'events' group by 1")
    )


def _events_per_user(db: Path) -> dict:
    return dict(query(db, "select user_id, cast(sum(event_count) as integer) from fct_daily_activity group by 1"))


def _load_times_by_hand(csv_path: Path, candidates: list[str]) -> list:
    """Each row's load time as the loader documents it, read off the fixture with Python's csv and
    datetime (not the project's SQL): the first of `candidates` the row fills, in UTC ('Z' and offsets
    converted, a time without a zone taken as UTC), None when the row fills none. Sorted."""
    times = []
    with csv_path.open(newline="") as f:
        for row in csv.DictReader(f):
            value = next((row[c] for c in candidates if (row.get(c) or "").strip()), None)
            if value is None:
                times.append(None)
                continue
            t = dt.datetime.fromisoformat(value.strip())
            times.append(t.astimezone(dt.UTC).replace(tzinfo=None) if t.tzinfo else t)
    return sorted(times, key=lambda t: (t is None, t or dt.datetime.min))


def _load_times_staged(db: Path, model: str) -> list:
    times = [r[0] for r in query(db, f"select loaded_at from {model}")]
    return sorted(times, key=lambda t: (t is None, t or dt.datetime.min))


def test_fivetran_amplitude_without_insert_ids(tmp_path):
    # the users table knows three of the seed's eight user ids (emails)
    _write_generic(
        tmp_path / "raw",
        [("acc_1", "Gmail Fans", "fans.example", 50, "software", "US", "2021-01-01")],
        [(u, "acc_1", u, None, "2021-01-01") for u in ("dev@gmail.com", "a@gmail.com", "john_doe@gmail.com")],
    )
    _csv_to_parquet(FIXTURES / "amplitude_fivetran" / "event.csv", tmp_path / "raw" / "amplitude" / "event.parquet")
    db, _ = _build(tmp_path, "amplitude", "2021-12-31")
    # 11 rows, every _insert_id empty: the id falls back to Fivetran's (id, device, client time, user),
    # which tells the ten seed events apart and finds the last row a redelivery of the one before it.
    # Kept: dev@ 1 + a@ 1 + john_doe@ 4 = 6. Rejected: the redelivery, and the 4 events of b@, beyonce@,
    # jayz@ and rihanna@, who are not in the users table. Before the fallback all 11 were missing_event_id.
    assert _rejected(db) == {"duplicate_event_id": 1, "unknown_user": 4}
    assert _health(db) == {"raw": 11, "kept": 6, "reach_a_user": 6}
    assert _events_per_user(db) == {"dev@gmail.com": 1, "a@gmail.com": 1, "john_doe@gmail.com": 4}
    # load time: Fivetran's _fivetran_synced (Amplitude's server_upload_time only where it is empty)
    staged = _load_times_staged(db, "stg_amplitude__events")
    assert staged == _load_times_by_hand(FIXTURES / "amplitude_fivetran" / "event.csv", ["_fivetran_synced"])
    assert len(staged) == 11 and None not in staged


def test_fivetran_mixpanel_name_timestamp_and_mixpanel_dedup(tmp_path):
    _write_generic(
        tmp_path / "raw",
        [("acc_1", "Roku Viewers", "viewers.example", 40, "media", "US", "2020-01-01")],
        [("9e308c27-42ab-57af-beef-555708cde092", "acc_1", "viewer@viewers.example", None, "2020-01-01")],
    )
    _csv_to_parquet(FIXTURES / "mixpanel_fivetran" / "events.csv", tmp_path / "raw" / "mixpanel" / "events.parquet")
    db, output = _build(tmp_path, "mixpanel", "2025-03-31")
    # Fivetran writes `name` and a timestamp `time`, and no identity_mappings table (read as empty).
    assert "optional table mixpanel.identity_mappings is absent" in output
    # Rows 2 and 3 share insert id, name and distinct id but not the day; rows 4 and 5 share insert id
    # and distinct id but not the name: Mixpanel merges none of them, so all five seed rows are kept.
    # Row 6 repeats row 1 (insert id, distinct id, name, day): the one duplicate.
    assert _rejected(db) == {"duplicate_event_id": 1}
    # Only row 1's distinct id is an app user id (the users table has it): 1 of 5 kept events reaches a
    # user; the others are anonymous distinct ids with no mapping, kept but unattributed.
    assert _health(db) == {"raw": 6, "kept": 5, "reach_a_user": 1}
    assert _events_per_user(db) == {"9e308c27-42ab-57af-beef-555708cde092": 1}
    # load time: _fivetran_synced, a timestamp without a zone (UTC)
    staged = _load_times_staged(db, "stg_mixpanel__events")
    assert staged == _load_times_by_hand(FIXTURES / "mixpanel_fivetran" / "events.csv", ["_fivetran_synced"])
    assert len(staged) == 6 and None not in staged
    # ... and a share of 20% is loud: the attribution warning names the source and its share
    assert "assert_source_events_reach_users" in output and "WARN" in output


def test_mixpanel_export_epoch_times_and_id_merge(tmp_path):
    _write_generic(
        tmp_path / "raw",
        [("acc_1", "Acme", "acme.example", 30, "software", "US", "2024-05-01")],
        [
            ("u-1", "acc_1", "one@acme.example", None, "2024-05-01"),
            ("u-3", "acc_1", "three@acme.example", None, "2024-05-01"),
        ],
    )
    rows = [json.loads(line) for line in (FIXTURES / "mixpanel_export" / "events.jsonl").read_text().splitlines()]
    con = duckdb.connect()
    con.execute("create table events (event varchar, properties varchar)")
    con.executemany("insert into events values (?, ?)", [(r["event"], json.dumps(r["properties"])) for r in rows])
    (tmp_path / "raw" / "mixpanel").mkdir()
    con.execute(f"copy events to '{(tmp_path / 'raw' / 'mixpanel' / 'events.parquet').as_posix()}' (format parquet)")
    db, _ = _build(tmp_path, "mixpanel", "2024-06-30")
    # 11 events. Row 5 repeats row 4's insert id, name and distinct id an hour later on the same day:
    # a duplicate (Mixpanel's compaction). Row 6 reuses that insert id on the next day: kept. Rows 9
    # and 10 have no insert id and are the same event twice: the second is a duplicate. Row 7 ($user_id
    # u-2, time in milliseconds) names a user the users table does not know; row 11 has no time.
    assert _rejected(db) == {"duplicate_event_id": 2, "unknown_user": 1, "missing_occurred_at": 1}
    # Kept: rows 1, 2 (device dev-1, identified as u-1 by row 3, which carries both ids), 3, 4, 6 for
    # u-1, and rows 8 and 9, whose distinct id u-3 is the user's own id (original ID merge): 7, all
    # reaching a user.
    assert _health(db) == {"raw": 11, "kept": 7, "reach_a_user": 7}
    assert _events_per_user(db) == {"u-1": 5, "u-3": 2}
    names = {r[0] for r in query(db, "select distinct event_name from fct_daily_activity")}
    assert names == {"signed up", "viewed pricing page", "$identify", "report created"}
    # Mixpanel's own export has no load time: every row's is null (only the lookback catches late rows)
    assert _load_times_staged(db, "stg_mixpanel__events") == [None] * 11


def test_posthog_users_are_distinct_ids_of_their_persons_without_is_identified(tmp_path):
    _write_generic(
        tmp_path / "raw",
        [
            ("acc_a", "A Inc", "a.example", 80, "software", "US", "2024-05-01"),
            ("acc_b", "B Ltd", "b.example", 15, "fintech", "GB", "2024-05-01"),
        ],
        [
            ("user_1", "acc_a", "ada@a.example", "CTO", "2024-05-01"),
            ("user_2", None, "bo@b.example", None, "2024-05-01"),
        ],
    )
    for table in ("events", "persons"):
        _csv_to_parquet(
            FIXTURES / "posthog_batch_export" / f"{table}.csv", tmp_path / "raw" / "posthog" / f"{table}.parquet"
        )
    db, output = _build(tmp_path, "posthog", "2024-05-31")
    assert "optional table posthog.person_distinct_ids is absent" in output
    # 11 rows: row 9 is an export's redelivery of row 8 (same uuid); row 11 has no distinct id.
    assert _rejected(db) == {"duplicate_event_id": 1, "missing_identity": 1}
    # user_1's person (persons export) holds the browser's anonymous id and user_1: rows 1-3. Row 4
    # (server-side, no person_id) is sent as user_1 itself. Row 5's distinct id moved from person 3 to
    # user_1's person (version 1 beats version 0), so its stale person_id on the event does not matter.
    # user_2's person is known only from the events' person_id: rows 7 (anonymous) and 8. Row 6 (person
    # 3, never identified) and row 10 (a distinct id that is no user) are kept, anonymous.
    assert _events_per_user(db) == {"user_1": 5, "user_2": 2}
    assert _health(db) == {"raw": 11, "kept": 9, "reach_a_user": 7}
    # load time: the batch export carries no _inserted_at here, so ClickHouse's created_at ('Z' times)
    staged = _load_times_staged(db, "stg_posthog__events")
    assert staged == _load_times_by_hand(FIXTURES / "posthog_batch_export" / "events.csv", ["created_at"])
    assert len(staged) == 11 and None not in staged
    # every event of those persons reaches their account: user_1 by account_id, user_2 by email domain
    assert dict(
        query(db, "select account_id, cast(sum(event_count) as integer) from fct_daily_activity group by 1")
    ) == {
        "acc_a": 5,
        "acc_b": 2,
    }
    assert query(db, "select count(*) from fct_daily_activity where account_id is null")[0][0] == 0


def test_segment_warehouse_tracks_pages_identifies_and_groups(tmp_path):
    _write_generic(
        tmp_path / "raw",
        [
            ("acc_pete", "Pete Co", "example.com", 12, "software", "US", "2024-06-01"),
            ("acc_seg", "Initech", "initech.example", 329, "software", "US", "2024-06-01"),
        ],
        [
            ("97980cfea0067", None, "peter@example.com", None, "2024-06-01"),
            ("5a1b2c3d4e5f6", None, "milton@gmail.com", None, "2024-06-01"),
        ],
    )
    for table in ("tracks", "pages", "identifies", "groups"):
        _csv_to_parquet(
            FIXTURES / "segment_warehouse" / f"{table}.csv", tmp_path / "raw" / "segment" / f"{table}.parquet"
        )
    db, _ = _build(tmp_path, "segment", "2024-06-30")
    # 7 tracks + 2 pages. Rejected: the redelivered track (same message id), ghost-user (not a user),
    # a track with neither user nor anonymous id, and one whose timestamp is not a time.
    assert _rejected(db) == {
        "duplicate_event_id": 1,
        "unknown_user": 1,
        "missing_identity": 1,
        "missing_occurred_at": 1,
    }
    # Kept: 2 page views and signed_up of the anonymous visitor, whom the identify call names
    # 97980cfea0067, plus that user's report (4), and 5a1b2c3d4e5f6's report (1): 5, all reaching a user.
    assert _health(db) == {"raw": 9, "kept": 5, "reach_a_user": 5}
    assert _events_per_user(db) == {"97980cfea0067": 4, "5a1b2c3d4e5f6": 1}
    # pages become events named for the page, so the pricing page can be a signal
    pages = {
        r[0] for r in query(db, "select distinct event_name from fct_daily_activity where event_name like 'page%'")
    }
    assert pages == {"page:pricing", "page:/docs"}
    # peter by email domain; milton (gmail) only through his group call
    assert dict(query(db, "select user_id, account_match_method from dim_users")) == {
        "97980cfea0067": "email_domain",
        "5a1b2c3d4e5f6": "group",
    }
    # load time: the warehouse's uuid_ts ('Z' times), received_at where it is empty
    for table, model in (("tracks", "stg_segment__tracks"), ("pages", "stg_segment__pages")):
        by_hand = _load_times_by_hand(FIXTURES / "segment_warehouse" / f"{table}.csv", ["uuid_ts", "received_at"])
        assert _load_times_staged(db, model) == by_hand, table
        assert None not in by_hand


def _incremental_chain(
    tmp_path: Path,
    source: str,
    tables: dict[str, str],
    runs: list[tuple[str, str | None]],
    accounts: list[tuple],
    users_of_run,
) -> tuple[Path, list[str], list[dict], list[dict], dict]:
    """The loader's tables (`tables`: table -> its load-time column) as they stood at each run: a run
    (as_of, loaded_before) sees the rows loaded before `loaded_before` (everything when None) and the
    users `users_of_run(i)`. Every run is a plain incremental `dbt build`, tests included; after every
    run but the first, its incremental tables and everything built on them are compared with a
    rebuild of the incremental tables from the same raw data. Returns the incremental database, the
    incremental models, the rejections after each later run, the events per user after every run and
    the differences found."""
    raw = tmp_path / "raw"
    dbt = Dbt(tmp_path / "dbt")
    incremental, reference = tmp_path / "incremental.duckdb", tmp_path / "reference.duckdb"
    models: list[str] = []
    rejected, events, failures = [], [], {}
    for i, (as_of, loaded_before) in enumerate(runs):
        _write_generic(raw, accounts, users_of_run(i))
        for table, load_column in tables.items():
            parquet = raw / source / f"{table}.parquet"
            _csv_to_parquet(FIXTURES / _FIXTURE_DIRS[source] / f"{table}.csv", parquet)
            if loaded_before:
                con = duckdb.connect()
                con.execute("set TimeZone = 'UTC'")
                con.execute(
                    f"copy (select * from read_parquet('{parquet.as_posix()}')"
                    f" where {load_column} < timestamptz '{loaded_before}Z')"
                    f" to '{parquet.as_posix()}.cut' (format parquet)"
                )
                con.close()
                Path(f"{parquet}.cut").replace(parquet)
        run_vars = {"pql__raw_path": str(raw), "pql__event_source": source, "pql__as_of": as_of}
        dbt.run("build", db=incremental, vars=run_vars)  # incremental after the first, tests included
        events.append(_events_per_user(incremental))
        if i == 0:
            reference.write_bytes(incremental.read_bytes())
            models = incremental_models(dbt, reference)
            continue
        # the runs are plain builds, so the recomputation recalibrates too
        rebuild_incremental_models(dbt, reference, models, run_vars, recalibrate=True)
        diff = databases_differing(incremental, reference)
        if diff:
            failures[as_of] = diff
        rejected.append(_rejected(incremental))
    return incremental, models, rejected, events, failures


def test_segment_warehouse_arriving_over_three_incremental_runs_equals_a_rebuild(tmp_path):
    # Segment's tables as they stood at three moments, by their load time (uuid_ts): the first run
    # sees the pricing and docs pages, the identify call and the first delivery of report 802; the
    # second, as of an hour, the redelivery of 802 an hour late (a duplicate of a row loaded by the
    # run before), the group call and ghost-user's report while ghost-user is no user yet; the third
    # everything, and ghost-user, who signed up after their report was loaded. After every run the
    # incremental tables and everything built on them equal a rebuild of the incremental tables.
    runs = [("2024-06-03", "2024-06-03T10:00"), ("2024-06-04 14:00", "2024-06-04T14:00"), ("2024-06-30", None)]
    accounts = [
        ("acc_pete", "Pete Co", "example.com", 12, "software", "US", "2024-06-01"),
        ("acc_seg", "Initech", "initech.example", 329, "software", "US", "2024-06-01"),
    ]
    users = [
        ("97980cfea0067", None, "peter@example.com", None, "2024-06-01"),
        ("5a1b2c3d4e5f6", None, "milton@gmail.com", None, "2024-06-01"),
    ]
    # ghost-user's row reaches the users table only before the third run
    ghost = ("ghost-user", None, "ghost@initech.example", None, "2024-06-04 15:00")
    incremental, models, rejected, _, failures = _incremental_chain(
        tmp_path,
        "segment",
        dict.fromkeys(("tracks", "pages", "identifies", "groups"), "uuid_ts"),
        runs,
        accounts,
        lambda i: users + ([ghost] if i == 2 else []),
    )
    assert failures == {}
    assert {"int_events_validated", "int_rows_rejected", "int_activity_attributed"} <= set(models)
    # by hand: the second run rejects the redelivery and ghost-user's report (no such user yet); the
    # track with no identity and the one whose time is not a time are loaded after 14:00
    assert rejected[0] == {"duplicate_event_id": 1, "unknown_user": 1}
    # the third: ghost-user exists, so their report is kept; the last two tracks have arrived
    assert rejected[1] == {"duplicate_event_id": 1, "missing_identity": 1, "missing_occurred_at": 1}
    assert _events_per_user(incremental) == {"97980cfea0067": 4, "5a1b2c3d4e5f6": 1, "ghost-user": 1}


def test_posthog_person_merge_and_new_user_arriving_in_later_incremental_runs_equal_a_rebuild(tmp_path):
    # PostHog's batch exports as they stood at three moments, by their load time (events: created_at,
    # persons: _inserted_at). Run 1, as of 2024-05-23 (loaded before 12:00 that day): rows 1-6, and
    # the persons export without its last row, so distinct id ...aaaa is still person 3's (never
    # identified) and row 5 is anonymous. Run 2, as of the hour 2024-05-24 10:00: rows 7-9 of user_2,
    # who is not in the users table yet, so their person is no user's and their two events stay
    # anonymous (the redelivery, row 9, is a duplicate). Run 3, everything: the persons export's
    # version-1 row moves ...aaaa to user_1's person, which reaches back to row 5 (a day older than
    # anything this run loads), and user_2 has signed up, which reaches back to rows 7 and 8.
    runs = [("2024-05-23", "2024-05-23T12:00"), ("2024-05-24 10:00", "2024-05-24T10:00"), ("2024-05-31", None)]
    accounts = [
        ("acc_a", "A Inc", "a.example", 80, "software", "US", "2024-05-01"),
        ("acc_b", "B Ltd", "b.example", 15, "fintech", "GB", "2024-05-01"),
    ]
    user_1 = ("user_1", "acc_a", "ada@a.example", "CTO", "2024-05-01")
    user_2 = ("user_2", None, "bo@b.example", None, "2024-05-24 12:00")
    incremental, models, rejected, events, failures = _incremental_chain(
        tmp_path,
        "posthog",
        {"events": "created_at", "persons": "_inserted_at"},
        runs,
        accounts,
        lambda i: [user_1] + ([user_2] if i == 2 else []),
    )
    assert failures == {}
    assert {"int_events_validated", "int_activity_attributed"} <= set(models)
    # by hand: run 2 loads the redelivery of row 8 (row 9); rows 10 and 11 are loaded after 10:00
    assert rejected[0] == {"duplicate_event_id": 1}
    assert rejected[1] == {"duplicate_event_id": 1, "missing_identity": 1}
    # before run 3 row 5 is anonymous and user_2 is nobody: user_1 has rows 1-4; after it, as the full
    # build of the whole fixture counts them (test_posthog_users_are_distinct_ids_...)
    assert events == [{"user_1": 4}, {"user_1": 4}, {"user_1": 5, "user_2": 2}]
    assert dict(
        query(incremental, "select account_id, cast(sum(event_count) as integer) from fct_daily_activity group by 1")
    ) == {"acc_a": 5, "acc_b": 2}


def test_fivetran_amplitude_arriving_over_three_incremental_runs_equals_a_rebuild(tmp_path):
    # Fivetran's Amplitude table as it stood at three moments, by its load time (_fivetran_synced, all
    # on 2022-07-28 between 15:40:07 and 15:40:13, for events of April and December 2021: every row is
    # months late). Run 1, as of the hour 16:00, sees the five rows synced before 15:40:08: dev@'s
    # event and john_doe@'s four. Run 2, as of 17:00, the rows synced before 15:40:12.0935: the
    # redelivery of john_doe@'s event of 2021-12-10 (synced 15:40:09.112; same Fivetran id, device,
    # client time and user: a duplicate of a row the run before loaded), a@'s event and jayz@'s, who
    # is not a user yet. Run 3, as of the next day, everything: jayz@ has signed up, and the events of
    # beyonce@, b@ and rihanna@, who never do.
    runs = [
        ("2022-07-28 16:00", "2022-07-28T15:40:08"),
        ("2022-07-28 17:00", "2022-07-28T15:40:12.0935"),
        ("2022-07-29", None),
    ]
    accounts = [("acc_1", "Gmail Fans", "fans.example", 50, "software", "US", "2021-01-01")]
    users = [(u, "acc_1", u, None, "2021-01-01") for u in ("dev@gmail.com", "a@gmail.com", "john_doe@gmail.com")]
    jayz = ("jayz@gmail.com", "acc_1", "jayz@gmail.com", None, "2022-07-28 17:30")
    _, models, rejected, events, failures = _incremental_chain(
        tmp_path,
        "amplitude",
        {"event": "_fivetran_synced"},
        runs,
        accounts,
        lambda i: users + ([jayz] if i == 2 else []),
    )
    assert failures == {}
    assert {"int_events_validated", "int_rows_rejected", "int_activity_attributed"} <= set(models)
    # by hand: run 2 rejects the redelivery and jayz@'s event (no such user yet); run 3 keeps jayz@'s
    # event and rejects the three events of users who never sign up
    assert rejected[0] == {"duplicate_event_id": 1, "unknown_user": 1}
    assert rejected[1] == {"duplicate_event_id": 1, "unknown_user": 3}
    assert events == [
        {"dev@gmail.com": 1, "john_doe@gmail.com": 4},
        {"dev@gmail.com": 1, "john_doe@gmail.com": 4, "a@gmail.com": 1},
        {"dev@gmail.com": 1, "john_doe@gmail.com": 4, "a@gmail.com": 1, "jayz@gmail.com": 1},
    ]


def test_fivetran_mixpanel_arriving_over_three_incremental_runs_equals_a_rebuild(tmp_path):
    # Fivetran's Mixpanel table as it stood at three moments, by its load time (_fivetran_synced).
    # Run 1, as of the hour 2020-08-07 09:00, sees the rows synced before it: playthrough_25 of distinct
    # id ...e3 (no user: kept, unattributed) and the viewer's plays of 2020-08-01. Run 2, as of the
    # next day, adds the plays synced at 09:10:02: the same insert id, distinct id, name and day as the
    # plays the run before loaded, six days before the run (beyond the 3-day lookback): a duplicate.
    # Run 3, as of 2025-03-31, everything: the three rows synced on 2024-01-31 (playthrough_25 of ...e3
    # again on another day, and two rows of ...e7 that share an insert id but not the name), and ...e3
    # has become an app user, which reaches back to its event of 2020 loaded by run 1.
    runs = [("2020-08-07 09:00", "2020-08-07T09:00:00"), ("2020-08-08", "2020-08-08T00:00:00"), ("2025-03-31", None)]
    accounts = [("acc_1", "Roku Viewers", "viewers.example", 40, "media", "US", "2020-01-01")]
    viewer = ("9e308c27-42ab-57af-beef-555708cde092", "acc_1", "viewer@viewers.example", None, "2020-01-01")
    player = ("622b169c-2187-5121-85e6-e5960b2512e3", "acc_1", "player@viewers.example", None, "2024-01-01")
    _, models, rejected, events, failures = _incremental_chain(
        tmp_path,
        "mixpanel",
        {"events": "_fivetran_synced"},
        runs,
        accounts,
        lambda i: [viewer] + ([player] if i == 2 else []),
    )
    assert failures == {}
    assert {"int_events_validated", "int_activity_attributed"} <= set(models)
    # by hand: the one duplicate from run 2 on; nothing else is rejected (...e7 is anonymous, kept)
    assert rejected[0] == {"duplicate_event_id": 1}
    assert rejected[1] == {"duplicate_event_id": 1}
    # the viewer's one play throughout; the player's events of 2020 and 2024 once they are a user
    assert events == [
        {viewer[0]: 1},
        {viewer[0]: 1},
        {viewer[0]: 1, player[0]: 2},
    ]
