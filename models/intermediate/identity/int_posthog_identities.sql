{#- PostHog identity, resolved the way PostHog resolves it: a distinct id belongs to a person (the
    current mapping of person_distinct_ids or of a persons export: highest version, not deleted; else
    the person_id an event carried), and a person whose distinct ids include an app user id
    (users.user_id; `identify(user_id)` makes it one of the person's distinct ids) is that user, for
    every one of the person's distinct ids, identified events or not. A person with several user ids
    is the earliest-created user's. A distinct id that is itself a user id stays that user's (see
    int_anonymous_ids_stitched). PostHog does not export when a distinct id joined a person, so a link
    counts from the start of history. -#}
with

mapping_rows as (
    select
        distinct_id,
        person_id,
        mapping_version,
        is_deleted
    from {{ ref('stg_posthog__person_distinct_ids') }}
    union all
    select
        distinct_id,
        person_id,
        mapping_version,
        is_deleted
    from {{ ref('stg_posthog__persons') }}
),

event_persons as (
    select distinct
        anonymous_id as distinct_id,
        person_id
    from {{ ref('stg_posthog__events') }}
    where anonymous_id is not null and person_id is not null
),

users as (
    select
        user_id,
        created_at
    from {{ ref('stg_generic__users') }}
    where rejection_reason is null
),

mappings_ranked as (
    select
        mapping_rows.*,
        row_number() over (
            partition by mapping_rows.distinct_id
            order by coalesce(mapping_rows.mapping_version, -1) desc, mapping_rows.person_id
        ) as mapping_rank
    from mapping_rows
),

current_mappings as (
    select
        distinct_id,
        person_id
    from mappings_ranked
    where mapping_rank = 1 and not is_deleted
),

-- distinct ids the identity tables do not know: the person their events carried (the first, when
-- a merge gave them several)
event_mappings as (
    select
        event_persons.distinct_id,
        min(event_persons.person_id) as person_id
    from event_persons
    left join mappings_ranked
        on event_persons.distinct_id = mappings_ranked.distinct_id
    where mappings_ranked.distinct_id is null
    group by 1
),

distinct_id_persons as (
    select * from current_mappings
    union all
    select * from event_mappings
),

person_users_ranked as (
    select
        distinct_id_persons.person_id,
        users.user_id,
        row_number() over (
            partition by distinct_id_persons.person_id
            order by users.created_at, users.user_id
        ) as user_rank
    from distinct_id_persons
    inner join users
        on distinct_id_persons.distinct_id = users.user_id
),

links as (
    select
        distinct_id_persons.distinct_id as anonymous_id,
        person_users_ranked.user_id,
        cast(null as {{ dbt.type_timestamp() }}) as identified_at
    from distinct_id_persons
    inner join person_users_ranked
        on
            distinct_id_persons.person_id = person_users_ranked.person_id
            and person_users_ranked.user_rank = 1
    left join users as distinct_id_users
        on distinct_id_persons.distinct_id = distinct_id_users.user_id
    where distinct_id_users.user_id is null
)

select * from links
