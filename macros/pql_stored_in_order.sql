{#-
    The clause that stores a model's rows by time, placed after its final select: an `order by` on
    DuckDB, nothing elsewhere. DuckDB keeps the smallest and largest value of each row group of
    122,880 rows and skips a group outside a range filter, but only a table written in time order has
    narrow groups: written unordered, every group of a full build spans all of history and every read
    or delete of the last days scans the whole table. PostgreSQL keeps no such ranges (a heap without
    indexes), and on Spark a global sort is a shuffle of the whole table.
    The rows go by the week of `day_column`, then by `holder_column` (a user) within the week, so a
    group spans a week at most and keeps each holder's rows of the week together: the group-bys by
    user over all of history (int_signals_measured's measures and fingerprints) then meet each user a
    few times per group, not once per day.
-#}
{% macro pql_stored_in_order(day_column, holder_column) %}
    {{- return(adapter.dispatch('pql_stored_in_order', 'pql')(day_column, holder_column)) -}}
{% endmacro %}

{% macro default__pql_stored_in_order(day_column, holder_column) %}
    {{- return('') -}}
{% endmacro %}

{% macro duckdb__pql_stored_in_order(day_column, holder_column) %}
    {{- return("order by date_trunc('week', " ~ day_column ~ '), ' ~ holder_column) -}}
{% endmacro %}
