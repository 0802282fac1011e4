{#- The predicate, on `column` (a timestamp or a date), of the days an incremental run reads again:
    the day `since` (a scalar SQL date: the lookback's first day, pql_lookback_start) and later, and
    each older day that `days` (a select of dates named loaded_on: the days holding rows loaded
    since the last run, pql_days_loaded_since) lists, runs of consecutive days as one range. Both
    are read once when the model runs and written into the predicate as literals: an engine prunes
    a scan by a literal range (DuckDB skips the row groups of a Parquet file or table outside it)
    but not by a subquery or a day list, and reads every row of the source instead. `days` may be
    none (the lookback only). At parse time, before anything exists, a predicate that holds. -#}
{% macro pql_days_reread(column, since, days=none) %}
    {%- if not execute -%}
        {{- return('1 = 1') -}}
    {%- endif -%}
    {%- set as_text = dbt.type_string() -%}
    {%- set bounds_sql -%}
        select
            0 as kind,
            {{ dbt.cast(dbt.cast(since, 'date'), as_text) }} as first_day,
            {{ dbt.cast('null', as_text) }} as next_day
        {%- if days %}
            union all
            select
                1 as kind,
                {{ dbt.cast(dbt.cast('loaded_on', 'date'), as_text) }} as first_day,
                {{ dbt.cast(dbt.cast(dbt.dateadd('day', 1, 'loaded_on'), 'date'), as_text) }} as next_day
            from ({{ days }}) as loaded_days
            where loaded_on < {{ since }}
        {%- endif %}
        order by kind, first_day
    {%- endset -%}
    {%- set rows = run_query(bounds_sql).rows -%}
    {%- set ranges = [] -%}
    {%- for row in rows[1:] -%}
        {%- if ranges and ranges[-1][1] == row[1] -%}
            {%- set extended = ranges.pop() -%}
            {%- do ranges.append([extended[0], row[2]]) -%}
        {%- else -%}
            {%- do ranges.append([row[1], row[2]]) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set parts = [column ~ " >= cast('" ~ rows[0][1] ~ "' as date)"] -%}
    {%- for first_day, next_day in ranges -%}
        {%- do parts.append(
            "(" ~ column ~ " >= cast('" ~ first_day ~ "' as date) and " ~ column ~ " < cast('" ~ next_day ~ "' as date))"
        ) -%}
    {%- endfor -%}
    {{- return('(' ~ parts | join(' or ') ~ ')') -}}
{% endmacro %}
