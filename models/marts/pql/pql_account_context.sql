{#- The public mart of int_accounts_contextualized: the same rows, published for BI, the CRM syncs and
    notebooks (the logic and its unit tests live there). -#}
{{ config(**pql_changed_rows_config('account_id', run_stamps=['as_of_date'], contracted=true)) }}
with

contexts as (
    select * from {{ ref('int_accounts_contextualized') }}
)

select * from contexts
