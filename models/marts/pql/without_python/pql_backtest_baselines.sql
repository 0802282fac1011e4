{#- Stand-in of the Python model pql_backtest_baselines where the adapter runs none (macro pql_python_stand_in). -#}
{{ pql_python_stand_in() }}
