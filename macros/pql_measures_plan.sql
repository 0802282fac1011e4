{#- What an int_signals_measured run measures again, decided from the warehouse before it writes
    anything (the model's SQL and its pre-hooks ask and get the same answer). A dict:
      incremental      false: every entity is measured (a full build; no state kept; a signal in
                       force changed; the as-of day earlier than the last run's; a later day whose
                       sliding windows hold the activity of more than pql__carry_forward_max_share
                       of the entities); true:
                       only the entities pql_measures_changes lists, the others' rows are carried
                       forward
      calendar         the reference day moved on since the last run (what the calendar moves is
                       measured again or carried: the registry's moves_with_calendar)
      carried          {signal_id: rule type} of the signals whose measure moves with every day,
                       updated in place from the row's signal_date (registry: carried_measure)
      max_window_days  the longest window of the signals whose measure moves with the window -#}
{% macro pql_measures_plan() %}
    {%- set max_share = pql_var_number('pql__carry_forward_max_share') | float -%}
    {%- set plan = {'incremental': false, 'calendar': false, 'carried': {}, 'max_window_days': 0} -%}
    {%- if not execute or not is_incremental() -%}
        {{- return(plan) -}}
    {%- endif -%}
    {%- set state = pql_measures_state(existing_only=true) -%}
    {%- if state is none -%}
        {{- return(plan) -}}
    {%- endif -%}
    {%- set signals = ref('int_signals_in_force') -%}
    {%- set checks -%}
        select
            {{ pql_signals_changed(state) }} as signals_changed,
            case
                when previous.reference_date is null then -1
                when previous.reference_date = cast({{ pql_as_of_date() }} as date) then 0
                when previous.reference_date < cast({{ pql_as_of_date() }} as date) then 1
                else -1
            end as calendar_step
        from (
            select max(reference_date) as reference_date from {{ state }} where state_kind = 'run'
        ) as previous
    {%- endset -%}
    {%- set row = run_query(checks).rows[0] -%}
    {%- if row[0] | int != 0 or row[1] | int < 0 -%}
        {{- return(plan) -}}
    {%- endif -%}
    {%- do plan.update({'incremental': true, 'calendar': row[1] | int == 1}) -%}
    {%- set rule_types = pql_rule_types() -%}
    {%- set listed -%}
        select signal_id, rule_type, window_days
        from {{ signals }}
        where is_enabled and scoring_mode = '{{ pql_scoring_mode() }}'
    {%- endset -%}
    {%- for signal in run_query(listed).rows -%}
        {%- set moves = rule_types.get(signal[1], {}).get('moves_with_calendar', 'always') -%}
        {%- if moves == 'always' and rule_types.get(signal[1], {}).get('carried_measure') is none -%}
            {#- a measure that moves every day and cannot be carried: measured again on a new day -#}
            {%- do plan.update({'incremental': not plan.calendar}) -%}
        {%- elif moves == 'always' -%}
            {%- do plan.carried.update({signal[0]: signal[1]}) -%}
        {%- elif moves == 'window' and signal[2] is not none -%}
            {%- do plan.update({'max_window_days': [plan.max_window_days, signal[2] | int] | max}) -%}
        {%- endif -%}
    {%- endfor -%}
    {#- a later day whose sliding windows hold more than var pql__carry_forward_max_share of the
        entities' activity: measuring them all costs less than finding them, deleting their rows and
        inserting them again -#}
    {%- if plan.incremental and plan.calendar and plan.max_window_days > 0 -%}
        {%- set share -%}
            select
                sum(case when state_kind = 'holder' and last_activity_date > {{ dbt.dateadd(
                    'day', -2 * plan.max_window_days, 'previous.reference_date'
                ) }} then 1 else 0 end) as in_windows,
                sum(case when state_kind = 'entity' then 1 else 0 end) as entities
            from {{ state }}
            cross join (
                select max(reference_date) as reference_date from {{ state }} where state_kind = 'run'
            ) as previous
        {%- endset -%}
        {%- set counts = run_query(share).rows[0] -%}
        {%- if (counts[0] or 0) | int > max_share * ((counts[1] or 0) | int) -%}
            {%- do plan.update({'incremental': false}) -%}
        {%- endif -%}
    {%- endif -%}
    {{- return(plan) -}}
{% endmacro %}
