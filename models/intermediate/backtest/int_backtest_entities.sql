{#- The back-test's entities: every cohort account not converted by the end of its observation window,
    as of that day, once per scoring mode (macro pql_scoring_entities). -#}
{{ pql_scoring_entities(backtest=true) }}
