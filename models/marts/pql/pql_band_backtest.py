"""Back-test of the bands in force: conversion by band on the held-out (newest) cohort, per scoring mode, and whether
the bands' order is established (intervals apart), seen only in the point estimates, or not there."""

from pql_scoring.cohort import band_backtest
from pql_scoring.frames import from_pandas, to_pandas


def model(dbt, session):
    dbt.config(materialized="table")
    scores = to_pandas(dbt.ref("int_backtest_scores"))
    bands = to_pandas(dbt.ref("int_bands_in_force"))
    return from_pandas(band_backtest(scores, bands), session)
