{#-
    Whether this adapter runs the project's Python models (the cohort analysis): true where the Python
    models are enabled (dbt_project.yml enables them on duckdb, databricks, snowflake and bigquery; the
    SQL stand-ins of without_python/ take their names elsewhere). Read from the graph, so the list of
    adapters lives in one place. True while parsing.
-#}
{% macro pql_python_models_supported() %}
    {%- if not execute -%}
        {{- return(true) -}}
    {%- endif -%}
    {%- for node in graph.nodes.values() if node.resource_type == 'model' and node.name == 'int_signal_points_derived' -%}
        {{- return(node.language == 'python') -}}
    {%- endfor -%}
    {{- return(true) -}}
{% endmacro %}
