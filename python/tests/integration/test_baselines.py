"""The benchmark's two baselines compute the same pql_accounts scores as the dbt build."""

from __future__ import annotations

import datetime as dt

import pytest

from pql_scoring.baselines import floor_scores, pandas_scores

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
