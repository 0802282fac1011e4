{#- `select * from` an optional source table, or, when it is absent, no rows with the named columns
    (text, which staging casts like any loader's text). Reading it here keeps it in the lineage. -#}
{% macro pql_optional_source(source_name, table_name, columns, column_names) %}
    {%- set relation = source(source_name, table_name) -%}
    {%- if columns is not none -%}
        {{- return('select * from ' ~ relation) -}}
    {%- endif -%}
    {%- set nulls = [] -%}
    {%- for name in column_names -%}
        {%- do nulls.append('cast(null as ' ~ dbt.type_string() ~ ') as ' ~ adapter.quote(name)) -%}
    {%- endfor -%}
    {{- return('select ' ~ (nulls | join(', ')) ~ ' where 1 = 0') -}}
{% endmacro %}
