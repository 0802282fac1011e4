{#- Fails with the rows for which `expression` is not true (like dbt_utils.expression_is_true). -#}
{% test pql_expression_is_true(model, expression) %}
select *
from {{ model }}
where not ({{ expression }})
{% endtest %}
