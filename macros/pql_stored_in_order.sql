{#-
    The clause that stores a model's rows in the order of `column` (a day or a time), placed after its
    final select: an `order by` on DuckDB, nothing elsewhere. DuckDB keeps the smallest and largest value
    of each row group of 122,880 rows and skips a group outside a range filter, but only a table written
    in day order has narrow groups: written unordered, every group of a full build spans all of history
    and every read or delete of the last days scans the whole table. PostgreSQL keeps no such ranges
    (a heap without indexes), and on Spark a global sort is a shuffle of the whole table.
-#}
{% macro pql_stored_in_order(column) %}
    {{- return(adapter.dispatch('pql_stored_in_order', 'pql')(column)) -}}
{% endmacro %}

{% macro default__pql_stored_in_order(column) %}
    {{- return('') -}}
{% endmacro %}

{% macro duckdb__pql_stored_in_order(column) %}
    {{- return('order by ' ~ column) -}}
{% endmacro %}
