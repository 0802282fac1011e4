{#-
    The as-of day of the run as 'YYYY-MM-DD' text (for Jinja), from the var `pql__as_of` (YYYY-MM-DD;
    null = the day the run started, UTC). Everything that scores sees only what existed before the end
    of that day. Fails naming the var when it is not a calendar date.
-#}
{% macro pql_as_of_string() %}
    {%- set raw = var('pql__as_of', none) -%}
    {%- if raw is none or (raw | string | trim) in ('', 'None', 'null', 'today') -%}
        {{- return(run_started_at.strftime('%Y-%m-%d')) -}}
    {%- endif -%}
    {{- return(pql_checked_date(raw | string | trim, 'pql__as_of', ' (or null for today)')) -}}
{% endmacro %}
