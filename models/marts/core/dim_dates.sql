{#- One row per day, 2020-01-01 to 2035-12-31: the calendar that pql_funnel_daily and MetricFlow
    (the time spine) join to, so days with no activity still appear. -#}
with

days as (
    {{ dbt.date_spine('day', "cast('2020-01-01' as date)", "cast('2036-01-01' as date)") }}
),

final as (
    select cast(date_day as date) as date_day
    from days
)

select * from final
