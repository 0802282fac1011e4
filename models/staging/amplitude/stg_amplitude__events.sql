{%- set columns = pql_source_columns(source('amplitude', 'event')) -%}
{%- do pql_require_columns(columns, ['event_type', 'event_time'], "source amplitude.event") -%}
{%- set text = dbt.type_string() -%}
{%- set fivetran_event_id = pql_clean_id(pql_column_or_null(columns, 'id', text)) -%}
{%- set client_time = pql_clean_id(pql_column_or_null(columns, 'client_event_time', text)) -%}
{%- set group_type = var('pql__amplitude_account_group', 'company') -%}
with

source as (
    select * from {{ source('amplitude', 'event') }}
),

renamed as (
    select
        ---------- ids
        -- Amplitude's own deduplication id; Fivetran can deliver it empty, and then the event is the
        -- one Fivetran's dbt_amplitude names: its id, device, client time and user
        coalesce(
            {{ pql_clean_id(pql_column_or_null(columns, '_insert_id', text)) }},
            case
                when {{ fivetran_event_id }} is not null or {{ client_time }} is not null
                    then {{ pql_surrogate_key([
                        fivetran_event_id,
                        pql_clean_id(pql_column_or_null(columns, 'device_id', text)),
                        client_time,
                        'coalesce(' ~ pql_clean_id(pql_column_or_null(columns, 'user_id', text)) ~ ', '
                            ~ pql_clean_id(pql_column_or_null(columns, 'amplitude_id', text)) ~ ')',
                    ]) }}
            end
        ) as event_id,
        {{ pql_clean_id(pql_column_or_null(columns, 'user_id', dbt.type_string())) }} as user_id,
        {{ pql_clean_id(pql_column_or_null(columns, 'device_id', dbt.type_string())) }} as anonymous_id,
        nullif(
            {{ dbt.split_part(
                "replace(replace(replace(" ~ pql_json_text(pql_column_or_null(columns, 'groups', dbt.type_string()), group_type)
                ~ ", '[', ''), ']', ''), '\"', '')",
                "','", 1
            ) }},
            ''
        ) as account_id,
        ---------- strings
        nullif(lower({{ pql_trim_whitespace('cast(event_type as ' ~ dbt.type_string() ~ ')') }}), '') as event_name,
        cast({{ pql_column_or_null(columns, 'event_properties', dbt.type_string()) }} as {{ dbt.type_string() }})
            as properties,
        ---------- timestamps
        {{ pql_to_utc_timestamp('event_time') }} as occurred_at,
        -- Fivetran's sync time, else when Amplitude's servers received the upload
        {{ pql_loaded_at(source('amplitude', 'event'), columns, ['_fivetran_synced', 'server_upload_time']) }}
            as loaded_at
    from source
)

{{ pql_select_events_shape('renamed') }}
