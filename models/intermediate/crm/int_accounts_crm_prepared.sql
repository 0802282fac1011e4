{#- Everything the account syncs (Salesforce Accounts, HubSpot Companies) carry, in internal names:
    the score, routing and ICP from pql_accounts, reasons and champion from pql_account_context, first
    PQL from the history. Each sync model's YAML picks and names the fields. -#}
{{ config(**pql_changed_rows_config('account_id', run_stamps=['scored_at'])) }}
with

accounts as (
    select * from {{ ref('int_accounts_scored') }}
),

context as (
    select * from {{ ref('int_accounts_contextualized') }}
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
)

select * from prepared
