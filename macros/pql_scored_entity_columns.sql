{#- The columns of a scoring entity (int_scoring_entities, int_backtest_entities) that its score is made
    from and carries: pql_entities_scored reads them, and pql_scores_hook compares them with the rows
    of int_entities_scored to find the entities whose score must be made again. One list, so that a
    column the scoring starts to read is compared too. -#}
{% macro pql_scored_entity_columns() %}
    {{- return([
        'entity_key', 'entity_type', 'entity_id', 'scoring_mode', 'reference_date', 'signed_up_at',
        'last_active_at',
    ]) -}}
{% endmacro %}
