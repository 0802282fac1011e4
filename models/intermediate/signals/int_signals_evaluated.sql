{#- Live scoring: each account and user x signal, fired and counted (macro pql_signals_evaluated).
    Incremental: a run evaluates again only what int_signals_measured handed over (macro
    pql_evaluations_plan): the entities it measured again, and every entity's tier groups that hold
    a measure carried to a later day; the hand-over is emptied after the run. What it evaluates
    again it hands over in turn to int_entities_scored (pql_scores_hook). -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=[
            "{{ pql_scores_hook('handover_create') }}",
            "{{ pql_scores_hook('handover') }}",
            "{% if is_incremental() %}{{ pql_delete_rows(this, pql_evaluations_plan().predicate, 'entity_signal_key') }}{% endif %}",
        ],
        post_hook=[
            "{{ pql_measures_hook('handover_create', model=ref('int_signals_measured')) }}",
            "delete from {{ pql_state_table(suffix='unevaluated', model=ref('int_signals_measured')) }}",
        ]
    )
}}
{%- set plan = pql_evaluations_plan() %}
{%- set measures = ref('int_signals_measured') %}
{%- if plan.incremental %}
    {%- set measures = '(select * from ' ~ measures ~ ' where ' ~ plan.predicate ~ ')' %}
{%- endif %}
{{ pql_signals_evaluated(measures) }}
