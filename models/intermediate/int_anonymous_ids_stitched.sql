{#- anonymous_id -> user_id, learned from events that carry both. When one anonymous id was seen with
    several users (a shared device), the first identification wins. Point in time: identifications
    after the as-of day do not exist for this run. -#}
with

activity as (
    select * from {{ ref('int_activity_daily') }}
),

identifications as (
    select
        anonymous_id,
        user_id,
        min(first_occurred_at) as identified_at
    from activity
    where
        anonymous_id is not null
        and user_id is not null
        and first_occurred_at < {{ pql_as_of_cutoff() }}
    group by 1, 2
),

ranked as (
    select
        identifications.*,
        row_number() over (
            partition by identifications.anonymous_id
            order by identifications.identified_at, identifications.user_id
        ) as identification_rank
    from identifications
),

first_identification as (
    select
        anonymous_id,
        user_id,
        identified_at
    from ranked
    where identification_rank = 1
)

select * from first_identification
