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
    {%- set text = raw | string | trim -%}
    {%- if not modules.re.match('^\d{4}-\d{2}-\d{2}$', text) -%}
        {{- exceptions.raise_compiler_error("pql: var pql__as_of must be a date as YYYY-MM-DD (or null for today); got '" ~ text ~ "'") -}}
    {%- endif -%}
    {%- set parts = text.split('-') | map('int') | list -%}
    {%- set year, month, day = parts[0], parts[1], parts[2] -%}
    {%- set days_in_month = 31 -%}
    {%- if 1 <= month <= 12 and year >= 1 -%}
        {%- set next_month = modules.datetime.date(year + (month // 12), month % 12 + 1, 1) -%}
        {%- set days_in_month = (next_month - modules.datetime.timedelta(days=1)).day -%}
    {%- endif -%}
    {%- if year < 1 or month < 1 or month > 12 or day < 1 or day > days_in_month -%}
        {{- exceptions.raise_compiler_error("pql: var pql__as_of is not a calendar date: '" ~ text ~ "'") -}}
    {%- endif -%}
    {{- return(text) -}}
{% endmacro %}

{% macro pql_as_of_date() %}
    {{- return("cast('" ~ pql_as_of_string() ~ "' as date)") -}}
{% endmacro %}

{% macro pql_as_of_cutoff() %}
    {%- set day = modules.datetime.datetime.strptime(pql_as_of_string(), '%Y-%m-%d') -%}
    {%- set next_day = day + modules.datetime.timedelta(days=1) -%}
    {{- return("cast('" ~ next_day.strftime('%Y-%m-%d') ~ " 00:00:00' as " ~ dbt.type_timestamp() ~ ")") -}}
{% endmacro %}
