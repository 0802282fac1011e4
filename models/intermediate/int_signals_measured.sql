{#- One row per scoring entity (see int_scoring_entities) x signal in force in the entity's scoring mode:
    the value of the signal's measure as of the entity's reference day. Windows are the last
    window_days days up to and including the reference day. A user's breadth is their account's. -#}
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

entity_activity as (
    select
        entities.entity_key,
        entities.scoring_mode,
        entities.reference_date,
        activity.user_id,
        activity.activity_date,
        activity.event_name,
        activity.event_count
    from entities
    inner join activity
        on
            entities.account_id = activity.account_id
            and entities.reference_date >= activity.activity_date
    where entities.entity_type in ('account', 'backtest_account')
    union all
    select
        entities.entity_key,
        entities.scoring_mode,
        entities.reference_date,
        activity.user_id,
        activity.activity_date,
        activity.event_name,
        activity.event_count
    from entities
    inner join activity
        on
            entities.entity_id = activity.user_id
            and entities.reference_date >= activity.activity_date
    where entities.entity_type = 'user'
),

entity_user_days as (
    select
        entity_key,
        scoring_mode,
        reference_date,
        user_id,
        activity_date,
        sum(event_count) as event_count
    from entity_activity
    group by 1, 2, 3, 4, 5
),

signal_rows as (
    -- signals on one event: an equality join on the event name
    select
        entity_activity.entity_key,
        entity_activity.reference_date,
        entity_activity.user_id,
        entity_activity.activity_date,
        entity_activity.event_count,
        signals.signal_id,
        signals.window_days
    from entity_activity
    inner join signals
        on
            entity_activity.scoring_mode = signals.scoring_mode
            and entity_activity.event_name = signals.event_name
    where signals.rule_type in ({{ activity_rule_types }})
    union all
    -- signals on any event: one row per entity, user and day first (events folded together)
    select
        entity_user_days.entity_key,
        entity_user_days.reference_date,
        entity_user_days.user_id,
        entity_user_days.activity_date,
        entity_user_days.event_count,
        signals.signal_id,
        signals.window_days
    from entity_user_days
    inner join signals
        on entity_user_days.scoring_mode = signals.scoring_mode
    where signals.event_name is null and signals.rule_type in ({{ activity_rule_types }})
),

activity_by_signal as (
    select
        signal_rows.entity_key,
        signal_rows.signal_id,
        sum(
            case
                when
                    signal_rows.window_days is null
                    or signal_rows.activity_date
                    > {{ dbt.dateadd('day', '-1 * signal_rows.window_days', 'signal_rows.reference_date') }}
                    then signal_rows.event_count
            end
        ) as events_in_window,
        count(distinct case
            when
                signal_rows.window_days is null
                or signal_rows.activity_date
                > {{ dbt.dateadd('day', '-1 * signal_rows.window_days', 'signal_rows.reference_date') }}
                then signal_rows.user_id
        end) as active_users_in_window,
        sum(
            case
                when
                    signal_rows.activity_date
                    > {{ dbt.dateadd('day', '-2 * signal_rows.window_days', 'signal_rows.reference_date') }}
                    and signal_rows.activity_date
                    <= {{ dbt.dateadd('day', '-1 * signal_rows.window_days', 'signal_rows.reference_date') }}
                    then signal_rows.event_count
            end
        ) as events_in_previous_window,
        max(
            case
                when
                    signal_rows.window_days is null
                    or signal_rows.activity_date
                    > {{ dbt.dateadd('day', '-1 * signal_rows.window_days', 'signal_rows.reference_date') }}
                    then signal_rows.activity_date
            end
        ) as last_event_in_window_date,
        min(signal_rows.activity_date) as first_event_date,
        max(signal_rows.activity_date) as last_event_date
    from signal_rows
    group by 1, 2
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
