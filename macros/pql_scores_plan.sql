{#- What an incremental run of int_entities_scored does, decided from the warehouse before it writes
    anything (the model's SQL and its pre-hooks ask and get the same answer):
      'changed'  only the entities listed in `<this>__changes` are scored again (pql_scores_hook,
                 step changes): those int_signals_evaluated evaluated again since the last run
                 (its hand-over `int_signals_evaluated__unscored`), those whose row of
                 int_scoring_entities differs from the one they were scored with, and those gone;
                 the others' rows are carried forward;
      'all'      every row is deleted and scored again: the state or the hand-over is missing,
                 int_signals_evaluated evaluated everything or a tier group of every entity
                 (change_kind 'all' or 'calendar'), or the reference day, the settings or the bands
                 differ from the state's (pql_scores_state);
      'full'     not an incremental run (the table is built from nothing), or at parse time. -#}
{% macro pql_scores_plan() %}
    {%- if not execute or not is_incremental() -%}
        {{- return('full') -}}
    {%- endif -%}
    {%- set state = pql_scores_state(existing_only=true) -%}
    {%- set handover = pql_state_table(existing_only=true, suffix='unscored', model=ref('int_signals_evaluated')) -%}
    {%- if state is none or handover is none -%}
        {{- return('all') -}}
    {%- endif -%}
    {%- set checks_sql -%}
        select
            (select count(*) from {{ handover }} where change_kind <> 'entity') as everything,
            (select count(*) from {{ state }}) as state_rows,
            (
                select count(*)
                from {{ state }} as last_run
                inner join ({{ pql_scores_state(sql=true) }}) as this_run
                    on
                        last_run.reference_date = this_run.reference_date
                        and last_run.settings = this_run.settings
                        and last_run.bands_fingerprint = this_run.bands_fingerprint
            ) as same_rows
    {%- endset -%}
    {%- set checks = run_query(checks_sql).rows[0] -%}
    {%- if checks[0] | int != 0 or checks[1] | int != 1 or checks[2] | int != 1 -%}
        {{- return('all') -}}
    {%- endif -%}
    {{- return('changed') -}}
{% endmacro %}
