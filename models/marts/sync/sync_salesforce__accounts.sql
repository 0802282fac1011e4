{{
    config(
        materialized='incremental',
        unique_key='PQL_Account_ID__c',
        incremental_strategy='delete+insert',
        on_schema_change='fail'
    )
}}
{#- Salesforce Account upsert (External ID PQL_Account_ID__c). Field names, types and limits live in
    the YAML: this file only prepares the internal columns. -#}
with

accounts as (
    select * from {{ ref('pql_accounts') }}
),

context as (
    select * from {{ ref('pql_account_context') }}
),

milestones as (
    select * from {{ ref('int_account_pql_milestones') }}
),

prepared as (
    select
        accounts.account_id,
        accounts.account_name,
        accounts.domain,
        accounts.pql_score,
        accounts.pql_band,
        accounts.routing_label,
        accounts.is_icp,
        accounts.estimated_acv,
        context.contextual_reasons,
        context.reason_1,
        lower(context.champion_1_email) as champion_email,
        context.champion_1_title as champion_title,
        milestones.first_pql_at,
        milestones.days_to_pql,
        accounts.scored_at
    from accounts
    left join context
        on accounts.account_id = context.account_id
    left join milestones
        on accounts.account_id = milestones.account_id
),

{{ pql_sync_select('prepared') }}
