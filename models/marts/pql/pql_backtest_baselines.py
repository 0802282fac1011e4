"""The score against naive baselines on the held-out cohort: AUC and top-decile lift, with intervals."""

from pql_scoring.cohort import AnalysisParams, ranking_against_baselines
from pql_scoring.frames import from_pandas, to_pandas


def model(dbt, session):
    dbt.config(materialized="table")
    params = AnalysisParams.from_meta(dbt.config.meta_get("analysis_params"))
    accounts = to_pandas(dbt.ref("int_backtest_accounts_ranked"))
    return from_pandas(ranking_against_baselines(accounts, params), session)
