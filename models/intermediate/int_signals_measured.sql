{#- One row per scoring entity (see int_scoring_entities) x signal in force in the entity's scoring mode:
    the value of the signal's measure as of the entity's reference day. Windows are the last
    window_days days up to and including the reference day. A user's breadth is their account's.
    Activity is read per user and day (any event) and per named event, once per reference day (the
    as-of day, and each back-test account's own day): totals and windows are made per user, and an
    account adds up its users, so accounts and users share one pass. A signal with a window reads
    only its last two windows. -#}
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

-- the activity the signals read: per user and day, all events folded together (event_key '', for
-- signals on any event), and the events that signals name (event_key = the name)
user_days as (
    select
        account_id,
        user_id,
        activity_date,
        '' as event_key,
        sum(event_count) as event_count
    from activity
    group by 1, 2, 3
),

signal_events as (
    select
        account_id,
        user_id,
        activity_date,
        event_name as event_key,
        event_count
    from activity
    where event_name in (select signals.event_name from signals)
),

measured_activity as (
    select * from user_days
    union all
    select * from signal_events
),

as_of_references as (
    select distinct reference_date
    from entities
    where entity_type in ('account', 'user')
),

backtest_references as (
    select distinct
        account_id,
        reference_date
    from entities
    where entity_type = 'backtest_account'
),

-- read once per reference day: the as-of day (accounts and users; activity stops at it) and each
-- back-test account's own day (shared by both scoring modes)
scoped_activity as (
    select
        'as_of' as scope,
        as_of_references.reference_date,
        measured_activity.account_id,
        measured_activity.user_id,
        measured_activity.activity_date,
        measured_activity.event_key,
        measured_activity.event_count
    from measured_activity
    inner join as_of_references
        on measured_activity.activity_date <= as_of_references.reference_date
    union all
    select
        'backtest' as scope,
        backtest_references.reference_date,
        measured_activity.account_id,
        measured_activity.user_id,
        measured_activity.activity_date,
        measured_activity.event_key,
        measured_activity.event_count
    from measured_activity
    inner join backtest_references
        on
            measured_activity.account_id = backtest_references.account_id
            and measured_activity.activity_date <= backtest_references.reference_date
),

scope_modes as (
    select
        'as_of' as scope,
        '{{ pql_scoring_mode() }}' as scoring_mode
    union all
    select
        'backtest' as scope,
        'configured' as scoring_mode
    union all
    select
        'backtest' as scope,
        'derived' as scoring_mode
),

-- per user (and the account their rows name): all of history, and the last two windows of each
-- signal with a window
user_totals as (
    select
        scope,
        reference_date,
        account_id,
        user_id,
        event_key,
        sum(event_count) as event_count,
        min(activity_date) as first_event_date,
        max(activity_date) as last_event_date
    from scoped_activity
    group by 1, 2, 3, 4, 5
),

user_windows as (
    select
        scoped_activity.scope,
        scoped_activity.reference_date,
        scoped_activity.account_id,
        scoped_activity.user_id,
        signals.scoring_mode,
        signals.signal_id,
        sum(
            case
                when
                    scoped_activity.activity_date
                    > {{ dbt.dateadd('day', '-1 * signals.window_days', 'scoped_activity.reference_date') }}
                    then scoped_activity.event_count
            end
        ) as events_in_window,
        sum(
            case
                when
                    scoped_activity.activity_date
                    <= {{ dbt.dateadd('day', '-1 * signals.window_days', 'scoped_activity.reference_date') }}
                    then scoped_activity.event_count
            end
        ) as events_in_previous_window,
        max(
            case
                when
                    scoped_activity.activity_date
                    > {{ dbt.dateadd('day', '-1 * signals.window_days', 'scoped_activity.reference_date') }}
                    then scoped_activity.activity_date
            end
        ) as last_event_in_window_date
    from scoped_activity
    inner join scope_modes
        on scoped_activity.scope = scope_modes.scope
    inner join signals
        on
            scope_modes.scoring_mode = signals.scoring_mode
            and scoped_activity.event_key = coalesce(signals.event_name, '')
            and scoped_activity.activity_date
            > {{ dbt.dateadd('day', '-2 * signals.window_days', 'scoped_activity.reference_date') }}
    where signals.window_days is not null and signals.rule_type in ({{ activity_rule_types }})
    group by 1, 2, 3, 4, 5, 6
),

-- the same per entity: an account adds up its users (one user_totals row per user), a user adds up
-- their rows (which may name several accounts when the user has none)
holder_totals as (
    select
        case when scope = 'as_of' then 'account' else 'backtest_account' end as entity_type,
        account_id as holder_id,
        reference_date,
        event_key,
        sum(event_count) as event_count,
        count(*) as active_users,
        min(first_event_date) as first_event_date,
        max(last_event_date) as last_event_date
    from user_totals
    where account_id is not null
    group by 1, 2, 3, 4
    union all
    select
        'user' as entity_type,
        user_id as holder_id,
        reference_date,
        event_key,
        sum(event_count) as event_count,
        1 as active_users,
        min(first_event_date) as first_event_date,
        max(last_event_date) as last_event_date
    from user_totals
    where scope = 'as_of'
    group by 1, 2, 3, 4
),

holder_windows as (
    select
        case when scope = 'as_of' then 'account' else 'backtest_account' end as entity_type,
        account_id as holder_id,
        reference_date,
        scoring_mode,
        signal_id,
        sum(events_in_window) as events_in_window,
        count(case when events_in_window > 0 then user_id end) as active_users_in_window,
        sum(events_in_previous_window) as events_in_previous_window,
        max(last_event_in_window_date) as last_event_in_window_date
    from user_windows
    where account_id is not null
    group by 1, 2, 3, 4, 5
    union all
    select
        'user' as entity_type,
        user_id as holder_id,
        reference_date,
        scoring_mode,
        signal_id,
        sum(events_in_window) as events_in_window,
        max(case when events_in_window > 0 then 1 else 0 end) as active_users_in_window,
        sum(events_in_previous_window) as events_in_previous_window,
        max(last_event_in_window_date) as last_event_in_window_date
    from user_windows
    where scope = 'as_of'
    group by 1, 2, 3, 4, 5
),

entity_holders as (
    select
        entity_key,
        entity_type,
        scoring_mode,
        reference_date,
        case when entity_type = 'user' then entity_id else account_id end as holder_id
    from entities
),

activity_by_signal as (
    select
        entity_holders.entity_key,
        signals.signal_id,
        case
            when signals.window_days is null then holder_totals.event_count
            else holder_windows.events_in_window
        end as events_in_window,
        case
            when signals.window_days is null then holder_totals.active_users
            else holder_windows.active_users_in_window
        end as active_users_in_window,
        holder_windows.events_in_previous_window,
        case
            when signals.window_days is null then holder_totals.last_event_date
            else holder_windows.last_event_in_window_date
        end as last_event_in_window_date,
        holder_totals.first_event_date,
        holder_totals.last_event_date
    from entity_holders
    inner join signals
        on entity_holders.scoring_mode = signals.scoring_mode
    inner join holder_totals
        on
            entity_holders.entity_type = holder_totals.entity_type
            and entity_holders.holder_id = holder_totals.holder_id
            and entity_holders.reference_date = holder_totals.reference_date
            and coalesce(signals.event_name, '') = holder_totals.event_key
    left join holder_windows
        on
            entity_holders.entity_type = holder_windows.entity_type
            and entity_holders.holder_id = holder_windows.holder_id
            and entity_holders.reference_date = holder_windows.reference_date
            and entity_holders.scoring_mode = holder_windows.scoring_mode
            and signals.signal_id = holder_windows.signal_id
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
