{#- Live scoring: each account and user x signal in force, the signal's measure as of the as-of day
    (macro pql_signals_measured; what each rule type measures: macro pql_rule_types).
    Incremental: a run measures again only the entities whose inputs changed since the last run
    (macro pql_measures_changes: their activity, their attributes, or a window the calendar
    slid), carries the others' rows forward, and updates in place the measures that move with
    every day; what it read is kept in `<this>__state` for the next run (pql_measures_state). A
    changed signal, a missing state or an earlier as-of day measures everything again. -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=[
            "{{ pql_measures_hook('state_next') }}",
            "{{ pql_measures_hook('changes') }}",
            "{{ pql_measures_hook('handover_create') }}",
            "{{ pql_measures_hook('handover') }}",
            "{{ pql_measures_hook('carried') }}",
            "{{ pql_measures_hook('delete') }}",
        ],
        post_hook=[
            "{{ pql_measures_hook('save') }}",
            "{{ pql_measures_hook('drop_next') }}",
            "{{ pql_measures_hook('drop_changes') }}",
        ]
    )
}}
{%- set plan = pql_measures_plan() %}
{{ pql_signals_measured(
    ref('int_scoring_entities'),
    backtest=false,
    changes=pql_state_table(suffix='changes') if plan.incremental else none
) }}
