{#- Midnight UTC after the as-of day as a SQL timestamp literal: the exclusive upper bound of what
    a run may see. -#}
{% macro pql_as_of_cutoff() %}
    {%- set day = modules.datetime.datetime.strptime(pql_as_of_string(), '%Y-%m-%d') -%}
    {%- set next_day = day + modules.datetime.timedelta(days=1) -%}
    {{- return("cast('" ~ next_day.strftime('%Y-%m-%d') ~ " 00:00:00' as " ~ dbt.type_timestamp() ~ ")") -}}
{% endmacro %}
