{#-
    The body of the signal-measure models: one row per scoring entity x signal in force in the
    entity's scoring mode, with the value of the signal's measure as of the entity's reference day.
    Live scoring (int_signals_measured: accounts and users as of the as-of day) and the back-test
    (int_backtest_signals_measured: cohort accounts as of the end of their observation window) share it.

    Windows are the last window_days days up to and including the reference day. Activity is read per
    user and day (any event) and per named event, once per reference day: totals and windows are made
    per user, and an account adds up its users, so accounts and users share one pass. A signal with a
    window reads only its last two windows. What each rule type measures is the registry's (macro
    pql_rule_types); this macro offers the columns its expressions read.

    entities    the scoring entities (int_scoring_entities or int_backtest_entities)
    backtest    false: every entity's reference day is the run's as-of day, and users are scored too
                (a user's breadth is their account's); true: account entities of type
                backtest_account, each at its own reference day
    changes     none, or a relation whose entity_key column lists the entities to measure (an
                incremental run of int_signals_measured): only they are measured, and only the
                activity of their accounts and users is read
-#}
{% macro pql_signals_measured(entities, backtest=false, changes=none) %}
{%- set rule_types = pql_rule_types() -%}
{%- set activity_rule_types = [] -%}
{%- set account_wide_rule_types = [] -%}
{%- for rule_type, rule in rule_types.items() -%}
    {%- if rule.reads_activity %}{% do activity_rule_types.append(rule_type) %}{% endif -%}
    {%- if rule.is_account_wide %}{% do account_wide_rule_types.append(rule_type) %}{% endif -%}
{%- endfor -%}
{%- set account_type = 'backtest_account' if backtest else 'account' -%}
{%- set activity = 'activity' if changes is not none else ref('int_activity_attributed') -%}
with

entities as (
    select * from {{ entities }}
),

signals as (
    select * from {{ ref('int_signals_in_force') }}
    where is_enabled
),
{%- if changes is not none %}

    -- the entities this run measures: the rows of their accounts and their own are read (two hash
    -- joins against small key sets, one pass over the activity; an `or` of two `in` lists is not)
    changed_entities as (
        select
            entity_type,
            entity_id,
            account_id
        from entities
        where entity_key in (select changes.entity_key from {{ changes }} as changes)
    ),

    changed_accounts as (
        select distinct account_id
        from changed_entities
        where account_id is not null
    ),

    changed_users as (
        select distinct entity_id as user_id
        from changed_entities
        where entity_type = 'user'
    ),

    activity as (
        select activity.*
        from {{ ref('int_activity_attributed') }} as activity
        left join changed_accounts
            on activity.account_id = changed_accounts.account_id
        left join changed_users
            on activity.user_id = changed_users.user_id
        where changed_accounts.account_id is not null or changed_users.user_id is not null
    ),
{%- endif %}

-- the activity the signals read: per user and day, all events folded together (event_key '', for
-- signals on any event), and the events that signals name (event_key = the name). Each reads the
-- table itself: a CTE read twice is kept whole in memory by some warehouses (DuckDB).
user_days as (
    select
        account_id,
        user_id,
        activity_date,
        '' as event_key,
        sum(event_count) as event_count
    from {{ activity }}
    group by 1, 2, 3
),

signal_events as (
    select
        account_id,
        user_id,
        activity_date,
        event_name as event_key,
        event_count
    from {{ activity }}
    where
        event_name in (select signals.event_name from signals)
),

measured_activity as (
    select * from user_days
    union all
    select * from signal_events
),

{%- if backtest %}

    backtest_references as (
        select distinct
            account_id,
            reference_date
        from entities
    ),

    -- each account's activity up to its own reference day (shared by the scoring modes)
    scoped_activity as (
        select
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
{%- else %}

    -- the as-of day, where int_activity_attributed stops: no inequality join, which would sort all
    -- of history
    scoped_activity as (
        select
            {{ pql_as_of_date() }} as reference_date,
            account_id,
            user_id,
            activity_date,
            event_key,
            event_count
        from measured_activity
    ),
{%- endif %}

scoring_modes as (
    select distinct scoring_mode
    from entities
),

-- per user (and the account their rows name): all of history, and the last two windows of each
-- signal with a window
user_totals as (
    select
        reference_date,
        account_id,
        user_id,
        event_key,
        sum(event_count) as event_count,
        min(activity_date) as first_event_date,
        max(activity_date) as last_event_date
    from scoped_activity
    group by 1, 2, 3, 4
),

user_windows as (
    select
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
    cross join scoring_modes
    inner join signals
        on
            scoring_modes.scoring_mode = signals.scoring_mode
            and scoped_activity.event_key = coalesce(signals.event_name, '')
            and scoped_activity.activity_date
            > {{ dbt.dateadd('day', '-2 * signals.window_days', 'scoped_activity.reference_date') }}
    where signals.window_days is not null and signals.rule_type in ('{{ activity_rule_types | join("', '") }}')
    group by 1, 2, 3, 4, 5
),

-- the same per entity: an account adds up its users (one user_totals row per user), a user adds up
-- their rows (which may name several accounts when the user has none)
holder_totals as (
    select
        '{{ account_type }}' as entity_type,
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
    {%- if not backtest %}
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
        group by 1, 2, 3, 4
    {%- endif %}
),

holder_windows as (
    select
        '{{ account_type }}' as entity_type,
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
    {%- if not backtest %}
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
        group by 1, 2, 3, 4, 5
    {%- endif %}
),

-- the activity each entity's signals read: its own holder's totals and windows, except for an
-- account-wide rule type (breadth), where a user reads their account's (a user whose account is not
-- scored counts alone)
entity_holders as (
    select
        entities.entity_key,
        entities.entity_type,
        entities.entity_id,
        entities.account_id,
        entities.scoring_mode,
        entities.reference_date,
        entities.signed_up_at,
        entities.employee_count,
        entities.economic_buyer_count,
        case when entities.entity_type = 'user' then entities.entity_id else entities.account_id end as holder_id,
        case
            when entities.entity_type = 'user' and scored_accounts.entity_id is not null then 'account'
            else entities.entity_type
        end as account_holder_type,
        case
            when entities.entity_type = 'user' and scored_accounts.entity_id is not null then entities.account_id
            when entities.entity_type = 'user' then entities.entity_id
            else entities.account_id
        end as account_holder_id
    from entities
    left join entities as scored_accounts
        on
            entities.entity_type = 'user'
            and scored_accounts.entity_type = 'account'
            and entities.account_id = scored_accounts.entity_id
            and entities.scoring_mode = scored_accounts.scoring_mode
    {%- if changes is not none %}
        where entities.entity_key in (select changes.entity_key from {{ changes }} as changes)
    {%- endif %}
),

entity_signals as (
    select
        entity_holders.*,
        signals.signal_id,
        signals.rule_type,
        signals.event_name,
        signals.window_days,
        case
            when signals.rule_type in ('{{ account_wide_rule_types | join("', '") }}')
                then entity_holders.account_holder_type
            else entity_holders.entity_type
        end as activity_holder_type,
        case
            when signals.rule_type in ('{{ account_wide_rule_types | join("', '") }}')
                then entity_holders.account_holder_id
            else entity_holders.holder_id
        end as activity_holder_id,
        case
            when signals.rule_type in ('{{ activity_rule_types | join("', '") }}')
                then coalesce(signals.event_name, '')
        end as activity_event_key
    from entity_holders
    inner join signals
        on entity_holders.scoring_mode = signals.scoring_mode
),

-- what each entity x signal read: all of history for signals without a window, else its window
signal_activity as (
    select
        entity_signals.*,
        case
            when entity_signals.window_days is null then holder_totals.event_count
            else holder_windows.events_in_window
        end as events_in_window,
        case
            when entity_signals.window_days is null then holder_totals.active_users
            else holder_windows.active_users_in_window
        end as active_users_in_window,
        case
            when entity_signals.window_days is null then holder_totals.last_event_date
            else holder_windows.last_event_in_window_date
        end as last_event_in_window_date,
        holder_windows.events_in_previous_window,
        holder_totals.first_event_date,
        holder_totals.last_event_date
    from entity_signals
    left join holder_totals
        on
            entity_signals.activity_holder_type = holder_totals.entity_type
            and entity_signals.activity_holder_id = holder_totals.holder_id
            and entity_signals.reference_date = holder_totals.reference_date
            and entity_signals.activity_event_key = holder_totals.event_key
    left join holder_windows
        on
            entity_signals.activity_event_key is not null
            and entity_signals.activity_holder_type = holder_windows.entity_type
            and entity_signals.activity_holder_id = holder_windows.holder_id
            and entity_signals.reference_date = holder_windows.reference_date
            and entity_signals.scoring_mode = holder_windows.scoring_mode
            and entity_signals.signal_id = holder_windows.signal_id
),

-- each rule type's measure and signal date, as the registry (macro pql_rule_types) writes them
measured as (
    select
        {{ pql_surrogate_key(['entity_key', 'signal_id']) }} as entity_signal_key,
        entity_key,
        entity_type,
        entity_id,
        account_id,
        scoring_mode,
        signal_id,
        cast(
            case rule_type
                {%- for rule_type, rule in rule_types.items() %}
                    when '{{ rule_type }}' then {{ rule.measure }}
                {%- endfor %}
            end as {{ pql_type_float() }}
        ) as measure_value,
        case rule_type
            {%- for rule_type, rule in rule_types.items() if rule.signal_date is not none %}
                when '{{ rule_type }}' then {{ rule.signal_date }}
            {%- endfor %}
        end as signal_date
    from signal_activity
)

select * from measured
{% endmacro %}
