{#-
    Override of dbt's cast on Spark: the type goes through pql_engine_type first. dbt checks a
    contract by casting null to each column's YAML data_type (get_empty_schema_sql), and Spark has no
    bare `varchar`; with the map, the YAML's `varchar` is Spark's `string`.
-#}
{% macro spark__cast(field, type) %}
    cast({{ field }} as {{ pql_engine_type(type) }})
{%- endmacro %}
