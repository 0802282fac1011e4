{#-
    Ordered list aggregation that returns the same text on every engine: the values in
    `order_by_clause` order joined by `delimiter_text`, at most `limit_num` of them, and NULL when
    there is nothing to list (dbt.listagg with limit_num returns '' on PostgreSQL where DuckDB returns
    NULL). Engines whose listagg ignores the order get their own version.
-#}
{% macro pql_listagg(measure, delimiter_text="','", order_by_clause=none, limit_num=none) %}
    {{- return(adapter.dispatch('pql_listagg', 'pql')(measure, delimiter_text, order_by_clause, limit_num)) -}}
{% endmacro %}

{% macro default__pql_listagg(measure, delimiter_text, order_by_clause, limit_num) %}
    {{- return('nullif(' ~ dbt.listagg(measure, delimiter_text, order_by_clause, limit_num) ~ ", '')") -}}
{% endmacro %}
