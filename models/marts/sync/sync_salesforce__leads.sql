{{
    config(
        materialized='incremental',
        unique_key='PQL_User_ID__c',
        incremental_strategy='delete+insert',
        on_schema_change='fail'
    )
}}
{#- Salesforce Lead upsert (External ID PQL_User_ID__c), one per user with an email. Field names,
    types and limits live in the YAML. -#}
with

users as (
    select * from {{ ref('pql_users') }}
    where email is not null
),

accounts as (
    select * from {{ ref('pql_accounts') }}
),

prepared as (
    select
        users.user_id,
        lower(users.email) as email,
        {{ dbt.split_part('users.email', "'@'", 1) }} as last_name,
        coalesce(accounts.account_name, {{ dbt.split_part('users.email', "'@'", 2) }}) as company,
        users.job_title,
        users.account_id,
        users.pql_score,
        users.pql_band,
        users.top_reasons,
        accounts.pql_score as account_pql_score,
        accounts.routing_label as account_routing_label,
        users.scored_at
    from users
    left join accounts
        on users.account_id = accounts.account_id
),

{{ pql_sync_select('prepared') }}
