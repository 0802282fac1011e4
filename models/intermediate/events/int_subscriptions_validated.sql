{#- Every subscription row with its final rejection_reason: the row-level reasons from staging, then
    subscriptions of an unknown account and subscriptions that start before the account signed up
    (imports and billing-migration artefacts: they would mark a trial as converted before it began). -#}
with

subscriptions as (
    select * from {{ ref('stg_generic__subscriptions') }}
),

accounts as (
    select * from {{ ref('stg_generic__accounts') }}
    where rejection_reason is null
),

judged as (
    select
        subscriptions.subscription_id,
        subscriptions.account_id,
        subscriptions.plan_name,
        subscriptions.subscription_status,
        subscriptions.arr,
        subscriptions.started_at,
        subscriptions.ended_at,
        case
            when subscriptions.rejection_reason is not null then subscriptions.rejection_reason
            when accounts.account_id is null then 'unknown_account'
            when subscriptions.started_at < accounts.created_at then 'starts_before_signup'
        end as rejection_reason
    from subscriptions
    left join accounts
        on subscriptions.account_id = accounts.account_id
)

select * from judged
