{#- Everything the person syncs (Salesforce Leads, HubSpot Contacts) carry, in internal names: users
    with an email (a CRM person needs one), their own score and their account's. When two users share
    an email, email_rank 1 is the higher score (HubSpot keys contacts by email). -#}
{{ config(**pql_changed_rows_config('user_id', run_stamps=['scored_at'])) }}
with

users as (
    select * from {{ ref('int_users_scored') }}
    where email is not null
),

accounts as (
    select * from {{ ref('int_accounts_scored') }}
),

prepared as (
    select
        users.user_id,
        lower(users.email) as email,
        {{ dbt.split_part('users.email', "'@'", 1) }} as email_local_part,
        {{ dbt.split_part('users.email', "'@'", 2) }} as email_domain,
        users.job_title,
        users.account_id,
        accounts.account_name,
        users.pql_score,
        users.pql_band,
        users.top_reasons,
        accounts.pql_score as account_pql_score,
        accounts.routing_label as account_routing_label,
        users.scored_at,
        row_number() over (
            partition by lower(users.email)
            order by users.pql_score desc, users.user_id asc
        ) as email_rank
    from users
    left join accounts
        on users.account_id = accounts.account_id
)

select * from prepared
