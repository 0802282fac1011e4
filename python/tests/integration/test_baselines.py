"""The benchmark's two baselines compute the same pql_accounts scores as the dbt build."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from pql_scoring.baselines import Knobs, floor_scores, pandas_scores
from pql_scoring.project import REPO

from .conftest import AS_OF, query

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("method", [floor_scores, pandas_scores], ids=["floor", "pandas"])
def test_baseline_scores_equal_the_dbt_build(built_world, method):
    dbt_scores = {
        a: (s, b) for a, s, b in query(built_world.db, "select account_id, pql_score, pql_band from pql_accounts")
    }
    scores = method(built_world.raw, dt.date.fromisoformat(AS_OF))
    got = {r.account_id: (int(r.pql_score), r.pql_band) for r in scores.itertuples()}
    assert len(dbt_scores) > 100
    # the world has accounts in every band, so agreement is not agreement on zeros
    assert len({b for _, b in dbt_scores.values()}) == 4
    assert got == dbt_scores


@pytest.mark.parametrize("method", [floor_scores, pandas_scores], ids=["floor", "pandas"])
def test_baselines_follow_the_vars_of_a_build(built_world, method, tmp_path):
    """Knobs other than the defaults move the baselines as they move the build (a cap of 40, no grace)."""
    knobs = {"pql__score_cap": 40, "pql__decay_grace_days": 0, "pql__decay_points_per_week": 2}
    db = tmp_path / "knobs.duckdb"
    built_world.dbt.run(
        "build",
        "--select",
        "+pql_accounts",
        "--exclude",
        "resource_type:test",
        db=db,
        vars={"pql__raw_path": str(built_world.raw), "pql__as_of": AS_OF, **knobs},
    )
    dbt_scores = {a: (s, b) for a, s, b in query(db, "select account_id, pql_score, pql_band from pql_accounts")}
    scores = method(
        built_world.raw,
        dt.date.fromisoformat(AS_OF),
        knobs=Knobs(grace_days=0, points_per_week=2, score_cap=40),
    )
    got = {r.account_id: (int(r.pql_score), r.pql_band) for r in scores.itertuples()}
    assert max(s for s, _ in dbt_scores.values()) <= 40
    assert got == dbt_scores


def test_the_baselines_knobs_are_the_projects_var_defaults():
    with (REPO / "dbt_project.yml").open() as fh:
        project_vars = yaml.safe_load(fh)["vars"]
    knobs = Knobs()
    assert (knobs.grace_days, knobs.points_per_week, knobs.score_cap) == (
        project_vars["pql__decay_grace_days"],
        project_vars["pql__decay_points_per_week"],
        project_vars["pql__score_cap"],
    )
