{#- HubSpot Contact sync, keyed by email (HubSpot's contact key): one row per email, the higher
    score winning. Property names, types and limits live in the YAML (pql_sync_select). -#}
{{ config(**pql_changed_rows_config('email', contracted=true)) }}
with

prepared as (
    select * from {{ ref('int_users_crm_prepared') }}
    where email_rank = 1
),

{{ pql_sync_select('prepared') }}
