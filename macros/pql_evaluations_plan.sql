{#- What an int_signals_evaluated run evaluates again, from what int_signals_measured handed over
    (`int_signals_measured__unevaluated`, emptied by this model's post-hook). A dict:
      incremental   false: every entity (a full build; the hand-over table missing or holding
                    'all'; int_signals_measured's state not of the signals in force, so it has not
                    run since they changed); true: the entities handed over, and
      group_signals the signals of the tier groups that hold a measure carried to a later day
                    ('calendar' handed over): evaluated again for every entity, as their group
                    competes anew
      predicate     the SQL condition, over int_signals_measured's columns, of the rows evaluated
                    again (those of the entities handed over, and of group_signals) -#}
{% macro pql_evaluations_plan() %}
    {%- set plan = {'incremental': false, 'group_signals': [], 'predicate': '1 = 1'} -%}
    {%- if not execute or not is_incremental() -%}
        {{- return(plan) -}}
    {%- endif -%}
    {%- set measured = ref('int_signals_measured') -%}
    {%- set handover = pql_state_table(existing_only=true, suffix='unevaluated', model=measured) -%}
    {%- set measured_state = pql_state_table(existing_only=true, model=measured) -%}
    {%- if handover is none or measured_state is none -%}
        {{- return(plan) -}}
    {%- endif -%}
    {%- set signals = ref('int_signals_in_force') -%}
    {%- set checks -%}
        select
            (select count(*) from {{ handover }} where change_kind = 'all') as everything,
            (select count(*) from {{ handover }} where change_kind = 'calendar') as calendar,
            {{ pql_signals_changed(measured_state) }} as signals_changed
    {%- endset -%}
    {%- set row = run_query(checks).rows[0] -%}
    {%- if row[0] | int > 0 or row[2] | int > 0 -%}
        {{- return(plan) -}}
    {%- endif -%}
    {%- if row[1] | int > 0 -%}
        {%- set rule_types = pql_rule_types() -%}
        {%- set listed -%}
            select signal_id, rule_type, tier_group
            from {{ signals }}
            where scoring_mode = '{{ pql_scoring_mode() }}'
        {%- endset -%}
        {%- set rows = run_query(listed).rows -%}
        {%- set groups = [] -%}
        {%- for signal in rows -%}
            {%- if rule_types.get(signal[1], {}).get('moves_with_calendar', 'always') == 'always' -%}
                {%- do groups.append(signal[2]) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- for signal in rows if signal[2] in groups -%}
            {%- do plan.group_signals.append(signal[0]) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set predicate -%}
        entity_key in (select handed.entity_key from {{ handover }} as handed where handed.change_kind = 'entity')
        {%- if plan.group_signals %}
            or signal_id in ('{{ plan.group_signals | join("', '") }}')
        {%- endif -%}
    {%- endset -%}
    {%- do plan.update({'incremental': true, 'predicate': predicate}) -%}
    {{- return(plan) -}}
{% endmacro %}
