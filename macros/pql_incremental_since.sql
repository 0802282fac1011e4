{#-
    The filter of an incremental model's new rows: on an incremental run, `source_column` at or after
    the newest `target_date_column` already loaded minus the lookback var (in days); on a full build,
    a predicate that is always true (so a full build reads everything, whatever its dates).
-#}
{% macro pql_incremental_since(source_column, target_date_column, lookback_var) %}
    {%- if is_incremental() -%}
        {{ source_column }} >= (
            select {{ dbt.dateadd('day', -1 * (pql_var_number(lookback_var) | int), 'max(' ~ target_date_column ~ ')') }}
            from {{ this }}
        )
    {%- else -%}
        1 = 1
    {%- endif -%}
{% endmacro %}
