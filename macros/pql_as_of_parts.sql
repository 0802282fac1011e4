{#- [day as 'YYYY-MM-DD', hour or none] of var pql__as_of (checked). `hour` is the hour the run
    started in (UTC), so an hourly schedule passes the same vars every run: dbt re-parses the whole
    project when --vars change, and keeps its parse when they do not (DECISIONLOG, "An hourly
    schedule passes pql__as_of: hour"). -#}
{% macro pql_as_of_parts() %}
    {%- set raw = var('pql__as_of', none) -%}
    {%- set text = raw | string | trim -%}
    {%- if raw is none or text in ('', 'None', 'null', 'today') -%}
        {{- return([run_started_at.strftime('%Y-%m-%d'), none]) -}}
    {%- endif -%}
    {%- if text == 'hour' -%}
        {{- return([run_started_at.strftime('%Y-%m-%d'), run_started_at.hour]) -}}
    {%- endif -%}
    {%- set hint = ' (or an hour as YYYY-MM-DD HH:00, hour for the hour the run starts in, or null for today)' -%}
    {%- set hourly = modules.re.match('^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(:00)?Z?$', text) -%}
    {%- if hourly is none -%}
        {{- return([pql_checked_date(text, 'pql__as_of', hint), none]) -}}
    {%- endif -%}
    {%- set hour = hourly.group(2) | int -%}
    {%- if hour > 23 or hourly.group(3) != '00' -%}
        {{- exceptions.raise_compiler_error("pql: var pql__as_of is not a whole hour (HH:00, HH from 00 to 23): '" ~ text ~ "'") -}}
    {%- endif -%}
    {{- return([pql_checked_date(hourly.group(1), 'pql__as_of', hint), hour]) -}}
{% endmacro %}
