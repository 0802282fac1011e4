"""Back-test of the bands: conversion by band on the held-out (newest) cohort, per scoring mode."""

from pql_scoring.cohort import band_backtest


def model(dbt, session):
    dbt.config(materialized="table")
    scores = dbt.ref("int_backtest_scores").df()
    return band_backtest(scores)
