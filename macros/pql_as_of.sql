{#-
    The point in time a run scores, from the var `pql__as_of` (YYYY-MM-DD; null = the day the run
    started, UTC). Everything that scores sees only what existed before the end of that day.

    pql_as_of_date()       -> a SQL date literal for the as-of day
    pql_as_of_cutoff()     -> a SQL timestamp literal: midnight UTC after the as-of day (exclusive bound)
    pql_as_of_string()     -> the as-of day as 'YYYY-MM-DD' text (for Jinja)
-#}
{% macro pql_as_of_string() %}
    {%- set raw = var('pql__as_of', none) -%}
    {%- if raw is none or (raw | string | trim) in ('', 'None', 'null', 'today') -%}
        {{- return(run_started_at.strftime('%Y-%m-%d')) -}}
    {%- endif -%}
    {{- return(pql_checked_date(raw | string | trim, 'pql__as_of', ' (or null for today)')) -}}
{% endmacro %}

{% macro pql_as_of_date() %}
    {{- return("cast('" ~ pql_as_of_string() ~ "' as date)") -}}
{% endmacro %}

{% macro pql_as_of_cutoff() %}
    {%- set day = modules.datetime.datetime.strptime(pql_as_of_string(), '%Y-%m-%d') -%}
    {%- set next_day = day + modules.datetime.timedelta(days=1) -%}
    {{- return("cast('" ~ next_day.strftime('%Y-%m-%d') ~ " 00:00:00' as " ~ dbt.type_timestamp() ~ ")") -}}
{% endmacro %}
