{#- Live scoring's entities: every account and user as of the as-of day, in the run's scoring mode
    (macro pql_scoring_entities). -#}
{{ config(**pql_changed_rows_config('entity_key', run_stamps=['reference_date'])) }}
{{ pql_scoring_entities(backtest=false) }}
