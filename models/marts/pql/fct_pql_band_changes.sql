{#- The public mart of int_band_changes_detected: the same rows, published for BI, the CRM syncs and
    notebooks (the logic and its unit tests live there). -#}
with

band_changes as (
    select * from {{ ref('int_band_changes_detected') }}
)

select * from band_changes
