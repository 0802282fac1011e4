{#- The public PQL mart: one row per account as of the as-of day, with its score, band, routing label
    and everything that explains them. Read by BI and by the sync_ models. -#}
{{ config(**pql_changed_rows_config('account_id', run_stamps=['as_of_date', 'scored_at'])) }}
{%- set categories = pql_signal_categories() -%}
with

accounts as (
    select * from {{ ref('int_accounts_enriched') }}
),

scores as (
    select * from {{ ref('int_entities_scored') }}
    where entity_type = 'account'
),

qualification as (
    select * from {{ ref('int_accounts_qualified') }}
),

analysis_runs as (
    select max(analysis_run_id) as analysis_run_id
    from {{ ref('int_signals_in_force') }}
    where scoring_mode = '{{ pql_scoring_mode() }}'
),

final as (
    select
        accounts.account_id,
        accounts.account_name,
        accounts.domain,
        scores.pql_score,
        scores.pql_band,
        {{ pql_routing_label(
            'scores.pql_band',
            'qualification.is_icp',
            'qualification.estimated_acv',
            '(accounts.is_paying or accounts.is_internal)'
        ) }} as routing_label,
        qualification.is_icp,
        cast(qualification.estimated_acv as {{ dbt.type_int() }}) as estimated_acv,
        cast(qualification.seat_count as {{ dbt.type_int() }}) as seat_count,
        accounts.is_paying,
        accounts.is_internal,
        {%- for category in categories %}
            scores.{{ category }}_points,
        {%- endfor %}
        scores.behaviour_points,
        scores.decay_points,
        scores.top_reasons,
        scores.counted_signals,
        scores.inactive_days,
        accounts.employee_count,
        accounts.industry,
        accounts.country,
        cast(accounts.user_count as {{ dbt.type_int() }}) as user_count,
        scores.scoring_mode,
        analysis_runs.analysis_run_id,
        accounts.created_at as signed_up_at,
        scores.last_active_at,
        {{ pql_as_of_date() }} as as_of_date,
        {{ pql_as_of_cutoff() }} as scored_at
    from accounts
    inner join scores
        on accounts.account_id = scores.entity_id
    inner join qualification
        on accounts.account_id = qualification.account_id
    cross join analysis_runs
)

select * from final
