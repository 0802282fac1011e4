{#- PostHog: every distinct id of an identified person links to that person's user id (persons.$user_id).
    PostHog does not export when a distinct id joined a person, so a link counts from the start of history. -#}
with

distinct_ids as (
    select * from {{ ref('stg_posthog__person_distinct_ids') }}
),

persons as (
    select * from {{ ref('stg_posthog__persons') }}
    where user_id is not null
),

links as (
    select
        distinct_ids.distinct_id as anonymous_id,
        persons.user_id,
        cast(null as {{ dbt.type_timestamp() }}) as identified_at
    from distinct_ids
    inner join persons
        on distinct_ids.person_id = persons.person_id
    where distinct_ids.distinct_id <> persons.user_id
)

select * from links
