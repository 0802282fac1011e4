"""Cohort deltas: per candidate feature, completion among converters vs non-converters (train cohort)."""

from pql_scoring.cohort import AnalysisParams, signal_deltas
from pql_scoring.frames import from_pandas, to_pandas


def model(dbt, session):
    dbt.config(materialized="table")
    params = AnalysisParams.from_meta(dbt.config.meta_get("analysis_params"))
    histogram = to_pandas(dbt.ref("int_cohort_feature_histogram"))
    train = histogram[histogram["cohort_split"] == "train"]
    out = signal_deltas(train, params)
    out.insert(0, "analysis_run_id", params.run_id(train))
    return from_pandas(out, session)
