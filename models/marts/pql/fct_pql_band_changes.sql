{#- The public mart of int_band_changes_detected: the same rows, with the contract BI and the CRM syncs rely on. -#}
with

band_changes as (
    select * from {{ ref('int_band_changes_detected') }}
)

select * from band_changes
