{#- One row per account that existed by the end of the as-of day, with its conversion state at that
    moment. Internal/test accounts are those whose domain is in seed pql_internal_domains. -#}
with

accounts as (
    select * from {{ ref('stg_generic__accounts') }}
    where rejection_reason is null and created_at < {{ pql_as_of_cutoff() }}
),

subscriptions as (
    select * from {{ ref('int_subscriptions_validated') }}
    where rejection_reason is null and started_at < {{ pql_as_of_cutoff() }}
),

users as (
    select * from {{ ref('int_users_resolved') }}
    where created_at < {{ pql_as_of_cutoff() }}
),

internal_domains as (
    select distinct lower(trim(domain)) as domain from {{ ref('pql_internal_domains') }}
),

conversions as (
    select
        account_id,
        min(started_at) as converted_at,
        sum(
            case
                when ended_at is null or ended_at >= {{ pql_as_of_cutoff() }} then arr else 0
            end
        ) as active_arr,
        max(
            case
                when ended_at is null or ended_at >= {{ pql_as_of_cutoff() }} then 1 else 0
            end
        ) as active_subscription_flag
    from subscriptions
    group by 1
),

user_counts as (
    select
        account_id,
        count(*) as user_count
    from users
    where account_id is not null
    group by 1
),

final as (
    select
        accounts.account_id,
        accounts.account_name,
        accounts.domain,
        accounts.employee_count,
        accounts.industry,
        accounts.country,
        coalesce(user_counts.user_count, 0) as user_count,
        internal_domains.domain is not null as is_internal,
        conversions.account_id is not null as has_converted,
        coalesce(conversions.active_subscription_flag, 0) = 1 as is_paying,
        coalesce(conversions.active_arr, 0) as active_arr,
        accounts.created_at,
        conversions.converted_at
    from accounts
    left join internal_domains
        on accounts.domain = internal_domains.domain
    left join conversions
        on accounts.account_id = conversions.account_id
    left join user_counts
        on accounts.account_id = user_counts.account_id
)

select * from final
