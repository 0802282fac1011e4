"""Cohort deltas: per candidate feature, completion among converters vs non-converters (train cohort)."""

from pql_scoring.cohort import AnalysisParams, signal_deltas


def model(dbt, session):
    dbt.config(materialized="table")
    params = AnalysisParams.from_meta(dbt.config.meta_get("analysis_params"))
    histogram = dbt.ref("int_cohort_feature_histogram").df()
    train = histogram[histogram["cohort_split"] == "train"]
    out = signal_deltas(train, params)
    out.insert(0, "analysis_run_id", params.run_id(train))
    return out
