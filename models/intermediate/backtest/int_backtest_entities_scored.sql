{#- The back-test: the score and band of every cohort account, in each scoring mode, as of the end of
    its observation window (macro pql_entities_scored). -#}
{{ pql_entities_scored(ref('int_backtest_entities'), ref('int_backtest_signals_evaluated')) }}
