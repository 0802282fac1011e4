-- The published score is exactly what its published parts say: the points per category add up to
-- behaviour_points, and score = max(min(max(behaviour_points, 0), 100) - decay_points, 0).
select
    account_id,
    pql_score,
    behaviour_points,
    decay_points
from {{ ref('pql_accounts') }}
where
    pql_score <> greatest(least(greatest(behaviour_points, 0), 100) - decay_points, 0)
    or behaviour_points <> depth_points + breadth_points + aha_points + limit_points + intent_points
    + velocity_points + negative_points + firmographic_points + recency_points
