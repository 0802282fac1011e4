{#-
    Ordered list aggregation that returns the same text on every engine: the values in
    `order_by_clause` order joined by `delimiter_text`, at most `limit_num` of them, and NULL when
    there is nothing to list (dbt.listagg with limit_num returns '' on PostgreSQL where DuckDB returns
    NULL). Engines whose listagg ignores the order get their own version.
-#}
{% macro pql_listagg(measure, delimiter_text="','", order_by_clause=none, limit_num=none) %}
    {{- return(adapter.dispatch('pql_listagg', 'pql')(measure, delimiter_text, order_by_clause, limit_num)) -}}
{% endmacro %}

{% macro default__pql_listagg(measure, delimiter_text, order_by_clause, limit_num) %}
    {{- return('nullif(' ~ dbt.listagg(measure, delimiter_text, order_by_clause, limit_num) ~ ", '')") -}}
{% endmacro %}

{#- DuckDB: an ordered aggregate (string_agg ... order by) keeps and sorts each group apart, the
    slowest step of int_entities_scored at 50M events. With ascending keys only (plain keys
    separated by commas, each bare or `asc`), the values are collected as structs of the keys and
    the value, the list is sorted (by the keys in order; the value breaks ties), and the values are
    joined. Nulls are skipped, as listagg skips them. A descending key takes dbt's ordered version. -#}
{% macro duckdb__pql_listagg(measure, delimiter_text, order_by_clause, limit_num) %}
    {%- set clause = (order_by_clause or '').strip() -%}
    {%- set clause = clause[8:] if clause.lower().startswith('order by') else clause -%}
    {%- set fields = [] -%}
    {%- for part in clause.split(',') if part.strip() -%}
        {%- set words = part.strip().split() -%}
        {%- if words | length > 2 or (words | length == 2 and words[1] | lower != 'asc') -%}
            {{- return(default__pql_listagg(measure, delimiter_text, order_by_clause, limit_num)) -}}
        {%- endif -%}
        {%- do fields.append("'k" ~ loop.index ~ "': " ~ words[0]) -%}
    {%- endfor -%}
    {%- set values = "list_transform(list_sort(list({" ~ (fields + ["'v': " ~ measure]) | join(', ')
        ~ "}) filter (where (" ~ measure ~ ") is not null)), lambda x: struct_extract(x, 'v'))" -%}
    {%- if limit_num -%}
        {%- set values = "list_slice(" ~ values ~ ", 1, " ~ limit_num ~ ")" -%}
    {%- endif -%}
    {{- return("nullif(array_to_string(" ~ values ~ ", " ~ delimiter_text ~ "), '')") -}}
{% endmacro %}

{#- Spark's listagg (dbt's) ignores the order: collect the values with their sort keys, sort the array
    with a comparator built from order_by_clause (plain keys separated by commas, each `asc` or
    `desc`), keep the first limit_num. Nulls are skipped, as listagg skips them. -#}
{% macro spark__pql_listagg(measure, delimiter_text, order_by_clause, limit_num) %}
    {%- set keys = [] -%}
    {%- set clause = (order_by_clause or '').strip() -%}
    {%- set clause = clause[8:] if clause.lower().startswith('order by') else clause -%}
    {%- for part in clause.split(',') if part.strip() -%}
        {%- set words = part.strip().split() -%}
        {%- do keys.append({'expr': words[0], 'desc': (words | length > 1 and words[-1] | lower == 'desc')}) -%}
    {%- endfor -%}
    {%- set fields = [] -%}
    {%- for key in keys -%}
        {%- do fields.append("'k" ~ loop.index ~ "', " ~ key.expr) -%}
    {%- endfor -%}
    {%- set collected = "collect_list(case when (" ~ measure ~ ") is not null then named_struct("
        ~ (fields + ["'v', " ~ measure]) | join(', ') ~ ") end)" -%}
    {%- if keys -%}
        {%- set comparisons = [] -%}
        {%- for key in keys -%}
            {%- set k = 'k' ~ loop.index -%}
            {%- set before, after = ('>', '<') if key.desc else ('<', '>') -%}
            {%- do comparisons.append("when l." ~ k ~ " " ~ before ~ " r." ~ k ~ " then -1 when l." ~ k ~ " " ~ after ~ " r." ~ k ~ " then 1") -%}
        {%- endfor -%}
        {%- set collected = "array_sort(" ~ collected ~ ", (l, r) -> case " ~ comparisons | join(' ') ~ " else 0 end)" -%}
    {%- endif -%}
    {%- set values = "transform(" ~ collected ~ ", x -> x.v)" -%}
    {%- if limit_num -%}
        {%- set values = "slice(" ~ values ~ ", 1, " ~ limit_num ~ ")" -%}
    {%- endif -%}
    {{- return("nullif(array_join(" ~ values ~ ", " ~ delimiter_text ~ "), '')") -}}
{% endmacro %}
