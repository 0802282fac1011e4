{#- The hooks of int_signals_measured, one statement each (`step`), in this order:
      pre-hooks   state_next  the state this run finds (pql_measures_state), into `<this>__state_next`
                  changes     (incremental plan) the entities to measure again (pql_measures_changes),
                              into `<this>__changes`
                  carried     (incremental plan, a later day) the measures that move with every day
                              updated in place from each row's signal_date (registry:
                              carried_measure), for the entities not measured again
                  delete      (incremental model) the rows the run replaces: those of the changed
                              entities, or all when the plan is not incremental
      post-hooks  save        `<this>__state_next` becomes `<this>__state`
                  drop_next, drop_changes   the run's hand-over tables are dropped
    An empty string where a step has nothing to do. -#}
{% macro pql_measures_hook(step) %}
    {%- set next_state = pql_state_table(suffix='state_next') -%}
    {%- set changes = pql_state_table(suffix='changes') -%}
    {%- if step == 'state_next' -%}
        {{- return(pql_replace_table(next_state, pql_measures_state(sql=true))) -}}
    {%- elif step == 'save' -%}
        {{- return(pql_replace_table(pql_measures_state(), 'select * from ' ~ next_state)) -}}
    {%- elif step == 'drop_next' -%}
        {{- return('drop table if exists ' ~ next_state) -}}
    {%- elif step == 'drop_changes' -%}
        {{- return('drop table if exists ' ~ changes) -}}
    {%- endif -%}
    {%- if not is_incremental() -%}
        {{- return('') -}}
    {%- endif -%}
    {%- set plan = pql_measures_plan() -%}
    {%- if step == 'changes' and plan.incremental -%}
        {{- return(pql_replace_table(changes, pql_measures_changes(plan))) -}}
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
        {{- return(pql_delete_rows(
            this,
            'entity_key in (select entity_key from ' ~ changes ~ ')' if plan.incremental else '1 = 1',
            'entity_signal_key'
        )) -}}
    {%- endif -%}
{% endmacro %}
