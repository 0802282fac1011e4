{#- The hooks of int_signals_measured, one statement each (`step`), in this order:
      pre-hooks   state_next  the state this run finds (pql_measures_state), into `<this>__state_next`
                  changes     (incremental plan) the entities to measure again (pql_measures_changes),
                              into `<this>__changes`
                  handover_create, handover   what int_signals_evaluated must evaluate again,
                              appended to `<this>__unevaluated` (which it empties): the entities
                              measured again ('entity'), 'calendar' when measures were carried to a
                              later day, 'all' when everything was measured
                  carried     (incremental plan, a later day) the measures that move with every day
                              updated in place from each row's signal_date (registry:
                              carried_measure), for the entities not measured again
                  delete      (incremental model) the rows the run replaces: those of the changed
                              entities, or all when the plan is not incremental
      post-hooks  save        `<this>__state_next` becomes `<this>__state` (pql_table_moved: a
                              rename, a copy on Spark)
                  drop_next, drop_changes   the run's hand-over tables are dropped (after a
                              rename `__state_next` is gone already)
    An empty string where a step has nothing to do. `model`: the hand-over table of another model's
    relation (int_signals_evaluated creates it too, for a run that selects it alone). -#}
{% macro pql_measures_hook(step, model=none) %}
    {%- set handover = pql_state_table(suffix='unevaluated', model=model) -%}
    {%- if step == 'handover_create' -%}
        {{- return(pql_handover_create(handover)) -}}
    {%- endif -%}
    {%- set next_state = pql_state_table(suffix='state_next') -%}
    {%- set changes = pql_state_table(suffix='changes') -%}
    {%- if step == 'state_next' -%}
        {{- return(pql_replace_table(next_state, pql_measures_state(sql=true))) -}}
    {%- elif step == 'save' -%}
        {{- return(pql_table_moved(next_state, pql_measures_state())) -}}
    {%- elif step == 'drop_next' -%}
        {{- return('drop table if exists ' ~ next_state) -}}
    {%- elif step == 'drop_changes' -%}
        {{- return('drop table if exists ' ~ changes) -}}
    {%- endif -%}
    {%- set plan = pql_measures_plan() -%}
    {%- set sql -%}
        {%- if step == 'handover' and not plan.incremental -%}
            insert into {{ handover }} (entity_key, change_kind)
            select cast(null as {{ pql_type_string() }}) as entity_key, 'all' as change_kind
        {%- elif step == 'handover' -%}
            insert into {{ handover }} (entity_key, change_kind)
            select entity_key, 'entity' as change_kind from {{ changes }}
            {%- if plan.calendar and plan.carried %}
                union all
                select cast(null as {{ pql_type_string() }}) as entity_key, 'calendar' as change_kind
            {%- endif %}
        {%- elif not is_incremental() -%}
            {#- a full build: nothing to replace -#}
        {%- elif step == 'changes' and plan.incremental -%}
            {{ pql_replace_table(changes, pql_measures_changes(plan)) }}
        {%- elif step == 'carried' and plan.incremental and plan.calendar and plan.carried -%}
            {%- set rule_types = pql_rule_types() -%}
            {%- set reference_date = 'cast(' ~ pql_as_of_date() ~ ' as date)' -%}
            update {{ this }}
            set measure_value = cast(
                case signal_id
                    {%- for signal_id, rule_type in plan.carried.items() %}
                        when '{{ signal_id }}' then {{ rule_types[rule_type].carried_measure | replace('{reference_date}', reference_date) }}
                    {%- endfor %}
                end as {{ pql_type_float() }}
            )
            where signal_id in ('{{ plan.carried.keys() | join("', '") }}')
        {%- elif step == 'delete' -%}
            {{ pql_delete_rows(
                this,
                'entity_key in (select entity_key from ' ~ changes ~ ')' if plan.incremental else '1 = 1',
                'entity_signal_key'
            ) }}
        {%- endif -%}
    {%- endset -%}
    {{- return(sql) -}}
{% endmacro %}
