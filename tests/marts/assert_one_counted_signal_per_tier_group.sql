-- Only the highest tier of a tier group counts: never two counted signals in one group.
select
    entity_type,
    entity_id,
    tier_group,
    count(*) as counted_signals
from {{ ref('int_signals_evaluated') }}
where is_counted
group by 1, 2, 3
having count(*) > 1
