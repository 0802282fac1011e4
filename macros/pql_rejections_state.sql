{#- The state int_rows_rejected keeps beside itself (pql_state_table): the users it judged usable
    (one 'usable_user' row each) and one 'watermark' row, the newest occurred_at of a usable event
    and the newest loaded_at int_events_validated held at the run: the two marks int_events_validated
    chooses the days it re-reads by at the next run. `sql=true`: the SQL of the rows to save (its
    post-hook); else the relation, or none when `existing_only` and it is not there. -#}
{% macro pql_rejections_state(existing_only=false, sql=false) %}
    {%- if sql -%}
        {%- set rows -%}
            select
                'usable_user' as state_kind,
                user_id,
                cast(null as {{ dbt.type_timestamp() }}) as occurred_at,
                cast(null as {{ dbt.type_timestamp() }}) as loaded_at
            from {{ ref('stg_generic__users') }}
            where rejection_reason is null
            union all
            select
                'watermark' as state_kind,
                cast(null as {{ pql_type_string() }}) as user_id,
                (
                    select max(occurred_at) from {{ ref('int_events_validated') }}
                    where rejection_reason is null
                ) as occurred_at,
                (select max(loaded_at) from {{ ref('int_events_validated') }}) as loaded_at
        {%- endset -%}
        {{- return(rows) -}}
    {%- endif -%}
    {{- return(pql_state_table(existing_only)) -}}
{% endmacro %}
