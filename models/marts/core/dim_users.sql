{#- The public mart of int_users_enriched: the same rows, with the contract BI and the CRM syncs rely on. -#}
with

users as (
    select * from {{ ref('int_users_enriched') }}
)

select * from users
