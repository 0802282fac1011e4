{#- One synced value: truncated to max_length, formatted, cast to the contract's type. -#}
{% macro pql_sync_value(expression, data_type, meta) %}
    {%- set value = expression -%}
    {%- if meta.get('format') == 'iso_datetime' -%}
        {%- set value = pql_format_timestamp(value, 'iso_datetime') -%}
    {%- elif meta.get('format') == 'iso_date' -%}
        {%- set value = pql_format_timestamp(value, 'iso_date') -%}
    {%- endif -%}
    {%- if meta.get('max_length') -%}
        {%- set value = 'substr(cast(' ~ value ~ ' as ' ~ dbt.type_string() ~ '), 1, ' ~ meta['max_length'] ~ ')' -%}
    {%- endif -%}
    cast({{ value }} as {{ pql_engine_type(data_type) }})
{%- endmacro %}
