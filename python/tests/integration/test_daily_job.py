"""The daily job (selector pql_daily) against a plain `dbt build`: same scores, no recalibration."""

from __future__ import annotations

import shutil

import pytest

from pql_scoring.bench import RECALIBRATION_TAG

from .conftest import query
from .test_pipeline import _diff

pytestmark = pytest.mark.integration

NEXT_DAY = "2026-06-30"
RECALIBRATION_MODELS = {
    "int_cohort_accounts",
    "int_cohort_features",
    "int_cohort_feature_histogram",
    "int_cohort_flag_patterns",
    "int_signal_deltas_measured",
    "int_signal_thresholds_derived",
    "int_signal_points_derived",
    "int_bands_calibrated",
    "pql_signal_deltas",
    "pql_signal_thresholds",
    "pql_signal_points",
    "int_backtest_entities",
    "int_backtest_signals_measured",
    "int_backtest_signals_evaluated",
    "int_backtest_entities_scored",
    "int_backtest_scores",
    "int_backtest_accounts_ranked",
    "pql_band_backtest",
    "pql_backtest_baselines",
    "pql_backtest_deciles",
}


def _models(dbt, db, *selection: str) -> set[str]:
    out = dbt.run("ls", "--resource-type", "model", "--output", "name", *selection, db=db).output
    return {line.strip() for line in out.splitlines() if line.strip() and " " not in line.strip()}


def test_the_daily_selector_is_everything_but_the_recalibration(built_world):
    everything = _models(built_world.dbt, built_world.db)
    daily = _models(built_world.dbt, built_world.db, "--selector", "pql_daily")
    recalibration = _models(built_world.dbt, built_world.db, "--selector", "pql_recalibration")
    assert RECALIBRATION_MODELS <= everything
    assert daily == everything - RECALIBRATION_MODELS
    # what the benchmark runs as the daily job (it cannot pass --selector with --exclude)
    assert daily == _models(built_world.dbt, built_world.db, "--exclude", f"tag:{RECALIBRATION_TAG}")
    # the recalibration job brings what the back-test needs (the signals in force), but neither live
    # scoring nor the marts: the back-test has its own entities
    assert RECALIBRATION_MODELS | {"int_signals_in_force", "int_activity_attributed"} <= recalibration
    assert not {"int_scoring_entities", "int_signals_measured", "pql_accounts"} & recalibration


def test_the_daily_job_scores_like_a_full_build_and_keeps_the_last_recalibration(built_world, tmp_path):
    daily = tmp_path / "daily.duckdb"
    shutil.copy(built_world.db, daily)
    next_day = {"pql__raw_path": str(built_world.raw), "pql__as_of": NEXT_DAY}
    built_world.dbt.run("build", "--selector", "pql_daily", db=daily, vars=next_day)  # with its tests
    full = tmp_path / "full.duckdb"
    built_world.dbt.run("build", "--exclude", "resource_type:test", db=full, vars=next_day)

    assert _diff(daily, full, "pql_accounts", "account_id, pql_score, pql_band, routing_label") == 0
    assert _diff(daily, full, "pql_users", "user_id, pql_score, pql_band") == 0
    # live scoring's rows do not depend on the selection: the same in the daily job and a full build
    assert _diff(daily, full, "int_scoring_entities") == 0
    # the recalibration models are as the first build left them (a day later the cohort has moved)
    kept = (
        "int_cohort_accounts",
        "pql_signal_thresholds",
        "pql_signal_points",
        "int_backtest_entities_scored",
        "int_backtest_scores",
        "pql_band_backtest",
    )
    for model in kept:
        assert sorted(map(repr, query(daily, f"select * from {model}"))) == sorted(
            map(repr, query(built_world.db, f"select * from {model}"))
        ), model
    for model in ("int_cohort_accounts", "int_backtest_scores", "pql_band_backtest"):  # not empty here
        assert query(daily, f"select count(*) from {model}")[0][0] > 0, model
    assert _diff(full, built_world.db, "int_cohort_accounts") > 0
