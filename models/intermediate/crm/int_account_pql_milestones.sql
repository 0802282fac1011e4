{#- Per account, from the scored versions kept by snap_pql_accounts: when it first became a PQL (band
    mid or high) and how many days after signup, and its last band change. -#}
with

versions as (
    select * from {{ ref('snap_pql_accounts') }}
),

changes as (
    select * from {{ ref('int_band_changes_detected') }}
),

first_pql as (
    select
        account_id,
        min(signed_up_at) as signed_up_at,
        min(case when pql_band in ('high', 'mid') then scored_at end) as first_pql_at,
        min(case when pql_band in ('high', 'mid') then as_of_date end) as first_pql_date
    from versions
    group by 1
),

last_change as (
    select
        account_id,
        max(changed_at) as last_band_change_at
    from changes
    group by 1
),

final as (
    select
        first_pql.account_id,
        first_pql.first_pql_at,
        first_pql.first_pql_date,
        cast(
            {{ dbt.datediff('cast(first_pql.signed_up_at as date)', 'first_pql.first_pql_date', 'day') }}
            as {{ dbt.type_int() }}
        ) as days_to_pql,
        last_change.last_band_change_at
    from first_pql
    left join last_change
        on first_pql.account_id = last_change.account_id
)

select * from final
