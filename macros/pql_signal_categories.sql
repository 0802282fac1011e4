{#-
    The signal categories, in the order the marts show their points. A signal's category must be one
    of these (int_signals_configured fails the build otherwise); pql_accounts and pql_users have one
    <category>_points column each.
-#}
{% macro pql_signal_categories() %}
    {{ return(['depth', 'breadth', 'aha', 'limit', 'intent', 'velocity', 'negative', 'firmographic', 'recency']) }}
{% endmacro %}
