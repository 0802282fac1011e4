{#- One row per scored entity (account or user) x enabled signal: the value of the signal's measure as
    of the as-of day. Activity comes from fct_daily_activity (already point-in-time), firmographics
    from dim_accounts, titles from dim_users. Breadth and company size of a user are those of the
    user's account. -#}
{%- set as_of = pql_as_of_date() -%}
with

activity as (
    select * from {{ ref('fct_daily_activity') }}
),

accounts as (
    select * from {{ ref('dim_accounts') }}
),

users as (
    select * from {{ ref('dim_users') }}
),

signals as (
    select * from {{ ref('int_signals_configured') }}
    where is_enabled
),

entity_activity as (
    select
        'account' as entity_type,
        account_id as entity_id,
        user_id,
        activity_date,
        event_name,
        event_count,
        last_occurred_at
    from activity
    where account_id is not null
    union all
    select
        'user' as entity_type,
        user_id as entity_id,
        user_id,
        activity_date,
        event_name,
        event_count,
        last_occurred_at
    from activity
),

buyer_counts as (
    select
        account_id,
        sum(case when is_economic_buyer then 1 else 0 end) as economic_buyer_count
    from users
    where account_id is not null
    group by 1
),

entities as (
    select
        'account' as entity_type,
        accounts.account_id as entity_id,
        accounts.account_id,
        cast(accounts.created_at as date) as signup_date,
        accounts.employee_count,
        coalesce(buyer_counts.economic_buyer_count, 0) as economic_buyer_count
    from accounts
    left join buyer_counts
        on accounts.account_id = buyer_counts.account_id
    union all
    select
        'user' as entity_type,
        users.user_id as entity_id,
        users.account_id,
        cast(users.created_at as date) as signup_date,
        accounts.employee_count,
        case when users.is_economic_buyer then 1 else 0 end as economic_buyer_count
    from users
    left join accounts
        on users.account_id = accounts.account_id
),

activity_by_signal as (
    select
        entity_activity.entity_type,
        entity_activity.entity_id,
        signals.signal_id,
        sum(
            case
                when
                    signals.window_days is null
                    or entity_activity.activity_date > {{ dbt.dateadd('day', '-1 * signals.window_days', as_of) }}
                    then entity_activity.event_count
            end
        ) as events_in_window,
        count(distinct case
            when
                signals.window_days is null
                or entity_activity.activity_date > {{ dbt.dateadd('day', '-1 * signals.window_days', as_of) }}
                then entity_activity.user_id
        end) as active_users_in_window,
        sum(
            case
                when
                    entity_activity.activity_date > {{ dbt.dateadd('day', '-2 * signals.window_days', as_of) }}
                    and entity_activity.activity_date <= {{ dbt.dateadd('day', '-1 * signals.window_days', as_of) }}
                    then entity_activity.event_count
            end
        ) as events_in_previous_window,
        min(entity_activity.activity_date) as first_event_date,
        max(entity_activity.activity_date) as last_event_date
    from entity_activity
    inner join signals
        on signals.event_name is null or entity_activity.event_name = signals.event_name
    where
        signals.rule_type in (
            'event_count', 'active_users', 'days_since_last_event', 'days_to_first_event', 'engagement_decline'
        )
    group by 1, 2, 3
),

measured as (
    select
        entities.entity_type,
        entities.entity_id,
        entities.account_id,
        signals.signal_id,
        signals.rule_type,
        case signals.rule_type
            when 'event_count' then coalesce(activity_by_signal.events_in_window, 0)
            when 'active_users' then coalesce(activity_by_signal.active_users_in_window, 0)
            when 'days_since_last_event'
                then {{ dbt.datediff('activity_by_signal.last_event_date', as_of, 'day') }}
            when 'days_to_first_event'
                then {{ dbt.datediff('entities.signup_date', 'activity_by_signal.first_event_date', 'day') }}
            when 'engagement_decline'
                then
                    case
                        when activity_by_signal.events_in_previous_window > 0
                            then (
                                activity_by_signal.events_in_previous_window
                                - coalesce(activity_by_signal.events_in_window, 0)
                            ) * 1.0 / activity_by_signal.events_in_previous_window
                    end
            when 'employee_count' then entities.employee_count
            when 'economic_buyer' then entities.economic_buyer_count
        end as measure_value
    from entities
    cross join signals
    left join activity_by_signal
        on
            entities.entity_type = activity_by_signal.entity_type
            and entities.entity_id = activity_by_signal.entity_id
            and signals.signal_id = activity_by_signal.signal_id
),

with_account_breadth as (
    select
        {{ pql_surrogate_key(['measured.entity_type', 'measured.entity_id', 'measured.signal_id']) }}
            as entity_signal_key,
        measured.entity_type,
        measured.entity_id,
        measured.account_id,
        measured.signal_id,
        case
            when measured.entity_type = 'user' and measured.rule_type = 'active_users'
                then coalesce(account_measured.measure_value, measured.measure_value)
            else measured.measure_value
        end as measure_value
    from measured
    left join measured as account_measured
        on
            measured.entity_type = 'user'
            and account_measured.entity_type = 'account'
            and measured.account_id = account_measured.entity_id
            and measured.signal_id = account_measured.signal_id
)

select * from with_account_breadth
