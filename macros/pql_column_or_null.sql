{#- The column `name` if `columns` (pql_source_columns) has it, else a null of `data_type`, so a
    loader's optional column may be absent. -#}
{% macro pql_column_or_null(columns, name, data_type) %}
    {%- if name | lower in columns or not execute -%}
        {#- quoted when it needs it: mixed case, a leading underscore, or an SQL keyword loaders use as a name -#}
        {%- set needs_quotes = name != name | lower or name.startswith('_')
            or name in ['time', 'timestamp', 'date', 'user', 'order', 'group', 'groups'] -%}
        {{- return(adapter.quote(name) if needs_quotes else name) -}}
    {%- else -%}
        {{- return('cast(null as ' ~ data_type ~ ')') -}}
    {%- endif -%}
{% endmacro %}
