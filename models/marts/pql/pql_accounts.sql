{#- The public mart of int_accounts_scored: the same rows, with the contract BI and the CRM syncs rely on. -#}
with

accounts as (
    select * from {{ ref('int_accounts_scored') }}
)

select * from accounts
