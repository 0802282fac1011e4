{#- The score bands in force per scoring mode: the seed's (int_bands_configured) in configured mode; in
    derived mode the bands calibrated on the train cohort (int_bands_calibrated) when var
    pql__derived_bands is calibrated (the default) and the calibration gave rows, else the seed's. -#}
{%- set choice = var('pql__derived_bands') | string | trim | lower -%}
{%- if choice not in ['calibrated', 'configured'] -%}
    {{ exceptions.raise_compiler_error(
        "pql: var pql__derived_bands must be calibrated or configured; got '" ~ choice ~ "'"
    ) }}
{%- endif -%}
with

configured as (
    select * from {{ ref('int_bands_configured') }}
),

calibrated as (
    select * from {{ ref('int_bands_calibrated') }}
    where {{ 'true' if choice == 'calibrated' else 'false' }}
),

modes as (
    select 'configured' as scoring_mode
    union all
    select 'derived' as scoring_mode
),

seed_bands as (
    select
        modes.scoring_mode,
        configured.band,
        configured.min_score,
        configured.max_score,
        configured.band_rank,
        'configured' as band_origin
    from modes
    cross join configured
    where modes.scoring_mode = 'configured' or not exists (select 1 from calibrated)
),

calibrated_bands as (
    select
        scoring_mode,
        band,
        cast(min_score as {{ dbt.type_int() }}) as min_score,
        cast(max_score as {{ dbt.type_int() }}) as max_score,
        cast(band_rank as {{ dbt.type_int() }}) as band_rank,
        band_origin
    from calibrated
),

in_force as (
    select * from seed_bands
    union all
    select * from calibrated_bands
),

keyed as (
    select
        {{ pql_surrogate_key(['scoring_mode', 'band']) }} as band_mode_key,
        *
    from in_force
)

select * from keyed
