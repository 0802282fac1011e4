{#- The state int_band_changes_detected keeps beside itself (pql_state_table): one row with what it
    had read of snap_pql_accounts at its last run: the newest version's dbt_valid_from (the
    snapshot's clock, named as the snapshot names it), how many versions there were up to it
    (versions_seen), the newest as-of day among them (as_of_until), and a fingerprint of the
    signals' descriptions its reasons are written in (descriptions_fingerprint). `sql=true`: the
    select of that row (its post-hook); else the relation, or none when `existing_only` and it is
    not there. -#}
{% macro pql_band_changes_state(existing_only=false, sql=false) %}
    {%- if sql -%}
        {%- set row -%}
            select
                versions.dbt_valid_from,
                versions.versions_seen,
                versions.as_of_until,
                descriptions.descriptions_fingerprint
            from (
                select
                    max(dbt_valid_from) as dbt_valid_from,
                    count(*) as versions_seen,
                    max(as_of_date) as as_of_until
                from {{ ref('snap_pql_accounts') }}
            ) as versions
            cross join ({{ pql_band_changes_descriptions() }}) as descriptions
        {%- endset -%}
        {{- return(row) -}}
    {%- endif -%}
    {{- return(pql_state_table(existing_only)) -}}
{% endmacro %}
