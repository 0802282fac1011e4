{#-
    The as-of day of the run as 'YYYY-MM-DD' text (for Jinja), from the var `pql__as_of`: a day
    (YYYY-MM-DD: the run sees everything before the end of that day), an hour (YYYY-MM-DD HH:00, or
    with a T: the run sees everything before that hour of that day; windows, decay and recency still
    count in days of that day), or null for the day the run started, UTC. Fails naming the var when
    it is neither.
-#}
{% macro pql_as_of_string() %}
    {{- return(pql_as_of_parts()[0]) -}}
{% endmacro %}
