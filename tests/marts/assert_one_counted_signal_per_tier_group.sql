-- Only the highest tier of a tier group counts: never two counted signals in one group of one entity.
select
    entity_key,
    tier_group,
    count(*) as counted_signals
from {{ ref('int_signals_evaluated') }}
where is_counted
group by 1, 2
having count(*) > 1
