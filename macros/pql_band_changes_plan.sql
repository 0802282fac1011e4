{#- What an incremental run of int_band_changes_detected does, from its state and the snapshot as
    they are before the run (nothing changes either until the post-hook, so the model's SQL and its
    pre-hook get the same answer):
      'new'   only the accounts with versions newer than the state's dbt_valid_from are read (their
              whole history, for the version before), and only the changes those versions carry
              are added;
      'all'   every row is deleted and detected again: the state is missing, a version it counted is
              gone (versions up to that mark are not versions_seen), a newer version has an as-of
              day before as_of_until (a run for an earlier day: it sorts between versions already
              compared), or the signals' descriptions changed (every reasons text would change);
      'full'  not an incremental run (the table is built from nothing), or at parse time. -#}
{% macro pql_band_changes_plan() %}
    {%- if not execute or not is_incremental() -%}
        {{- return('full') -}}
    {%- endif -%}
    {%- set state = pql_band_changes_state(existing_only=true) -%}
    {%- if state is none -%}
        {{- return('all') -}}
    {%- endif -%}
    {%- set checks_sql -%}
        select
            state.versions_seen,
            (
                select count(*) from {{ ref('snap_pql_accounts') }}
                where dbt_valid_from <= (select dbt_valid_from from {{ state }})
            ) as versions_kept,
            (
                select count(*) from {{ ref('snap_pql_accounts') }}
                where
                    dbt_valid_from > (select dbt_valid_from from {{ state }})
                    and as_of_date < (select as_of_until from {{ state }})
            ) as versions_earlier,
            case
                when state.descriptions_fingerprint = descriptions.descriptions_fingerprint then 1
                when state.descriptions_fingerprint is null and descriptions.descriptions_fingerprint is null then 1
                else 0
            end as is_same_descriptions,
            case when state.dbt_valid_from is null then 1 else 0 end as is_empty
        from {{ state }} as state
        cross join ({{ pql_band_changes_descriptions() }}) as descriptions
    {%- endset -%}
    {%- set rows = run_query(checks_sql).rows -%}
    {%- if rows | length != 1 -%}
        {{- return('all') -}}
    {%- endif -%}
    {%- set checks = rows[0] -%}
    {%- if checks[4] == 1 or checks[0] != checks[1] or checks[2] != 0 or checks[3] != 1 -%}
        {{- return('all') -}}
    {%- endif -%}
    {{- return('new') -}}
{% endmacro %}
