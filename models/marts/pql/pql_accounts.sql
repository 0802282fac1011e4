{#- The public mart of int_accounts_scored: the same rows, published for BI, the CRM syncs and
    notebooks (the logic and its unit tests live there). -#}
{{ config(**pql_changed_rows_config('account_id', run_stamps=['as_of_date', 'scored_at'], contracted=true)) }}
with

accounts as (
    select * from {{ ref('int_accounts_scored') }}
)

select * from accounts
