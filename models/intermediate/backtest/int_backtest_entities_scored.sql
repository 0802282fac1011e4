{#- The back-test: the score of every cohort account, in each scoring mode, as of the end of its
    observation window (macro pql_entities_scored). No band: the derived bands are calibrated on these
    scores (int_bands_calibrated), and pql_band_backtest bands them with the bands in force. -#}
{{ pql_entities_scored(ref('int_backtest_entities'), ref('int_backtest_signals_evaluated')) }}
