{#-
    Trim all surrounding whitespace (spaces, tabs, line breaks) from a text expression. Plain trim()
    strips spaces only on most warehouses, and tracking plans do send "report_created\t".
-#}
{% macro pql_trim_whitespace(expression) %}
    {{ return(adapter.dispatch('pql_trim_whitespace', 'pql')(expression)) }}
{% endmacro %}

{% macro default__pql_trim_whitespace(expression) %}
    {{ pql_trim_spaces("replace(replace(replace(" ~ expression ~ ", chr(9), ' '), chr(10), ' '), chr(13), ' ')") }}
{% endmacro %}

{% macro bigquery__pql_trim_whitespace(expression) %}
    regexp_replace({{ expression }}, r'^\s+|\s+$', '')
{% endmacro %}
