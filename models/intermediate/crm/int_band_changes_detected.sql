{#- One row per account per band change between the scored versions kept by snap_pql_accounts
    (ordered by as-of day), including the first time an account is scored (from_band null) and drops
    out of PQL, so a CRM flag can be set and cleared. A PQL is an account in band mid or high.
    Incremental: a run reads only the accounts with versions newer than the last run saw, and adds
    the changes those versions carry; a version's change depends only on the version before it,
    which a later run does not alter. What the last run read is kept in `<this>__state`
    (pql_band_changes_state); when a version could sort between versions already compared, a version
    is gone, or the signals' descriptions changed, the run detects everything again
    (pql_band_changes_plan). -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{% if pql_band_changes_plan() == 'all' %}{{ pql_delete_rows(this, '1 = 1', 'band_change_id') }}{% endif %}",
        post_hook="{{ pql_replace_table(pql_band_changes_state(), pql_band_changes_state(sql=true)) }}"
    )
}}
{%- set plan = pql_band_changes_plan() %}
{#- the versions whose changes the run adds: newer than the last run saw, or all -#}
{%- if plan == 'new' %}
    {%- set seen_until = '(select last_run.dbt_valid_from from ' ~ pql_band_changes_state() ~ ' as last_run)' %}
{%- else %}
    {%- set seen_until = "cast('1900-01-01' as " ~ dbt.type_timestamp() ~ ")" %}
{%- endif %}
with

versions as (
    select * from {{ ref('snap_pql_accounts') }}
    {%- if plan == 'new' %}
        -- the accounts with a version the last run did not see, with their whole history
        where account_id in (
            select new_versions.account_id from {{ ref('snap_pql_accounts') }} as new_versions
            where new_versions.dbt_valid_from > {{ seen_until }}
        )
    {%- endif %}
),

signals as (
    {{ pql_band_changes_signals() }}
),

bands as (
    select * from {{ ref('int_bands_configured') }}
),

ordered as (
    select
        account_id,
        pql_band as to_band,
        pql_score as score_after,
        counted_signals as signals_after,
        as_of_date,
        scored_at,
        dbt_scd_id,
        dbt_valid_from,
        lag(pql_band) over (partition by account_id order by as_of_date, dbt_valid_from) as from_band,
        lag(pql_score) over (partition by account_id order by as_of_date, dbt_valid_from) as score_before,
        lag(counted_signals) over (partition by account_id order by as_of_date, dbt_valid_from) as signals_before
    from versions
),

changes as (
    select *
    from ordered
    where
        (from_band is null or from_band <> to_band)
        and dbt_valid_from > {{ seen_until }}
),

signal_moves as (
    select
        changes.dbt_scd_id,
        {{ pql_listagg(
            "case when in_after and not in_before then description end", "'; '", 'order by signal_id'
        ) }} as reasons_gained,
        {{ pql_listagg(
            "case when in_before and not in_after then description end", "'; '", 'order by signal_id'
        ) }} as reasons_lost
    from (
        select
            changes.dbt_scd_id,
            signals.signal_id,
            signals.description,
            {{ dbt.concat(["', '", "coalesce(changes.signals_after, '')", "', '"]) }}
            like {{ dbt.concat(["'%, '", 'signals.signal_id', "', %'"]) }} as in_after,
            {{ dbt.concat(["', '", "coalesce(changes.signals_before, '')", "', '"]) }}
            like {{ dbt.concat(["'%, '", 'signals.signal_id', "', %'"]) }} as in_before
        from changes
        cross join signals
    ) as changes
    group by 1
),

final as (
    select
        changes.dbt_scd_id as band_change_id,
        changes.account_id,
        changes.scored_at as changed_at,
        changes.as_of_date,
        changes.from_band,
        changes.to_band,
        changes.score_before,
        changes.score_after,
        case
            when changes.from_band is null then 'new'
            when to_rank.band_rank < from_rank.band_rank then 'up'
            else 'down'
        end as change_direction,
        coalesce(
            changes.to_band in ('high', 'mid')
            and (changes.from_band is null or changes.from_band not in ('high', 'mid')),
            false
        ) as is_entering_pql,
        coalesce(changes.to_band not in ('high', 'mid') and changes.from_band in ('high', 'mid'), false)
            as is_leaving_pql,
        signal_moves.reasons_gained,
        signal_moves.reasons_lost
    from changes
    left join bands as to_rank
        on changes.to_band = to_rank.band
    left join bands as from_rank
        on changes.from_band = from_rank.band
    left join signal_moves
        on changes.dbt_scd_id = signal_moves.dbt_scd_id
)

select * from final
