{#- Firmographic fit and deal size per account. ICP (seed pql_icp_rules): for every dimension the seed
    configures (employee_count, industry, country) the account matches at least one of its rows;
    a dimension with no rows does not constrain. Estimated ACV = seats (known users, at least one)
    x var pql__seat_price_annual. -#}
{%- set rules = ref('pql_icp_rules') -%}
{%- set errors_sql -%}
    select error_message from (
        select 'dimension ''' || coalesce(dimension, '<null>')
            || ''': unknown ICP dimension (expected employee_count, industry, country)' as error_message
        from {{ rules }}
        where dimension is null or dimension not in ('employee_count', 'industry', 'country')
        union all
        select 'dimension employee_count: a row needs min_value or max_value'
        from {{ rules }}
        where dimension = 'employee_count' and min_value is null and max_value is null
        union all
        select 'dimension employee_count: min_value ' || cast(min_value as {{ dbt.type_string() }})
            || ' is above max_value ' || cast(max_value as {{ dbt.type_string() }})
        from {{ rules }}
        where dimension = 'employee_count' and min_value > max_value
        union all
        select 'dimension ' || dimension || ': a row needs match_value'
        from {{ rules }}
        where dimension in ('industry', 'country') and (match_value is null or trim(match_value) = '')
    ) as problems
{%- endset -%}
{%- do pql_raise_on_config_errors(errors_sql, 'seed pql_icp_rules', rules) -%}

with

accounts as (
    select * from {{ ref('int_accounts_enriched') }}
),

rules as (
    select
        dimension,
        lower(trim(match_value)) as match_value,
        min_value,
        max_value
    from {{ rules }}
),

configured_dimensions as (
    select count(distinct dimension) as dimension_count from rules
),

matches as (
    select
        accounts.account_id,
        count(distinct rules.dimension) as matched_dimension_count
    from accounts
    inner join rules
        on
            (
                rules.dimension = 'employee_count'
                and accounts.employee_count >= coalesce(rules.min_value, accounts.employee_count)
                and accounts.employee_count <= coalesce(rules.max_value, accounts.employee_count)
            )
            or (rules.dimension = 'industry' and lower(accounts.industry) = rules.match_value)
            or (rules.dimension = 'country' and lower(accounts.country) = rules.match_value)
    group by 1
),

qualified as (
    select
        accounts.account_id,
        coalesce(matches.matched_dimension_count, 0) >= configured_dimensions.dimension_count as is_icp,
        greatest(accounts.user_count, 1) as seat_count,
        greatest(accounts.user_count, 1) * {{ pql_var_number('pql__seat_price_annual') }} as estimated_acv
    from accounts
    cross join configured_dimensions
    left join matches
        on accounts.account_id = matches.account_id
)

select * from qualified
