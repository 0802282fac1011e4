{#- Live scoring's entities: every account and user as of the as-of day, in the run's scoring mode
    (macro pql_scoring_entities). -#}
{{ pql_scoring_entities(backtest=false) }}
