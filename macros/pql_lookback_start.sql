{#- A scalar subquery: the day `lookback_var` days before the day of the newest `column` of
    `relation` (among its rows matching `row_filter`, when given), the first day an incremental run
    re-reads; 1900-01-01 minus the lookback when there is no such row (everything is re-read). -#}
{% macro pql_lookback_start(relation, column, lookback_var='pql__lookback_days', row_filter=none) %}
    (
        select {{ dbt.dateadd(
            'day',
            -1 * (pql_var_number(lookback_var) | int),
            "coalesce(cast(max(" ~ column ~ ") as date), cast('1900-01-01' as date))"
        ) }}
        from {{ relation }}
        {%- if row_filter %}
            where {{ row_filter }}
        {%- endif %}
    )
{% endmacro %}
