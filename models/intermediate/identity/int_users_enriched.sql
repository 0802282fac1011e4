{#- One row per user who existed by the end of the as-of day, with their resolved account (null when
    neither their account_id nor their email domain names an account that existed then). -#}
with

users as (
    select * from {{ ref('int_users_resolved') }}
    where created_at < {{ pql_as_of_cutoff() }}
),

accounts as (
    select account_id from {{ ref('int_accounts_enriched') }}
),

final as (
    select
        users.user_id,
        accounts.account_id,
        case when accounts.account_id is null then 'unmatched' else users.account_match_method end
            as account_match_method,
        users.email,
        users.email_domain,
        users.job_title,
        users.is_personal_email,
        users.is_economic_buyer,
        users.created_at
    from users
    left join accounts
        on users.account_id = accounts.account_id
)

select * from final
