{#- Attio Company records, asserted on the unique custom attribute pql_account_id. Attribute slugs,
    Attio attribute types (config.meta.attio_type) and limits live in the YAML (pql_sync_select). -#}
{{ config(**pql_changed_rows_config('pql_account_id', contracted=true)) }}
with

prepared as (
    select * from {{ ref('int_accounts_crm_prepared') }}
),

{{ pql_sync_select('prepared') }}
