{#- Every raw row that the pipeline could not use, with the table it came from and why. With the rows
    kept, it accounts for every raw row (tests/staging/assert_raw_rows_reconcile.sql). Events of a
    user_id that is not in this run's users table are rejected here as unknown_user (judged at read
    time, so a user who arrives later gets their events back).
    Incremental: a run replaces the rows of the small tables whole, the event rows of the days
    int_events_validated may have replaced since the last run (pql_rejections_days_replaced) and
    the unknown_user rows of the users whose usability changed (pql_rejections_touched_users), on
    every day; the users it judged usable and the marks it read days by are kept in `<this>__state`
    (pql_rejections_state). Occurrences are numbered within a day, so a day is recomputed whole. -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{% if is_incremental() %}{{ pql_delete_rows(this, pql_rejections_replaced(), 'rejected_row_id') }}{% endif %}",
        post_hook="{{ pql_replace_table(pql_rejections_state(), pql_rejections_state(sql=true)) }}"
    )
}}
{%- set is_corrected = is_incremental() and pql_rejections_state(existing_only=true) is not none %}
{%- set days_replaced = pql_rejections_days_replaced('occurred_at') %}
with

-- the users, read once: the rejected ones, the usable ones and the users touched since the last run
-- are all taken from this (a staging view read three times is computed three times)
staged_users as (
    select
        user_id,
        account_id,
        created_at,
        rejection_reason
    from {{ ref('stg_generic__users') }}
),
{%- if is_corrected %}

    touched_users as (
        {{ pql_rejections_touched_users('staged_users') }}
    ),
{%- endif %}

-- two imports of the loaded events, each read once: a CTE read twice is materialised whole by some
-- warehouses (DuckDB), which at 50M events is the slowest step of the build
rejected_events as (
    select * from {{ ref('int_events_validated') }}
    where rejection_reason is not null and {{ days_replaced }}
),

usable_events as (
    select * from {{ ref('int_events_validated') }}
    where
        rejection_reason is null
        and user_id is not null
        and {{ days_replaced }}
    {%- if is_corrected %}
        -- an incremental run: also every other day of a user whose usability changed, read apart so
        -- that the days above are read by their literal ranges (one `or` of both reads every row;
        -- an empty touched_users ends this read before it scans)
        union all
        select * from {{ ref('int_events_validated') }}
        where
            rejection_reason is null
            and user_id is not null
            and not {{ days_replaced }}
            and user_id in (select touched_users.user_id from touched_users)
    {%- endif %}
),

users as (
    select * from staged_users
    where rejection_reason is not null
),

usable_users as (
    select user_id from staged_users
    where rejection_reason is null
),

events as (
    select
        event_id,
        user_id,
        anonymous_id,
        event_name,
        occurred_at,
        rejection_reason
    from rejected_events
    union all
    select
        usable_events.event_id,
        usable_events.user_id,
        usable_events.anonymous_id,
        usable_events.event_name,
        usable_events.occurred_at,
        'unknown_user' as rejection_reason
    from usable_events
    left join usable_users
        on usable_events.user_id = usable_users.user_id
    where usable_users.user_id is null
),

accounts as (
    select * from {{ ref('stg_generic__accounts') }}
    where rejection_reason is not null
),

subscriptions as (
    select * from {{ ref('int_subscriptions_validated') }}
    where rejection_reason is not null
),

rejected as (
    select
        'events' as source_table,
        event_id as source_row_id,
        rejection_reason,
        occurred_at as row_recorded_at,
        {{ dbt.concat([
            "'user_id='", "coalesce(user_id, '')",
            "' anonymous_id='", "coalesce(anonymous_id, '')",
            "' event_name='", "coalesce(event_name, '')",
        ]) }} as row_summary
    from events
    union all
    select
        'users' as source_table,
        user_id as source_row_id,
        rejection_reason,
        created_at as row_recorded_at,
        {{ dbt.concat(["'account_id='", "coalesce(account_id, '')"]) }} as row_summary
    from users
    union all
    select
        'accounts' as source_table,
        account_id as source_row_id,
        rejection_reason,
        created_at as row_recorded_at,
        {{ dbt.concat(["'account_name='", "coalesce(account_name, '')"]) }} as row_summary
    from accounts
    union all
    select
        'subscriptions' as source_table,
        subscription_id as source_row_id,
        rejection_reason,
        started_at as row_recorded_at,
        {{ dbt.concat([
            "'account_id='", "coalesce(account_id, '')",
            "' plan='", "coalesce(plan_name, '')",
        ]) }} as row_summary
    from subscriptions
),

numbered as (
    select
        rejected.*,
        -- numbered within the day the row was recorded, so that a day replaced is numbered whole
        cast(rejected.row_recorded_at as date) as recorded_on,
        row_number() over (
            partition by
                rejected.source_table,
                rejected.source_row_id,
                rejected.rejection_reason,
                cast(rejected.row_recorded_at as date)
            order by rejected.row_recorded_at, rejected.row_summary
        ) as occurrence
    from rejected
),

keyed as (
    select
        {{ pql_surrogate_key(['source_table', 'source_row_id', 'rejection_reason', 'recorded_on', 'occurrence']) }}
            as rejected_row_id,
        source_table,
        source_row_id,
        rejection_reason,
        row_recorded_at,
        row_summary
    from numbered
)

select * from keyed
