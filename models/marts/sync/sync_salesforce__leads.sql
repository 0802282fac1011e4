{#- Salesforce Lead upsert (External ID PQL_User_ID__c), one per user with an email. Field names,
    types and limits live in the YAML (pql_sync_select). -#}
{{ config(**pql_changed_rows_config('PQL_User_ID__c', contracted=true)) }}
with

prepared as (
    select * from {{ ref('int_users_crm_prepared') }}
),

{{ pql_sync_select('prepared') }}
