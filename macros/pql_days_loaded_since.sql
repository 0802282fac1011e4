{#- A select of the days (column loaded_on) of `relation` holding rows loaded (`loaded_column`) at
    or after `since`, a scalar SQL expression: the days an incremental run re-reads however old,
    because a late row landed in them. A row's day is `day_column`, else the date of its
    occurred_at (undated rows are not days). -#}
{% macro pql_days_loaded_since(relation, since, loaded_column='loaded_at', day_column=none) %}
    select distinct {{ day_column or 'cast(occurred_at as date)' }} as loaded_on
    from {{ relation }}
    where
        {{ loaded_column }} >= ({{ since }})
        {%- if not day_column %}
            and occurred_at is not null
        {%- endif %}
{% endmacro %}
