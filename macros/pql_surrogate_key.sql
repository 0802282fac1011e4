{#-
    A stable string key from a list of column expressions (nulls included), like dbt_utils'
    generate_surrogate_key, built only on dbt-core's cross-database macros.
-#}
{% macro pql_surrogate_key(field_list) %}
    {{ return(adapter.dispatch('pql_surrogate_key', 'pql')(field_list)) }}
{% endmacro %}

{% macro default__pql_surrogate_key(field_list) %}
    {%- set parts = [] -%}
    {%- for field in field_list -%}
        {%- do parts.append("coalesce(cast(" ~ field ~ " as " ~ dbt.type_string() ~ "), '_pql_null_')") -%}
        {%- if not loop.last %}{% do parts.append("'-'") %}{% endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{% endmacro %}
