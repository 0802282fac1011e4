{#- Every scoring mode's bands in force (int_bands_in_force) put each score 0-100 in exactly one band:
    returns the (mode, score) pairs with no band or more than one. -#}
with

digits as (
    select 0 as d
    union all
    select 1
    union all
    select 2
    union all
    select 3
    union all
    select 4
    union all
    select 5
    union all
    select 6
    union all
    select 7
    union all
    select 8
    union all
    select 9
),

scores as (
    select hundreds.d * 100 + tens.d * 10 + units.d as score
    from digits as hundreds
    cross join digits as tens
    cross join digits as units
    where hundreds.d * 100 + tens.d * 10 + units.d <= 100
),

modes as (
    select distinct scoring_mode from {{ ref('int_bands_in_force') }}
),

covered as (
    select
        modes.scoring_mode,
        scores.score,
        count(bands.band) as bands
    from modes
    cross join scores
    left join {{ ref('int_bands_in_force') }} as bands
        on
            modes.scoring_mode = bands.scoring_mode
            and scores.score between bands.min_score and bands.max_score
    group by 1, 2
)

select * from covered
where bands <> 1
