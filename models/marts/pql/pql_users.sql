{#- The public mart of int_users_scored: the same rows, with the contract BI and the CRM syncs rely on. -#}
with

users as (
    select * from {{ ref('int_users_scored') }}
)

select * from users
