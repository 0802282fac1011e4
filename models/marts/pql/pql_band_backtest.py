"""Back-test of the bands: conversion by band on the held-out (newest) cohort, per scoring mode."""

from pql_scoring.cohort import band_backtest
from pql_scoring.frames import to_pandas


def model(dbt, session):
    dbt.config(materialized="table")
    scores = to_pandas(dbt.ref("int_backtest_scores"))
    return band_backtest(scores)
