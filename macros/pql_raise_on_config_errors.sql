{#-
    Run `errors_sql` (a query returning one text column, `error_message`, one row per problem) and
    fail the build with every message when it returns rows. `config_relation` is the seed checked. Used by the models that read the
    human-edited seeds, so that a bad configuration value stops the run with a message naming it.
-#}
{% macro pql_raise_on_config_errors(errors_sql, config_name, config_relation) %}
    {#- Nothing to check before the seed exists (e.g. when sqlfluff compiles a fresh clone). -#}
    {%- if execute and load_relation(config_relation) is not none -%}
        {%- set result = run_query(errors_sql) -%}
        {%- if result is not none and (result.rows | length) > 0 -%}
            {%- set messages = [] -%}
            {%- for row in result.rows -%}
                {%- do messages.append('  - ' ~ row[0]) -%}
            {%- endfor -%}
            {{- exceptions.raise_compiler_error("pql: invalid configuration in " ~ config_name ~ ":\n" ~ (messages | join('\n'))) -}}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}
