{#- One row per day from var pql__calendar_start to var pql__calendar_end (2020-01-01 to 2035-12-31):
    the calendar that pql_funnel_daily and MetricFlow (the time spine) join to, so days with no activity
    still appear. -#}
{%- set first_day = pql_var_date('pql__calendar_start') -%}
{%- set last_day = pql_var_date('pql__calendar_end') -%}
{%- set day_after = dbt.dateadd('day', 1, "cast('" ~ last_day ~ "' as date)") -%}
with

days as (
    {{ dbt.date_spine('day', "cast('" ~ first_day ~ "' as date)", day_after) }}
),

final as (
    select cast(date_day as date) as date_day
    from days
)

select * from final
