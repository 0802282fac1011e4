{#-
    Export the public marts (pql_*, fct_*, dim_*, sync_*) as Parquet files into `path`, for BI tools
    that cannot open the DuckDB file (a DuckDB 2.x file cannot be opened by DuckDB 1.x clients).
        dbt run-operation pql_export_marts --args '{path: data/export}'
    DuckDB only; on a warehouse, BI tools read the marts where they are.
-#}
{% macro pql_export_marts(path='data/export') %}
    {{ return(adapter.dispatch('pql_export_marts', 'pql')(path)) }}
{% endmacro %}

{% macro default__pql_export_marts(path) %}
    {{ exceptions.raise_compiler_error("pql_export_marts is for DuckDB: on " ~ target.type ~ ", BI tools read the marts in the warehouse") }}
{% endmacro %}

{% macro duckdb__pql_export_marts(path) %}
    {%- set exported = [] -%}
    {%- for node in graph.nodes.values()
        if node.resource_type == 'model' and node.package_name == 'pql' and node.access == 'public' -%}
        {%- set relation = adapter.get_relation(node.database, node.schema, node.alias) -%}
        {%- if relation is not none -%}
            {%- do run_query("copy (select * from " ~ relation ~ ") to '" ~ path ~ "/" ~ node.alias ~ ".parquet' (format parquet)") -%}
            {%- do exported.append(node.alias) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ log("pql: exported " ~ (exported | length) ~ " marts to " ~ path ~ ": " ~ (exported | sort | join(', ')), info=true) }}
{% endmacro %}
