{#-
    The double-precision float type on every engine. dbt's type_float() is `float`, which is 4 bytes on
    DuckDB and Spark and 8 on PostgreSQL: a seed threshold of 0.3 would compare differently by engine.
-#}
{% macro pql_type_float() %}
    {{- return(adapter.dispatch('pql_type_float', 'pql')()) -}}
{% endmacro %}

{% macro default__pql_type_float() %}
    {{- return('double precision') -}}
{% endmacro %}

{% macro spark__pql_type_float() %}
    {{- return('double') -}}
{% endmacro %}

{% macro bigquery__pql_type_float() %}
    {{- return('float64') -}}
{% endmacro %}
