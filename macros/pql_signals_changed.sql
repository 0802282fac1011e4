{#- SQL expression: how many rows of int_signals_in_force differ from the signal hashes (state_kind
    'signal') that int_signals_measured's state `state` kept (pql_measures_state); 0 when the signals
    in force are those the state was measured with. -#}
{% macro pql_signals_changed(state) %}
    {%- set signals = ref('int_signals_in_force') -%}
    {%- set signal_hash = pql_signal_row_hash() -%}
    (
        select count(*) from (
            select row_hash from {{ state }} where state_kind = 'signal'
            except
            select {{ signal_hash }} from {{ signals }}
        ) as gone
    ) + (
        select count(*) from (
            select {{ signal_hash }} from {{ signals }}
            except
            select row_hash from {{ state }} where state_kind = 'signal'
        ) as added
    )
{%- endmacro %}
