{{ config(materialized='view') }}
{#- The public mart of int_activity_attributed: the same rows, as a view (no second copy of
    the largest fact). -#}
with

activity as (
    select * from {{ ref('int_activity_attributed') }}
)

select * from activity
