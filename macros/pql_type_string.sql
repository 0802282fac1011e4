{#- The text type on every engine: `varchar` where it needs no length, `string` on Spark and
    BigQuery. -#}
{% macro pql_type_string() %}
    {{- return(adapter.dispatch('pql_type_string', 'pql')()) -}}
{% endmacro %}

{% macro default__pql_type_string() %}
    {{- return('varchar') -}}
{% endmacro %}

{% macro spark__pql_type_string() %}
    {{- return('string') -}}
{% endmacro %}

{% macro bigquery__pql_type_string() %}
    {{- return('string') -}}
{% endmacro %}
