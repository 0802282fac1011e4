{#- The public mart of int_users_enriched: the same rows, published for BI, the CRM syncs and
    notebooks (the logic and its unit tests live there). -#}
{{ config(**pql_changed_rows_config('user_id')) }}
with

users as (
    select * from {{ ref('int_users_enriched') }}
)

select * from users
