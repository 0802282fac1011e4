{#- The PQL funnel per day: doc block pql_funnel_daily (models/marts/pql/_pql__docs.md). -#}
{%- set as_of = pql_as_of_date() -%}
with

dates as (
    select * from {{ ref('dim_dates') }}
),

accounts as (
    select * from {{ ref('int_accounts_enriched') }}
    where not is_internal
),

changes as (
    select * from {{ ref('int_band_changes_detected') }}
),

milestones as (
    select * from {{ ref('int_account_pql_milestones') }}
),

days as (
    select dates.date_day
    from dates
    where
        dates.date_day >= (select min(cast(accounts.created_at as date)) from accounts)
        and dates.date_day <= {{ as_of }}
),

signups as (
    select
        cast(accounts.created_at as date) as funnel_date,
        count(*) as signups,
        sum(case when milestones.first_pql_at is not null then 1 else 0 end) as activated_signups
    from accounts
    left join milestones
        on accounts.account_id = milestones.account_id
    group by 1
),

conversions as (
    select
        cast(converted_at as date) as funnel_date,
        count(*) as conversions
    from accounts
    where converted_at is not null
    group by 1
),

entries as (
    select
        changes.as_of_date as funnel_date,
        sum(case when changes.to_band = 'high' then 1 else 0 end) as entered_high,
        sum(case when changes.to_band = 'mid' then 1 else 0 end) as entered_mid,
        sum(case when changes.to_band = 'low' then 1 else 0 end) as entered_low,
        sum(case when changes.is_leaving_pql then 1 else 0 end) as left_pql,
        sum(case when changes.to_band = 'high' and accounts.converted_at >= changes.changed_at then 1 else 0 end)
            as entered_high_converted,
        sum(case when changes.to_band = 'mid' and accounts.converted_at >= changes.changed_at then 1 else 0 end)
            as entered_mid_converted
    from changes
    inner join accounts
        on changes.account_id = accounts.account_id
    group by 1
),

first_pqls as (
    select
        first_pql_date as funnel_date,
        count(*) as new_pqls,
        sum(days_to_pql) as days_to_pql_total,
        {{ pql_median('days_to_pql') }} as median_days_to_pql
    from milestones
    where first_pql_date is not null
    group by 1
),

final as (
    select
        days.date_day as funnel_date,
        cast(coalesce(signups.signups, 0) as {{ dbt.type_bigint() }}) as signups,
        cast(coalesce(signups.activated_signups, 0) as {{ dbt.type_bigint() }}) as activated_signups,
        {{ pql_ratio('coalesce(signups.activated_signups, 0)', 'signups.signups') }} as activation_rate,
        cast(coalesce(conversions.conversions, 0) as {{ dbt.type_bigint() }}) as conversions,
        cast(coalesce(entries.entered_high, 0) as {{ dbt.type_bigint() }}) as entered_high,
        cast(coalesce(entries.entered_mid, 0) as {{ dbt.type_bigint() }}) as entered_mid,
        cast(coalesce(entries.entered_low, 0) as {{ dbt.type_bigint() }}) as entered_low,
        cast(coalesce(entries.left_pql, 0) as {{ dbt.type_bigint() }}) as left_pql,
        cast(coalesce(entries.entered_high_converted, 0) as {{ dbt.type_bigint() }}) as entered_high_converted,
        cast(coalesce(entries.entered_mid_converted, 0) as {{ dbt.type_bigint() }}) as entered_mid_converted,
        {{ pql_ratio('entries.entered_high_converted', 'entries.entered_high') }} as pql_to_paid_rate_high,
        {{ pql_ratio('entries.entered_mid_converted', 'entries.entered_mid') }} as pql_to_paid_rate_mid,
        cast(coalesce(first_pqls.new_pqls, 0) as {{ dbt.type_bigint() }}) as new_pqls,
        cast(coalesce(first_pqls.days_to_pql_total, 0) as {{ dbt.type_bigint() }}) as days_to_pql_total,
        cast(first_pqls.median_days_to_pql as {{ pql_type_float() }}) as median_days_to_pql
    from days
    left join signups
        on days.date_day = signups.funnel_date
    left join conversions
        on days.date_day = conversions.funnel_date
    left join entries
        on days.date_day = entries.funnel_date
    left join first_pqls
        on days.date_day = first_pqls.funnel_date
)

select * from final
