{{ config(materialized='view') }}
{#- Every raw event delivery with its final rejection_reason (null = usable): the row-level reasons
    from staging, then redeliveries of an event_id already seen (the earliest delivery wins), then
    events of a user_id that is not in the users table. A view: int_activity_daily reads the usable
    rows, fct_rejected_rows the others, so the rule lives in one place. -#}
with

events as (
    select * from {{ ref(pql_events_model()) }}
),

users as (
    select user_id from {{ ref('stg_generic__users') }}
    where rejection_reason is null
),

usable_rows_ranked as (
    select
        events.event_id,
        events.user_id,
        events.anonymous_id,
        events.account_id,
        events.event_name,
        events.occurred_at,
        users.user_id is not null as is_known_user,
        row_number() over (
            partition by events.event_id
            order by events.occurred_at, events.user_id, events.anonymous_id, events.event_name
        ) as delivery_rank
    from events
    left join users
        on events.user_id = users.user_id
    where events.rejection_reason is null
),

usable_rows_judged as (
    select
        event_id,
        user_id,
        anonymous_id,
        account_id,
        event_name,
        occurred_at,
        case
            when delivery_rank > 1 then 'duplicate_event_id'
            when user_id is not null and not is_known_user then 'unknown_user'
        end as rejection_reason
    from usable_rows_ranked
),

row_level_rejects as (
    select
        event_id,
        user_id,
        anonymous_id,
        account_id,
        event_name,
        occurred_at,
        rejection_reason
    from events
    where rejection_reason is not null
),

all_rows as (
    select * from usable_rows_judged
    union all
    select * from row_level_rejects
)

select * from all_rows
