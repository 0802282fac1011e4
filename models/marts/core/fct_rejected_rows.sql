{#- The public mart of int_rows_rejected: the same rows, published for BI, the CRM syncs and
    notebooks (the logic and its unit tests live there). -#}
with

rejected_rows as (
    select * from {{ ref('int_rows_rejected') }}
)

select * from rejected_rows
