{#-
    A text expression without leading and trailing spaces (U+0020), the same on every engine: DuckDB's
    trim() also strips Unicode spaces (no-break space, U+2000-U+200A, U+3000), PostgreSQL's and Spark's
    strip the space only, so an id of a no-break space was null on DuckDB and kept elsewhere.
-#}
{% macro pql_trim_spaces(expression) %}
    {{- return(adapter.dispatch('pql_trim_spaces', 'pql')(expression)) -}}
{% endmacro %}

{% macro default__pql_trim_spaces(expression) %}
    {{- return('trim(' ~ expression ~ ')') -}}
{% endmacro %}

{% macro duckdb__pql_trim_spaces(expression) %}
    {{- return('trim(' ~ expression ~ ", ' ')") -}}
{% endmacro %}
