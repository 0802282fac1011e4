{#- Each back-test account, per scoring mode, with its score and the two naive rankings a team would use
    without one, over the same days the score saw (signup to the end of the observation window): its
    event count and its active days. With its cohort split and whether it converted. -#}
with

entities as (
    select * from {{ ref('int_backtest_entities_scored') }}
),

cohort as (
    select * from {{ ref('int_cohort_accounts') }}
),

backtest_references as (
    select distinct
        entity_id as account_id,
        reference_date
    from entities
),

activity as (
    select
        backtest_references.account_id,
        sum(activity.event_count) as event_count,
        count(distinct activity.activity_date) as active_days
    from backtest_references
    inner join {{ ref('int_activity_attributed') }} as activity
        on
            backtest_references.account_id = activity.account_id
            and backtest_references.reference_date >= activity.activity_date
    group by 1
),

ranked as (
    select
        entities.entity_key as backtest_account_key,
        entities.scoring_mode,
        entities.entity_id as account_id,
        cohort.cohort_split,
        cohort.is_converted,
        entities.pql_score,
        cast(coalesce(activity.event_count, 0) as {{ dbt.type_bigint() }}) as event_count,
        cast(coalesce(activity.active_days, 0) as {{ dbt.type_bigint() }}) as active_days
    from entities
    inner join cohort
        on entities.entity_id = cohort.account_id
    left join activity
        on entities.entity_id = activity.account_id
)

select * from ranked
