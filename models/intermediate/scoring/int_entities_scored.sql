{#- Live scoring: the score and band of every account and user as of the as-of day (macro
    pql_entities_scored).
    Incremental: a run scores again only the entities int_signals_evaluated evaluated again since
    the last run and those whose scoring entity changed, and carries the other rows forward; a new
    reference day, other settings or bands, or everything evaluated again score every entity
    (pql_scores_plan, pql_scores_hook). -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=[
            "{{ pql_scores_hook('changes') }}",
            "{{ pql_scores_hook('delete') }}",
        ],
        post_hook=[
            "{{ pql_scores_hook('save') }}",
            "{{ pql_scores_hook('handover_create', model=ref('int_signals_evaluated')) }}",
            "{{ pql_scores_hook('handover_clear') }}",
            "{{ pql_scores_hook('drop_changes') }}",
        ]
    )
}}
{%- set entities = ref('int_scoring_entities') %}
{%- set evaluated = ref('int_signals_evaluated') %}
{%- if pql_scores_plan() == 'changed' %}
    {%- set changed = 'entity_key in (select entity_key from ' ~ pql_state_table(suffix='changes') ~ ')' %}
    {%- set entities = '(select * from ' ~ entities ~ ' where ' ~ changed ~ ') as changed_entities' %}
    {%- set evaluated = '(select * from ' ~ evaluated ~ ' where ' ~ changed ~ ') as changed_evaluated' %}
{%- endif %}
{{ pql_entities_scored(entities, evaluated, ref('int_bands_in_force')) }}
