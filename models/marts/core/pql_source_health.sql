{#- One row per event day of the selected event source: events kept and rejected (by reason), and
    kept events that reach a user and an account, so a mapping that attaches nothing is loud
    (tests/marts/assert_source_events_reach_users.sql warns below var pql__min_attributed_share). -#}
with

kept_activity as (
    select * from {{ ref('int_activity_daily') }}
),

users as (
    select user_id from {{ ref('stg_generic__users') }}
    where rejection_reason is null
),

attributed_activity as (
    select * from {{ ref('int_activity_attributed') }}
),

rejected_events as (
    select * from {{ ref('int_rows_rejected') }}
    where source_table = 'events'
),

kept_by_day as (
    select
        kept_activity.activity_date as event_date,
        sum(kept_activity.event_count) as kept_event_count
    from kept_activity
    left join users
        on kept_activity.user_id = users.user_id
    -- events of user ids the users table does not know are rejected (fct_rejected_rows)
    where kept_activity.user_id is null or users.user_id is not null
    group by 1
),

attributed_by_day as (
    select
        activity_date as event_date,
        sum(event_count) as user_event_count,
        sum(case when account_id is not null then event_count else 0 end) as account_event_count
    from attributed_activity
    group by 1
),

rejected_by_day as (
    select
        cast(row_recorded_at as date) as event_date,
        count(*) as rejected_event_count,
        {%- for reason in pql_event_rejection_reasons() %}
            sum(case when rejection_reason = '{{ reason }}' then 1 else 0 end) as rejected_{{ reason }}_count
            {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from rejected_events
    group by 1
),

event_days as (
    select event_date from kept_by_day
    union
    select event_date from rejected_by_day
),

health as (
    select
        {{ pql_surrogate_key(["'" ~ pql_event_source() ~ "'", 'event_days.event_date']) }} as source_health_id,
        '{{ pql_event_source() }}' as event_source,
        event_days.event_date,
        cast(
            coalesce(kept_by_day.kept_event_count, 0) + coalesce(rejected_by_day.rejected_event_count, 0)
            as {{ dbt.type_bigint() }}
        ) as raw_event_count,
        cast(coalesce(kept_by_day.kept_event_count, 0) as {{ dbt.type_bigint() }}) as kept_event_count,
        cast(coalesce(rejected_by_day.rejected_event_count, 0) as {{ dbt.type_bigint() }}) as rejected_event_count,
        {%- for reason in pql_event_rejection_reasons() %}
            cast(coalesce(rejected_by_day.rejected_{{ reason }}_count, 0) as {{ dbt.type_bigint() }})
                as rejected_{{ reason }}_count,
        {%- endfor %}
        -- attribution is known up to the as-of day only (later days: null)
        cast(
            case
                when event_days.event_date <= {{ pql_as_of_date() }}
                    then coalesce(attributed_by_day.user_event_count, 0)
            end as {{ dbt.type_bigint() }}
        ) as user_event_count,
        cast(
            case
                when event_days.event_date <= {{ pql_as_of_date() }}
                    then coalesce(attributed_by_day.account_event_count, 0)
            end as {{ dbt.type_bigint() }}
        ) as account_event_count
    from event_days
    left join kept_by_day
        on event_days.event_date = kept_by_day.event_date
    left join rejected_by_day
        -- events without a usable time have no day: their row has a null event_date
        on
            event_days.event_date = rejected_by_day.event_date
            or (event_days.event_date is null and rejected_by_day.event_date is null)
    left join attributed_by_day
        on event_days.event_date = attributed_by_day.event_date
)

select * from health
