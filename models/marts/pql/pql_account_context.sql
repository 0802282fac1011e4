{#- The public mart of int_accounts_contextualized: the same rows, published for BI, the CRM syncs and
    notebooks (the logic and its unit tests live there). -#}
with

contexts as (
    select * from {{ ref('int_accounts_contextualized') }}
)

select * from contexts
