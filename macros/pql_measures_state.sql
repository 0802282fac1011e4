{#- What int_signals_measured's measures read, as rows it keeps beside itself (table
    `<its name>__state`) for the next run to compare with (pql_measures_plan, pql_measures_changes):
      holder   one per account and per user with activity: a fingerprint of its rows of
               int_activity_attributed (an order-free sum of row hashes, pql_hash_number) and its
               last activity day
      entity   one per scoring entity: the hash of what its measures read besides activity (type,
               account, mode, signup, employees, economic buyers, whether a user's account is scored)
      signal   one per row of int_signals_in_force: the hash of all its columns
      run      one: the reference day measured
    Returns the SQL of those rows for the run being built (`sql=true`); else the relation, or none
    when `existing_only` and it is not there. -#}
{% macro pql_measures_state(existing_only=false, sql=false) %}
    {%- if not sql -%}
        {{- return(pql_state_table(existing_only)) -}}
    {%- endif -%}
    {%- set row_hash = pql_hash_number(['daily_activity_id', 'event_count', 'first_occurred_at', 'last_occurred_at']) -%}
    {%- set rows -%}
        {%- for holder_type, holder_column in [('account', 'account_id'), ('user', 'user_id')] %}
            select
                'holder' as state_kind,
                cast(null as {{ pql_type_string() }}) as entity_key,
                '{{ holder_type }}' as holder_type,
                {{ holder_column }} as holder_id,
                cast(null as {{ pql_type_string() }}) as account_id,
                sum({{ row_hash }}) as fingerprint,
                max(activity_date) as last_activity_date,
                cast(null as {{ pql_type_string() }}) as row_hash,
                cast(null as date) as reference_date
            from {{ ref('int_activity_attributed') }}
            where {{ holder_column }} is not null
            group by {{ holder_column }}
            union all
        {%- endfor %}
        select
            'entity' as state_kind,
            entities.entity_key,
            entities.entity_type as holder_type,
            entities.entity_id as holder_id,
            entities.account_id,
            cast(null as decimal(38, 0)) as fingerprint,
            cast(null as date) as last_activity_date,
            {{ pql_surrogate_key([
                'entities.entity_type', 'entities.entity_id', 'entities.account_id', 'entities.scoring_mode',
                'entities.signed_up_at', 'entities.employee_count', 'entities.economic_buyer_count',
                'scored_accounts.entity_id'
            ]) }} as row_hash,
            cast(null as date) as reference_date
        from {{ ref('int_scoring_entities') }} as entities
        left join {{ ref('int_scoring_entities') }} as scored_accounts
            on
                entities.entity_type = 'user'
                and scored_accounts.entity_type = 'account'
                and entities.account_id = scored_accounts.entity_id
                and entities.scoring_mode = scored_accounts.scoring_mode
        union all
        select
            'signal' as state_kind,
            cast(null as {{ pql_type_string() }}) as entity_key,
            cast(null as {{ pql_type_string() }}) as holder_type,
            cast(null as {{ pql_type_string() }}) as holder_id,
            cast(null as {{ pql_type_string() }}) as account_id,
            cast(null as decimal(38, 0)) as fingerprint,
            cast(null as date) as last_activity_date,
            {{ pql_signal_row_hash() }} as row_hash,
            cast(null as date) as reference_date
        from {{ ref('int_signals_in_force') }}
        union all
        select
            'run' as state_kind,
            cast(null as {{ pql_type_string() }}) as entity_key,
            cast(null as {{ pql_type_string() }}) as holder_type,
            cast(null as {{ pql_type_string() }}) as holder_id,
            cast(null as {{ pql_type_string() }}) as account_id,
            cast(null as decimal(38, 0)) as fingerprint,
            cast(null as date) as last_activity_date,
            cast(null as {{ pql_type_string() }}) as row_hash,
            cast({{ pql_as_of_date() }} as date) as reference_date
    {%- endset -%}
    {{- return(rows) -}}
{% endmacro %}
