{#- anonymous_id -> user_id, learned from events that carry both, from anonymous ids that are user ids,
    and from the event source's own identity model (Segment identifies, Mixpanel identity mappings,
    PostHog persons). When one anonymous id was seen with
    several users (a shared device), the first identification wins. Point in time: identifications
    after the as-of day do not exist for this run. -#}
with

activity as (
    select * from {{ ref('int_activity_daily') }}
),

users as (
    select user_id from {{ ref('stg_generic__users') }}
    where rejection_reason is null
),

links as (
    select
        activity.anonymous_id,
        activity.user_id,
        activity.first_occurred_at as identified_at
    from activity
    inner join users
        on activity.user_id = users.user_id
    where activity.anonymous_id is not null
    union all
    -- an anonymous id that is itself a user id is that user from the start of history: the loaders
    -- that record events under one id (PostHog's and Mixpanel's distinct_id) use the app's user id
    -- once the user is identified
    select distinct
        activity.anonymous_id,
        activity.anonymous_id as user_id,
        cast('1970-01-01' as {{ dbt.type_timestamp() }}) as identified_at
    from activity
    inner join users
        on activity.anonymous_id = users.user_id
    where activity.user_id is null
    {%- if pql_identities_model() %}
        union all
        -- the event source's own identity links (a link with no time counts from the start of history)
        select
            anonymous_id,
            user_id,
            coalesce(identified_at, cast('1970-01-01' as {{ dbt.type_timestamp() }})) as identified_at
        from {{ ref(pql_identities_model()) }}
    {%- endif %}
),

identifications as (
    select
        anonymous_id,
        user_id,
        min(identified_at) as identified_at
    from links
    where identified_at < {{ pql_as_of_cutoff() }}
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
