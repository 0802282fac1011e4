{#- The hooks that carry scores forward, one statement each (`step`; an empty string where a step has
    nothing to do):
      int_signals_evaluated, pre-hooks
        handover_create  `int_signals_evaluated__unscored` (what int_entities_scored must score
                         again) unless it is there; `model`: int_signals_evaluated's relation, for
                         int_entities_scored's post-hook, which creates it too for a run that
                         selects it alone
        handover         appends what this run evaluates again: the entities int_signals_measured
                         handed over ('entity') and 'calendar' when its tier groups are evaluated
                         again for every entity (pql_evaluations_plan), or 'all'
      int_entities_scored, pre-hooks (pql_scores_plan)
        changes          (plan 'changed') the entities to score again, into `<this>__changes`:
                         those handed over, those whose row of int_scoring_entities differs from
                         the one they were scored with, and those no longer there
        delete           the rows the run replaces: those of the changes, or all (plan 'all')
      int_entities_scored, post-hooks
        save             the state (pql_scores_state) for the next run
        handover_clear   empties the hand-over
        drop_changes     drops `<this>__changes` -#}
{% macro pql_scores_hook(step, model=none) %}
    {%- set changes = pql_state_table(suffix='changes') -%}
    {%- if step == 'handover_create' -%}
        {{- return(pql_handover_create(pql_state_table(suffix='unscored', model=model))) -}}
    {%- elif step == 'handover' -%}
        {%- set handover = pql_state_table(suffix='unscored') -%}
        {%- set plan = pql_evaluations_plan() -%}
        {%- if plan.incremental -%}
            {%- set measured_handover = pql_state_table(suffix='unevaluated', model=ref('int_signals_measured')) -%}
            {{- return(
                'insert into ' ~ handover ~ ' (entity_key, change_kind) select entity_key, change_kind from '
                ~ measured_handover ~ " where change_kind in ('entity', 'calendar')"
            ) -}}
        {%- endif -%}
        {{- return(
            'insert into ' ~ handover ~ ' (entity_key, change_kind) select cast(null as ' ~ pql_type_string()
            ~ ") as entity_key, 'all' as change_kind"
        ) -}}
    {%- elif step == 'save' -%}
        {{- return(pql_replace_table(pql_scores_state(), pql_scores_state(sql=true))) -}}
    {%- elif step == 'handover_clear' -%}
        {{- return('delete from ' ~ pql_state_table(suffix='unscored', model=ref('int_signals_evaluated'))) -}}
    {%- elif step == 'drop_changes' -%}
        {{- return('drop table if exists ' ~ changes) -}}
    {%- endif -%}
    {%- set plan = pql_scores_plan() -%}
    {%- if step == 'changes' and plan == 'changed' -%}
        {%- set handover = pql_state_table(suffix='unscored', model=ref('int_signals_evaluated')) -%}
        {%- set entities = ref('int_scoring_entities') -%}
        {%- set columns = pql_scored_entity_columns() | join(', ') -%}
        {%- set sql -%}
            select handed.entity_key from {{ handover }} as handed where handed.change_kind = 'entity'
            union
            select moved.entity_key from (
                select {{ columns }} from {{ entities }}
                except
                select {{ columns }} from {{ this }}
            ) as moved
            union
            select gone.entity_key from (
                select entity_key from {{ this }}
                except
                select entity_key from {{ entities }}
            ) as gone
        {%- endset -%}
        {{- return(pql_replace_table(changes, sql)) -}}
    {%- elif step == 'delete' and plan == 'changed' -%}
        {{- return(pql_delete_rows(this, 'entity_key in (select entity_key from ' ~ changes ~ ')', 'entity_key')) -}}
    {%- elif step == 'delete' and plan == 'all' -%}
        {{- return(pql_delete_rows(this, '1 = 1', 'entity_key')) -}}
    {%- endif -%}
    {{- return('') -}}
{% endmacro %}
