{#- The median of an expression, as an aggregate. -#}
{% macro pql_median(expression) %}
    {{ return(adapter.dispatch('pql_median', 'pql')(expression)) }}
{% endmacro %}

{% macro default__pql_median(expression) %}
    percentile_cont(0.5) within group (order by {{ expression }})
{% endmacro %}

{% macro duckdb__pql_median(expression) %}
    median({{ expression }})
{% endmacro %}

{% macro bigquery__pql_median(expression) %}
    approx_quantiles({{ expression }}, 2)[offset(1)]
{% endmacro %}

{% macro spark__pql_median(expression) %}
    median({{ expression }})  {#- exact, as DuckDB's: percentile_approx would differ -#}
{% endmacro %}
