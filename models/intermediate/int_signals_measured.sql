{#- One row per scoring entity (see int_scoring_entities) x signal in force in the entity's scoring mode:
    the value of the signal's measure as of the entity's reference day. Windows are the last
    window_days days up to and including the reference day. A user's breadth is their account's.
    Activity is read per user and day (any event) and per named event, once per entity; a signal with
    a window reads only its last two windows, everything else comes from per-entity totals. -#}
{%- set activity_rule_types =
    "'event_count', 'active_users', 'days_since_last_event', 'days_to_first_event', 'engagement_decline'" -%}
with

entities as (
    select * from {{ ref('int_scoring_entities') }}
),

activity as (
    select * from {{ ref('fct_daily_activity') }}
),

signals as (
    select * from {{ ref('int_signals_in_force') }}
    where is_enabled
),

-- the activity the signals read: per user and day, all events folded together (for signals on any
-- event), and the events that signals name
user_days as (
    select
        account_id,
        user_id,
        activity_date,
        cast(null as {{ dbt.type_string() }}) as event_name,
        sum(event_count) as event_count
    from activity
    group by 1, 2, 3
),

signal_events as (
    select
        activity.account_id,
        activity.user_id,
        activity.activity_date,
        activity.event_name,
        activity.event_count
    from activity
    where activity.event_name in (select signals.event_name from signals)
),

measured_activity as (
    select * from user_days
    union all
    select * from signal_events
),

-- each entity's activity up to its reference day: accounts (and back-test accounts) by account, users by user
entity_rows as (
    select
        entities.entity_key,
        entities.scoring_mode,
        entities.reference_date,
        measured_activity.user_id,
        measured_activity.activity_date,
        measured_activity.event_name,
        measured_activity.event_count
    from entities
    inner join measured_activity
        on
            entities.account_id = measured_activity.account_id
            and entities.reference_date >= measured_activity.activity_date
    where entities.entity_type in ('account', 'backtest_account')
    union all
    select
        entities.entity_key,
        entities.scoring_mode,
        entities.reference_date,
        measured_activity.user_id,
        measured_activity.activity_date,
        measured_activity.event_name,
        measured_activity.event_count
    from entities
    inner join measured_activity
        on
            entities.entity_id = measured_activity.user_id
            and entities.reference_date >= measured_activity.activity_date
    where entities.entity_type = 'user'
),

-- all of history, per entity and event name ('' = any event): what signals without a window read
entity_totals as (
    select
        entity_key,
        coalesce(event_name, '') as event_key,
        sum(event_count) as event_count,
        count(distinct user_id) as active_users,
        min(activity_date) as first_event_date,
        max(activity_date) as last_event_date
    from entity_rows
    group by 1, 2
),

-- signals with a window read only the last two windows (the current one and the one before)
windowed_rows as (
    select
        entity_rows.entity_key,
        entity_rows.reference_date,
        entity_rows.user_id,
        entity_rows.activity_date,
        entity_rows.event_count,
        signals.signal_id,
        signals.window_days
    from entity_rows
    inner join signals
        on
            entity_rows.scoring_mode = signals.scoring_mode
            and coalesce(entity_rows.event_name, '') = coalesce(signals.event_name, '')
            and entity_rows.activity_date
            > {{ dbt.dateadd('day', '-2 * signals.window_days', 'entity_rows.reference_date') }}
    where signals.window_days is not null and signals.rule_type in ({{ activity_rule_types }})
),

entity_windows as (
    select
        entity_key,
        signal_id,
        sum(
            case
                when activity_date > {{ dbt.dateadd('day', '-1 * window_days', 'reference_date') }}
                    then event_count
            end
        ) as events_in_window,
        count(distinct case
            when activity_date > {{ dbt.dateadd('day', '-1 * window_days', 'reference_date') }}
                then user_id
        end) as active_users_in_window,
        sum(
            case
                when activity_date <= {{ dbt.dateadd('day', '-1 * window_days', 'reference_date') }}
                    then event_count
            end
        ) as events_in_previous_window,
        max(
            case
                when activity_date > {{ dbt.dateadd('day', '-1 * window_days', 'reference_date') }}
                    then activity_date
            end
        ) as last_event_in_window_date
    from windowed_rows
    group by 1, 2
),

activity_by_signal as (
    select
        entities.entity_key,
        signals.signal_id,
        case
            when signals.window_days is null then entity_totals.event_count
            else entity_windows.events_in_window
        end as events_in_window,
        case
            when signals.window_days is null then entity_totals.active_users
            else entity_windows.active_users_in_window
        end as active_users_in_window,
        entity_windows.events_in_previous_window,
        case
            when signals.window_days is null then entity_totals.last_event_date
            else entity_windows.last_event_in_window_date
        end as last_event_in_window_date,
        entity_totals.first_event_date,
        entity_totals.last_event_date
    from entities
    inner join signals
        on entities.scoring_mode = signals.scoring_mode
    inner join entity_totals
        on
            entities.entity_key = entity_totals.entity_key
            and coalesce(signals.event_name, '') = entity_totals.event_key
    left join entity_windows
        on
            entities.entity_key = entity_windows.entity_key
            and signals.signal_id = entity_windows.signal_id
    where signals.rule_type in ({{ activity_rule_types }})
),

measured as (
    select
        entities.entity_key,
        entities.entity_type,
        entities.entity_id,
        entities.account_id,
        entities.scoring_mode,
        signals.signal_id,
        signals.rule_type,
        case signals.rule_type
            when 'event_count' then coalesce(activity_by_signal.events_in_window, 0)
            when 'active_users' then coalesce(activity_by_signal.active_users_in_window, 0)
            when 'days_since_last_event'
                then {{ dbt.datediff('activity_by_signal.last_event_date', 'entities.reference_date', 'day') }}
            when 'days_to_first_event'
                then {{ dbt.datediff(
                    'cast(entities.signed_up_at as date)', 'activity_by_signal.first_event_date', 'day'
                ) }}
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
        end as measure_value,
        case
            when signals.rule_type in ('event_count', 'active_users') then activity_by_signal.last_event_in_window_date
            when signals.rule_type = 'days_since_last_event' then activity_by_signal.last_event_date
            when signals.rule_type = 'days_to_first_event' then activity_by_signal.first_event_date
        end as signal_date
    from entities
    inner join signals
        on entities.scoring_mode = signals.scoring_mode
    left join activity_by_signal
        on
            entities.entity_key = activity_by_signal.entity_key
            and signals.signal_id = activity_by_signal.signal_id
),

with_account_breadth as (
    select
        {{ pql_surrogate_key(['measured.entity_key', 'measured.signal_id']) }} as entity_signal_key,
        measured.entity_key,
        measured.entity_type,
        measured.entity_id,
        measured.account_id,
        measured.scoring_mode,
        measured.signal_id,
        case
            when measured.entity_type = 'user' and measured.rule_type = 'active_users'
                then coalesce(account_measured.measure_value, measured.measure_value)
            else measured.measure_value
        end as measure_value,
        measured.signal_date
    from measured
    left join measured as account_measured
        on
            measured.entity_type = 'user'
            and account_measured.entity_type = 'account'
            and measured.account_id = account_measured.entity_id
            and measured.scoring_mode = account_measured.scoring_mode
            and measured.signal_id = account_measured.signal_id
)

select * from with_account_breadth
