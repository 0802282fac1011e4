{#- The public mart of int_accounts_contextualized: the same rows, with the contract BI and the CRM syncs rely on. -#}
with

contexts as (
    select * from {{ ref('int_accounts_contextualized') }}
)

select * from contexts
