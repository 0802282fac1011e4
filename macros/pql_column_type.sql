{#- The warehouse's type of one column of a relation, lowercased ('' before a run can read it), so a
    staging model can skip work a column's type makes needless (a timestamp column needs no parsing). -#}
{% macro pql_column_type(relation, column_name) %}
    {{ return(adapter.dispatch('pql_column_type', 'pql')(relation, column_name)) }}
{% endmacro %}

{% macro default__pql_column_type(relation, column_name) %}
    {%- if not execute -%}
        {{- return('') -}}
    {%- endif -%}
    {%- for column in adapter.get_columns_in_relation(relation) if column.name | lower == column_name | lower -%}
        {{- return(column.data_type | lower) -}}
    {%- endfor -%}
    {{- return('') -}}
{% endmacro %}

{% macro duckdb__pql_column_type(relation, column_name) %}
    {%- if not execute -%}
        {{- return('') -}}
    {%- endif -%}
    {#- a Parquet source (var pql__raw_path) is a read_parquet() expression, not a catalog relation -#}
    {%- set result = run_query('describe select ' ~ adapter.quote(column_name) ~ ' from ' ~ relation) -%}
    {{- return(result.columns[1].values()[0] | lower) -}}
{% endmacro %}
