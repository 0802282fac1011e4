{#- The public mart of int_accounts_enriched: the same rows, published for BI, the CRM syncs and
    notebooks (the logic and its unit tests live there). -#}
with

accounts as (
    select * from {{ ref('int_accounts_enriched') }}
)

select * from accounts
