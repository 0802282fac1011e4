{#-
    A UTC timestamp as text in a format CRMs accept: iso_datetime (2026-06-30T08:05:00.000Z) or
    iso_date (2026-06-30, for HubSpot date properties, which take midnight UTC).
-#}
{% macro pql_format_timestamp(expression, format) %}
    {{ return(adapter.dispatch('pql_format_timestamp', 'pql')(expression, format)) }}
{% endmacro %}

{% macro default__pql_format_timestamp(expression, format) %}
    {%- if format == 'iso_date' -%}
        to_char({{ expression }}, 'YYYY-MM-DD')
    {%- else -%}
        to_char({{ expression }}, 'YYYY-MM-DD"T"HH24:MI:SS".000Z"')
    {%- endif -%}
{% endmacro %}

{% macro duckdb__pql_format_timestamp(expression, format) %}
    {%- if format == 'iso_date' -%}
        strftime({{ expression }}, '%Y-%m-%d')
    {%- else -%}
        strftime({{ expression }}, '%Y-%m-%dT%H:%M:%S.000Z')
    {%- endif -%}
{% endmacro %}

{% macro bigquery__pql_format_timestamp(expression, format) %}
    {%- if format == 'iso_date' -%}
        format_timestamp('%Y-%m-%d', {{ expression }})
    {%- else -%}
        format_timestamp('%Y-%m-%dT%H:%M:%E3SZ', {{ expression }})
    {%- endif -%}
{% endmacro %}

{% macro spark__pql_format_timestamp(expression, format) %}
    {%- if format == 'iso_date' -%}
        date_format({{ expression }}, 'yyyy-MM-dd')
    {%- else -%}
        date_format({{ expression }}, "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
    {%- endif -%}
{% endmacro %}
