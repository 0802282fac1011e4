{#- SQL expression over a row of int_signals_in_force: a hash of all its columns. What
    int_signals_measured's state keeps per signal (pql_measures_state) and what a run compares it
    with (pql_signals_changed). -#}
{% macro pql_signal_row_hash() %}
    {%- set columns = [] -%}
    {%- if execute -%}
        {%- for column in adapter.get_columns_in_relation(ref('int_signals_in_force')) -%}
            {%- do columns.append(column.name) -%}
        {%- endfor -%}
    {%- endif -%}
    {{- return(pql_surrogate_key(columns or ['signal_id'])) -}}
{% endmacro %}
