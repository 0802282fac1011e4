{#- The select of the state int_events_validated keeps beside itself (its post-hook): the event
    source it was built from. -#}
{% macro pql_event_source_state() %}
    select cast('{{ pql_event_source() }}' as {{ pql_type_string() }}) as event_source
{% endmacro %}
