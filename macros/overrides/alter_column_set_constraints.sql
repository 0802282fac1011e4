{#-
    Override of dbt-spark's column constraints of a contract, for Delta Lake. dbt-spark sets
    `not_null` with `alter table ... change column ... set not null`, which open-source Delta refuses
    on a table that exists ("Cannot change nullable column to non-nullable"). Delta enforces CHECK
    constraints on every write, so each not_null column gets one (`<column> is not null`, named
    pql_not_null_<column>, replaced on each build). Delta has no primary keys: there, the key's
    uniqueness rests on the model's unique data test (which runs on every engine).
-#}
{% macro spark__alter_column_set_constraints(relation, column_dict) %}
  {% for column_name in column_dict %}
    {% for constraint in column_dict[column_name]['constraints'] if constraint.type == 'not_null' %}
      {% set quoted_name = adapter.quote(column_name) if column_dict[column_name]['quote'] else column_name %}
      {% set constraint_name = 'pql_not_null_' ~ column_name %}
      {% call statement() %}
        alter table {{ relation }} drop constraint if exists {{ constraint_name }}
      {% endcall %}
      {% call statement() %}
        alter table {{ relation }} add constraint {{ constraint_name }} check ({{ quoted_name }} is not null)
      {% endcall %}
    {% endfor %}
  {% endfor %}
{% endmacro %}
