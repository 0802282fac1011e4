"""Cutoff sweep per count feature, the chosen cutoff (max Youden's J with support) and the selection (train cohort)."""

from pql_scoring.cohort import AnalysisParams, signal_thresholds
from pql_scoring.frames import from_pandas, to_pandas


def model(dbt, session):
    dbt.config(materialized="table")
    params = AnalysisParams.from_meta(dbt.config.meta_get("analysis_params"))
    histogram = to_pandas(dbt.ref("int_cohort_feature_histogram"))
    train = histogram[histogram["cohort_split"] == "train"]
    out = signal_thresholds(train, params)
    out.insert(0, "analysis_run_id", params.run_id(train))
    return from_pandas(out, session)
