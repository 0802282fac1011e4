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

{#- The columns of an optional source table, or none when it is absent (logged once per model). -#}
{% macro pql_optional_source_columns(source_name, table_name) %}
    {%- if not pql_source_table_exists(source_name, table_name) -%}
        {%- do log("pql: optional table " ~ source_name ~ "." ~ table_name ~ " is absent: read as empty", info=true) -%}
        {{- return(none) -}}
    {%- endif -%}
    {{- return(pql_source_columns(source(source_name, table_name))) -}}
{% endmacro %}

{#- `select * from` an optional source table, or, when it is absent, no rows with the named columns
    (text, which staging casts like any loader's text). Reading it here keeps it in the lineage. -#}
{% macro pql_optional_source(source_name, table_name, columns, column_names) %}
    {%- set relation = source(source_name, table_name) -%}
    {%- if columns is not none -%}
        {{- return('select * from ' ~ relation) -}}
    {%- endif -%}
    {%- set nulls = [] -%}
    {%- for name in column_names -%}
        {%- do nulls.append('cast(null as ' ~ dbt.type_string() ~ ') as ' ~ adapter.quote(name)) -%}
    {%- endfor -%}
    {{- return('select ' ~ (nulls | join(', ')) ~ ' where 1 = 0') -}}
{% endmacro %}
