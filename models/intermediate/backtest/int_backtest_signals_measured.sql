{#- The back-test: each cohort account x signal in force, the signal's measure as of the end of the
    account's observation window (macro pql_signals_measured). -#}
{{ pql_signals_measured(ref('int_backtest_entities'), backtest=true) }}
