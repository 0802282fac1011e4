{#- Per cohort account and candidate feature, its value in the account's feature window (signup day to
    feature_end_date: the observation window, cut before the conversion day). Candidate features:
    every event name seen, active_users (distinct users with any event) and all_events (events of any
    kind: the account's overall activity, which a naive ranker would sort by). Zero values have no row. -#}
with

cohort as (
    select * from {{ ref('int_cohort_accounts') }}
),

activity as (
    select * from {{ ref('int_activity_attributed') }}
),

windowed as (
    select
        cohort.account_id,
        activity.user_id,
        activity.event_name,
        activity.event_count
    from cohort
    inner join activity
        on
            cohort.account_id = activity.account_id
            and cohort.signup_date <= activity.activity_date
            and cohort.feature_end_date >= activity.activity_date
),

event_counts as (
    select
        account_id,
        event_name as feature_name,
        sum(event_count) as feature_value
    from windowed
    group by 1, 2
),

active_users as (
    select
        account_id,
        'active_users' as feature_name,
        count(distinct user_id) as feature_value
    from windowed
    group by 1, 2
),

all_events as (
    select
        account_id,
        'all_events' as feature_name,
        sum(event_count) as feature_value
    from windowed
    group by 1, 2
),

features as (
    select * from event_counts
    union all
    select * from active_users
    union all
    select * from all_events
),

keyed as (
    select
        {{ pql_surrogate_key(['account_id', 'feature_name']) }} as account_feature_key,
        account_id,
        feature_name,
        cast(feature_value as {{ dbt.type_int() }}) as feature_value
    from features
)

select * from keyed
