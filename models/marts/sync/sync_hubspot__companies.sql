{#- HubSpot Company sync (unique property pql_account_id). Property names, types and limits live in
    the YAML (pql_sync_select); this file only picks the prepared rows. -#}
{{ config(**pql_changed_rows_config('pql_account_id', contracted=true)) }}
with

prepared as (
    select * from {{ ref('int_accounts_crm_prepared') }}
),

{{ pql_sync_select('prepared') }}
