"""Back-test of the bands: conversion by band on the held-out (newest) cohort, per scoring mode."""

from pql_scoring.cohort import band_backtest
from pql_scoring.frames import from_pandas, to_pandas


def model(dbt, session):
    dbt.config(materialized="table")
    scores = to_pandas(dbt.ref("int_backtest_scores"))
    return from_pandas(band_backtest(scores), session)
