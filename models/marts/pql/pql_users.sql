{#- The public mart of int_users_scored: the same rows, published for BI, the CRM syncs and
    notebooks (the logic and its unit tests live there). -#}
with

users as (
    select * from {{ ref('int_users_scored') }}
)

select * from users
