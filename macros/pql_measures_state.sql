{#- What int_signals_measured's measures read, as rows it keeps beside itself (table
    `<its name>__state`) for the next run to compare with (pql_measures_plan, pql_measures_changes):
      holder   one per account and per user with activity: a fingerprint of its rows of
               int_activity_attributed (an order-free sum of row hashes, pql_hash_sum) and its
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
    {%- set fingerprint = pql_hash_sum(['daily_activity_id', 'event_count', 'first_occurred_at', 'last_occurred_at']) -%}
    {#- the state's columns and their types; each kind of row fills some, the rest are null -#}
    {%- set text = pql_type_string() -%}
    {%- set columns = [
        ('state_kind', text), ('entity_key', text), ('holder_type', text), ('holder_id', text),
        ('account_id', text), ('fingerprint', 'decimal(38, 0)'), ('last_activity_date', 'date'),
        ('row_hash', text), ('reference_date', 'date'),
    ] -%}
    {%- set branches = [] -%}
    {%- for holder_type, holder_column in [('account', 'account_id'), ('user', 'user_id')] -%}
        {%- do branches.append({
            'values': {
                'state_kind': "'holder'", 'holder_type': "'" ~ holder_type ~ "'", 'holder_id': holder_column,
                'fingerprint': fingerprint, 'last_activity_date': 'max(activity_date)',
            },
            'from': ref('int_activity_attributed') ~ ' where ' ~ holder_column ~ ' is not null group by '
                ~ holder_column,
        }) -%}
    {%- endfor -%}
    {%- do branches.append({
        'values': {
            'state_kind': "'entity'", 'entity_key': 'entities.entity_key', 'holder_type': 'entities.entity_type',
            'holder_id': 'entities.entity_id', 'account_id': 'entities.account_id',
            'row_hash': pql_surrogate_key([
                'entities.entity_type', 'entities.entity_id', 'entities.account_id', 'entities.scoring_mode',
                'entities.signed_up_at', 'entities.employee_count', 'entities.economic_buyer_count',
                'scored_accounts.entity_id'
            ]),
        },
        'from': ref('int_scoring_entities') ~ ' as entities left join ' ~ ref('int_scoring_entities')
            ~ " as scored_accounts on entities.entity_type = 'user' and scored_accounts.entity_type = 'account'"
            ~ ' and entities.account_id = scored_accounts.entity_id'
            ~ ' and entities.scoring_mode = scored_accounts.scoring_mode',
    }) -%}
    {%- do branches.append({
        'values': {'state_kind': "'signal'", 'row_hash': pql_signal_row_hash()},
        'from': ref('int_signals_in_force'),
    }) -%}
    {%- do branches.append({
        'values': {'state_kind': "'run'", 'reference_date': 'cast(' ~ pql_as_of_date() ~ ' as date)'},
        'from': none,
    }) -%}
    {%- set rows -%}
        {%- for branch in branches %}
            select
                {%- for name, data_type in columns %}
                {{ branch['values'].get(name, 'cast(null as ' ~ data_type ~ ')') }} as {{ name }}
                {{- ',' if not loop.last }}
                {%- endfor %}
            {%- if branch['from'] is not none %}
            from {{ branch['from'] }}
            {%- endif %}
            {{- '\n            union all' if not loop.last }}
        {%- endfor %}
    {%- endset -%}
    {{- return(rows) -}}
{% endmacro %}
