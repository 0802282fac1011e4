{#- Attio Person records, asserted on email_addresses (the people object's unique attribute): one
    row per email, the higher score winning, like HubSpot's contacts. Attribute slugs, Attio
    attribute types and limits live in the YAML (pql_sync_select). -#}
{{ config(**pql_changed_rows_config('email_addresses', contracted=true)) }}
with

prepared as (
    select * from {{ ref('int_users_crm_prepared') }}
    where email_rank = 1
),

{{ pql_sync_select('prepared') }}
