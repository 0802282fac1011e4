{#-
    Whether a loader's table is there to be read: an optional table (Segment identifies, groups and
    pages, Mixpanel identity mappings, PostHog's identity tables) that is absent is read as empty, and
    the run log says so. The default asks the warehouse for the relation; dbt-duckdb with var
    pql__raw_path looks for the Parquet file the source's external_location names.
-#}
{% macro pql_source_table_exists(source_name, table_name) %}
    {{ return(adapter.dispatch('pql_source_table_exists', 'pql')(source_name, table_name)) }}
{% endmacro %}

{% macro default__pql_source_table_exists(source_name, table_name) %}
    {%- if not execute -%}
        {{- return(true) -}}
    {%- endif -%}
    {%- set relation = source(source_name, table_name) -%}
    {%- set found = adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) -%}
    {{- return(found is not none) -}}
{% endmacro %}

{% macro duckdb__pql_source_table_exists(source_name, table_name) %}
    {%- if not execute -%}
        {{- return(true) -}}
    {%- endif -%}
    {%- if not var('pql__raw_path', none) -%}
        {{- return(default__pql_source_table_exists(source_name, table_name)) -}}
    {%- endif -%}
    {#- the same layout as the sources' external_location: <dir>/<table>.parquet for the generic
        contract, <dir>/<source>/<table>.parquet for a loader -#}
    {%- set folder = var('pql__raw_path') ~ ('' if source_name == 'generic' else '/' ~ source_name) -%}
    {%- set result = run_query("select count(*) from glob('" ~ folder ~ "/" ~ table_name ~ ".parquet')") -%}
    {{- return(result.columns[0].values()[0] > 0) -}}
{% endmacro %}
