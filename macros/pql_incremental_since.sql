{#-
    The filter of an incremental model's new rows: on an incremental run, `source_column` at or after
    the day of the newest `target_column` already loaded (among target rows matching `target_filter`,
    when given) minus the lookback var (in days); on a full build, a predicate that is always true (so
    a full build reads everything, whatever its dates).
-#}
{% macro pql_incremental_since(source_column, target_column, lookback_var, target_filter=none) %}
    {%- if is_incremental() -%}
        {{ source_column }} >= (
            select {{ dbt.dateadd(
                'day', -1 * (pql_var_number(lookback_var) | int), 'cast(max(' ~ target_column ~ ') as date)'
            ) }}
            from {{ this }}
            {%- if target_filter %}
                where {{ target_filter }}
            {%- endif %}
        )
    {%- else -%}
        1 = 1
    {%- endif -%}
{% endmacro %}
