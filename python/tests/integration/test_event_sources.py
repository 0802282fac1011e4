"""Real event sources: one world written in every loader's shape scores the same; drift is handled."""

from __future__ import annotations

import datetime as dt

import pyarrow.parquet as pq
import pytest

from pql_scoring.demo import generate
from pql_scoring.shapes import SHAPES, write_shapes

from .conftest import Dbt, query

pytestmark = pytest.mark.integration

AS_OF = "2026-06-29"
SOURCES = ("generic", *SHAPES)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    root = tmp_path_factory.mktemp("shapes")
    generate(accounts=500, seed=3, end_date=dt.date(2026, 6, 30), days=150).write(root / "raw")
    write_shapes(root / "raw")
    return root


def build(world, source, name=None, raw=None):
    db = world / f"{name or source}.duckdb"
    Dbt(world / f"dbt_{name or source}").run(
        "build", "--exclude", "resource_type:unit_test",
        db=db, vars={"pql__raw_path": str(raw or world / "raw"), "pql__event_source": source, "pql__as_of": AS_OF},
    )
    return db


@pytest.fixture(scope="module")
def built(world):
    return {source: build(world, source) for source in SOURCES}


@pytest.mark.parametrize("source", SHAPES)
def test_every_shape_gives_identical_pql_accounts(built, source):
    generic = query(built["generic"], "select * from pql_accounts order by account_id")
    other = query(built[source], "select * from pql_accounts order by account_id")
    assert len(generic) > 100
    assert other == generic


@pytest.mark.parametrize("source", SHAPES)
def test_every_shape_rejects_the_same_dirty_rows(built, source):
    sql = "select rejection_reason, count(*) from fct_rejected_rows where source_table = 'events' group by 1 order by 1"
    assert query(built[source], sql) == query(built["generic"], sql)


def _drop_columns(world, source, table, columns, folder):
    raw = world / folder
    if not raw.exists():
        import shutil

        shutil.copytree(world / "raw", raw)
    path = raw / source / f"{table}.parquet"
    data = pq.read_table(path)
    pq.write_table(data.drop_columns(columns).append_column("extra_loader_column", data.column(0)), path)
    return raw


def test_a_missing_optional_column_and_an_extra_one_do_not_break_staging(world):
    raw = _drop_columns(world, "amplitude", "event", ["session_id", "user_properties", "groups"], "drifted")
    db = build(world, "amplitude", name="drifted", raw=raw)
    assert query(db, "select count(*) from pql_accounts")[0][0] > 100


def test_a_missing_required_column_fails_naming_it(world):
    raw = _drop_columns(world, "segment", "tracks", ["event"], "broken")
    result = Dbt(world / "dbt_broken").run(
        "build", "--select", "stg_segment__tracks", db=world / "broken.duckdb",
        vars={"pql__raw_path": str(raw), "pql__event_source": "segment"}, check=False,
    )
    assert result.returncode != 0
    assert "source segment.tracks is missing required column(s) event" in result.output


def test_segment_identifies_link_anonymous_activity_when_tracks_do_not(world, built):
    """Tracks whose identified rows lost their anonymous id: the identify calls alone must stitch."""
    import shutil

    import pyarrow as pa
    import pyarrow.compute as pc

    raw = world / "identifies_only"
    shutil.copytree(world / "raw", raw)
    path = raw / "segment" / "tracks.parquet"
    tracks = pq.read_table(path)
    identified = pc.is_valid(tracks["user_id"])
    anon = pc.if_else(identified, pa.scalar(None, pa.string()), tracks["anonymous_id"])
    pq.write_table(tracks.set_column(tracks.schema.get_field_index("anonymous_id"), "anonymous_id", anon), path)
    db = build(world, "segment", name="identifies_only", raw=raw)
    assert query(db, "select count(*) from int_anonymous_ids_stitched")[0][0] > 0
    activity = "select * from fct_daily_activity order by daily_activity_id"
    assert query(db, activity) == query(built["generic"], activity)
    assert query(db, "select * from pql_accounts order by account_id") == query(built["generic"], "select * from pql_accounts order by account_id")


def _variant(world, name):
    import shutil

    raw = world / name
    shutil.copytree(world / "raw", raw)
    return raw


def test_segment_group_calls_put_users_in_their_account(world, built):
    import pyarrow as pa

    raw = _variant(world, "groups_only")
    users = pq.read_table(raw / "users.parquet")
    pq.write_table(users.set_column(users.schema.get_field_index("account_id"), "account_id", pa.nulls(len(users), pa.string())), raw / "users.parquet")
    db = build(world, "segment", name="groups_only", raw=raw)
    grouped = pq.read_table(raw / "segment" / "groups.parquet").column("user_id").unique().to_pylist()
    methods = dict(query(db, "select account_match_method, count(*) from dim_users group by 1"))
    assert methods["group"] == len(grouped) > 0
    generic_accounts = dict(query(built["generic"], "select user_id, account_id from dim_users"))
    assert dict(query(db, "select user_id, account_id from dim_users where account_match_method = 'group'")).items() <= generic_accounts.items()


def test_posthog_person_distinct_ids_link_anonymous_activity(world, built):
    import json

    import pyarrow as pa

    raw = _variant(world, "posthog_persons")
    path = raw / "posthog" / "events.parquet"
    events = pq.read_table(path)
    props = [json.dumps({k: v for k, v in json.loads(p).items() if k != "$anon_distinct_id"}) for p in events.column("properties").to_pylist()]
    pq.write_table(events.set_column(events.schema.get_field_index("properties"), "properties", pa.array(props, pa.string())), path)
    db = build(world, "posthog", name="posthog_persons", raw=raw)
    activity = "select * from fct_daily_activity order by daily_activity_id"
    assert query(db, activity) == query(built["generic"], activity)
