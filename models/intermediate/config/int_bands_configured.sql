{#- The score bands in force (seed pql_bands), validated: exactly the bands high, mid, low and not_pql,
    each min <= max, no overlap, and together covering every score from 0 to 100. -#}
{%- set bands = ref('pql_bands') -%}
{%- set errors_sql -%}
    select error_message from (
        select 'band ''' || coalesce(band, '<null>') || ''': unknown band (expected high, mid, low, not_pql)' as error_message
        from {{ bands }}
        where band is null or band not in ('high', 'mid', 'low', 'not_pql')
        union all
        select 'band ' || expected.band || ': missing'
        from (
            select 'high' as band union all select 'mid' union all select 'low' union all select 'not_pql'
        ) as expected
        where expected.band not in (select band from {{ bands }} where band is not null)
        union all
        select 'band ' || band || ': repeated'
        from {{ bands }}
        group by band
        having count(*) > 1
        union all
        select 'band ' || band || ': min_score ' || cast(min_score as {{ dbt.type_string() }})
            || ' is above max_score ' || cast(max_score as {{ dbt.type_string() }})
        from {{ bands }}
        where min_score > max_score
        union all
        select 'band ' || band || ': scores must lie within 0..100'
        from {{ bands }}
        where min_score < 0 or max_score > 100 or min_score is null or max_score is null
        union all
        select 'bands ' || lower_band.band || ' and ' || upper_band.band || ' overlap'
        from {{ bands }} as lower_band
        inner join {{ bands }} as upper_band
            on
                lower_band.band < upper_band.band
                and lower_band.min_score <= upper_band.max_score
                and upper_band.min_score <= lower_band.max_score
        union all
        select 'bands leave scores uncovered: they cover ' || cast(sum(max_score - min_score + 1) as {{ dbt.type_string() }})
            || ' of the 101 scores 0..100'
        from {{ bands }}
        having sum(max_score - min_score + 1) <> 101
    ) as problems
{%- endset -%}
{%- do pql_raise_on_config_errors(errors_sql, 'seed pql_bands', bands) -%}

with

bands as (
    select * from {{ bands }}
),

configured as (
    select
        band,
        min_score,
        max_score,
        case band when 'high' then 1 when 'mid' then 2 when 'low' then 3 else 4 end as band_rank
    from bands
)

select * from configured
