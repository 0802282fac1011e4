{#-
    The filter of an incremental model's new rows: on an incremental run, `source_column` at or after
    the day of the newest `target_column` already loaded (among target rows matching `target_filter`,
    when given) minus the lookback var (in days; pql_lookback_start: everything when the table has no
    such row); on a full build, a predicate that is always true (so
    a full build reads everything, whatever its dates).
-#}
{% macro pql_incremental_since(source_column, target_column, lookback_var, target_filter=none) %}
    {%- if is_incremental() -%}
        {{ source_column }} >= {{ pql_lookback_start(this, target_column, lookback_var, target_filter) }}
    {%- else -%}
        1 = 1
    {%- endif -%}
{% endmacro %}
