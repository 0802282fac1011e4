{#- The back-test: each cohort account x signal, fired and counted (macro pql_signals_evaluated). -#}
{{ pql_signals_evaluated(ref('int_backtest_signals_measured')) }}
