"""Band boundaries for derived scores, calibrated on the train cohort's back-test scores (pql_scoring.cohort.calibrate_bands):
every band populated, conversion rising from not_pql to high; the seed's bands, with the reason, where no cut does it."""

from pql_scoring.cohort import AnalysisParams, calibrate_bands
from pql_scoring.frames import from_pandas, to_pandas


def model(dbt, session):
    dbt.config(materialized="table")
    scores = to_pandas(dbt.ref("int_backtest_scores"))
    configured = to_pandas(dbt.ref("int_bands_configured"))
    train = scores[(scores["scoring_mode"] == "derived") & (scores["cohort_split"] == "train")]
    params = AnalysisParams.from_meta(dbt.config.meta_get("analysis_params"))
    return from_pandas(calibrate_bands(train, configured, params), session)
