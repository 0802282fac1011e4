{#- One row per user as of the as-of day: their own score from their own activity (breadth and company
    size are their account's), so a rep can see who in an account drives it. -#}
{{ config(**pql_changed_rows_config('user_id', run_stamps=['as_of_date', 'scored_at'])) }}
{%- set categories = pql_signal_categories() -%}
with

users as (
    select * from {{ ref('int_users_enriched') }}
),

scores as (
    select * from {{ ref('int_entities_scored') }}
    where entity_type = 'user'
),

analysis_runs as (
    select max(analysis_run_id) as analysis_run_id
    from {{ ref('int_signals_in_force') }}
    where scoring_mode = '{{ pql_scoring_mode() }}'
),

final as (
    select
        users.user_id,
        users.account_id,
        users.email,
        users.job_title,
        users.is_economic_buyer,
        users.is_personal_email,
        users.account_match_method,
        scores.pql_score,
        scores.pql_band,
        {%- for category in categories %}
            scores.{{ category }}_points,
        {%- endfor %}
        scores.behaviour_points,
        scores.decay_points,
        scores.top_reasons,
        scores.counted_signals,
        scores.inactive_days,
        scores.scoring_mode,
        analysis_runs.analysis_run_id,
        users.created_at as signed_up_at,
        scores.last_active_at,
        {{ pql_as_of_date() }} as as_of_date,
        {{ pql_as_of_cutoff() }} as scored_at
    from users
    inner join scores
        on users.user_id = scores.entity_id
    cross join analysis_runs
)

select * from final
