{#- The public mart of int_users_scored: the same rows, published for BI, the CRM syncs and
    notebooks (the logic and its unit tests live there). -#}
{{ config(**pql_changed_rows_config('user_id', run_stamps=['as_of_date', 'scored_at'], contracted=true)) }}
with

users as (
    select * from {{ ref('int_users_scored') }}
)

select * from users
