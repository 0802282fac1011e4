{#- The public mart of int_accounts_enriched: the same rows, with the contract BI and the CRM syncs rely on. -#}
with

accounts as (
    select * from {{ ref('int_accounts_enriched') }}
)

select * from accounts
