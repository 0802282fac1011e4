{#- Salesforce Account upsert (External ID PQL_Account_ID__c). Field names, types and limits live in
    the YAML (pql_sync_select); this file only picks the prepared rows. -#}
{{ config(**pql_changed_rows_config('PQL_Account_ID__c', contracted=true)) }}
with

prepared as (
    select * from {{ ref('int_accounts_crm_prepared') }}
),

{{ pql_sync_select('prepared') }}
