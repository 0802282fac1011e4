{#- The state int_activity_attributed keeps beside itself, table `<its name>__state`: the identity
    links it applied (pql_identity_links) and one 'watermark' row, the newest load time
    (loaded_at) int_activity_daily held and the newest day the table held after the run.
    `sql=true`: the SQL of the rows to save (its post-hook); else the relation (pql_state_table),
    or none when `existing_only` and it is not there (an incremental run then recomputes
    everything). -#}
{% macro pql_attribution_state(existing_only=false, sql=false) %}
    {%- if sql -%}
        {%- set rows -%}
            select
                link_kind,
                link_key,
                user_id,
                account_id,
                cast(null as {{ dbt.type_timestamp() }}) as loaded_at,
                cast(null as date) as activity_date
            from ({{ pql_identity_links() }}) as links
            union all
            select
                'watermark' as link_kind,
                cast(null as {{ pql_type_string() }}) as link_key,
                cast(null as {{ pql_type_string() }}) as user_id,
                cast(null as {{ pql_type_string() }}) as account_id,
                (select max(last_loaded_at) from {{ ref('int_activity_daily') }}) as loaded_at,
                (select max(activity_date) from {{ this }}) as activity_date
        {%- endset -%}
        {{- return(rows) -}}
    {%- endif -%}
    {{- return(pql_state_table(existing_only)) -}}
{% endmacro %}
