{#- The selected event source's name, as var pql__event_source gives it (trimmed, lowercased). -#}
{% macro pql_event_source() %}
    {{- return(var('pql__event_source', 'generic') | string | trim | lower) -}}
{% endmacro %}
