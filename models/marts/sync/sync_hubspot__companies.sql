{{
    config(
        materialized='incremental',
        unique_key='pql_account_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail'
    )
}}
{#- HubSpot Company sync (unique property pql_account_id; matched on domain by most tools). Property
    names, types and limits live in the YAML. -#}
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
        case when accounts.is_icp then 'true' else 'false' end as is_icp,
        accounts.estimated_acv,
        context.contextual_reasons,
        lower(context.champion_1_email) as champion_email,
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
