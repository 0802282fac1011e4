{{
    config(
        materialized='incremental',
        unique_key='email',
        incremental_strategy='delete+insert',
        on_schema_change='fail'
    )
}}
{#- HubSpot Contact sync, keyed by email (HubSpot's contact key): one row per email (when two users
    share one, the higher score wins). Property names, types and limits live in the YAML. -#}
with

users as (
    select * from {{ ref('pql_users') }}
    where email is not null
),

accounts as (
    select * from {{ ref('pql_accounts') }}
),

ranked as (
    select
        users.*,
        row_number() over (
            partition by lower(users.email)
            order by users.pql_score desc, users.user_id asc
        ) as email_rank
    from users
),

prepared as (
    select
        lower(ranked.email) as email,
        ranked.user_id,
        ranked.job_title,
        accounts.account_name as company,
        ranked.account_id,
        ranked.pql_score,
        ranked.pql_band,
        ranked.top_reasons,
        ranked.scored_at
    from ranked
    left join accounts
        on ranked.account_id = accounts.account_id
    where ranked.email_rank = 1
),

{{ pql_sync_select('prepared') }}
