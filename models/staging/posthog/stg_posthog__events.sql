{#- PostHog events (a batch export's events model, or the data warehouse's events table) in the shared
    events shape. PostHog ties events to people through distinct ids, not through the event: every
    event is recorded under its distinct_id (the anonymous id here), and int_posthog_identities says
    which distinct ids belong to which user (a person whose distinct ids include the app's user id).
    No property decides it: `$is_identified` is not sent by server-side libraries. -#}
{%- set columns = pql_source_columns(source('posthog', 'events')) -%}
{%- do pql_require_columns(columns, ['uuid', 'event', 'distinct_id', 'timestamp'], "source posthog.events") -%}
{%- set properties = 'cast(' ~ pql_column_or_null(columns, 'properties', dbt.type_string())
    ~ ' as ' ~ dbt.type_string() ~ ')' -%}
{%- set group_type = var('pql__posthog_account_group', 'company') -%}
{%- set group_index = var('pql__posthog_account_group_index', 0) | int -%}
with

source as (
    select * from {{ source('posthog', 'events') }}
),

typed as (
    select
        {{ pql_clean_id('uuid') }} as event_id,
        {{ pql_clean_id('distinct_id') }} as distinct_id,
        {{ pql_clean_id(pql_column_or_null(columns, 'person_id', dbt.type_string())) }} as person_id,
        coalesce(
            {{ pql_clean_id(pql_json_text(pql_json_text(properties, '$groups'), group_type)) }},
            {{ pql_clean_id(pql_json_text(properties, '$group_' ~ group_index)) }}
        ) as group_key,
        event,
        {{ properties }} as properties,
        {{ adapter.quote('timestamp') }} as event_timestamp,
        -- a batch export's _inserted_at (when it was exported), else when PostHog ingested the event
        {{ pql_loaded_at(source('posthog', 'events'), columns, ['_inserted_at', 'created_at']) }} as loaded_at
    from source
),

renamed as (
    select
        ---------- ids
        event_id,
        cast(null as {{ dbt.type_string() }}) as user_id,
        distinct_id as anonymous_id,
        person_id,
        group_key as account_id,
        ---------- strings
        nullif(lower({{ pql_trim_whitespace('cast(event as ' ~ dbt.type_string() ~ ')') }}), '') as event_name,
        properties,
        ---------- timestamps
        {{ pql_to_utc_timestamp('event_timestamp') }} as occurred_at,
        loaded_at
    from typed
)

{{ pql_select_events_shape('renamed', extra_columns=['person_id']) }}
