{#- The exclusive upper bound of what a run may see, as a SQL timestamp literal (UTC): the as-of
    hour when var pql__as_of names one, else midnight after the as-of day. -#}
{% macro pql_as_of_cutoff() %}
    {%- set day = modules.datetime.datetime.strptime(pql_as_of_string(), '%Y-%m-%d') -%}
    {%- set hour = pql_as_of_hour() -%}
    {%- if hour is none -%}
        {%- set cutoff = day + modules.datetime.timedelta(days=1) -%}
    {%- else -%}
        {%- set cutoff = day + modules.datetime.timedelta(hours=hour) -%}
    {%- endif -%}
    {{- return("cast('" ~ cutoff.strftime('%Y-%m-%d %H:%M:%S') ~ "' as " ~ dbt.type_timestamp() ~ ")") -}}
{% endmacro %}
