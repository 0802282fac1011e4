{#- dbt calls get_incremental_<strategy>_sql with the target, dbt's temporary table of the model's
    rows, the unique key and the columns, inside the run's transaction. The steps:
    1. each run stamp is set on every stored row, when the new rows hold one value of it (a stamp
       that varies between rows is left to step 2, which then sees those rows as changed);
    2. the keys of the stored rows that are not, column for column, one of the new rows are listed
       (changed or gone; pql_changed_rows_compared says how rows are compared);
    3. when they are at most var pql__changed_rows_max_share of the stored rows, those rows are
       deleted and the new rows whose key is no longer stored are inserted: after the delete every
       stored row is one of the new rows, so the table ends equal to them. When more changed (a new
       day changes most scores), the table is written anew from the new rows and takes the old
       one's place, as a table model would be: on DuckDB, deleting and inserting many rows of a
       table with a primary key costs several times writing it (21 s against 2.5 s for all of
       pql_users at 50M events, in the commit). -#}
{% macro get_incremental_pql_changed_rows_sql(arg_dict) %}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set temp = arg_dict['temp_relation'] -%}
    {%- set key = arg_dict['unique_key'] -%}
    {%- if key is none or key is not string -%}
        {{ exceptions.raise_compiler_error("pql: " ~ model.name ~ " uses incremental_strategy pql_changed_rows, which needs unique_key as one column name (got " ~ key ~ ")") }}
    {%- endif -%}
    {%- set key = adapter.quote(key) -%}
    {%- set columns = [] -%}
    {%- for column in arg_dict['dest_columns'] %}{% do columns.append(adapter.quote(column.name)) %}{% endfor -%}
    {%- set column_list = columns | join(', ') -%}
    {%- set max_share = pql_var_number('pql__changed_rows_max_share') | float -%}
    {%- for stamp in (config.get('meta') or {}).get('pql_run_stamps', []) %}
        {%- set stamp = adapter.quote(stamp) %}
        {%- call statement('pql_run_stamp') -%}
            update {{ target }} as stored_rows
            set {{ stamp }} = run_stamp.stamp
            from (
                select min({{ stamp }}) as stamp
                from {{ temp }}
                having count(*) > 0 and count({{ stamp }}) = count(*) and min({{ stamp }}) = max({{ stamp }})
            ) as run_stamp
            where stored_rows.{{ stamp }} is distinct from run_stamp.stamp
        {%- endcall -%}
    {%- endfor %}
    {%- set changed = adapter.quote(temp.identifier ~ '__changed') -%}
    {%- set compared = pql_changed_rows_compared(key, columns) | join(', ') -%}
    {%- call statement('pql_changed_keys') -%}
        create temporary table {{ changed }} as
        select {{ key }} from (
            select {{ compared }} from {{ target }}
            except
            select {{ compared }} from {{ temp }}
        ) as stored_rows_changed
    {%- endcall -%}
    {%- set counts = run_query('select (select count(*) from ' ~ changed ~ ') as changed_rows, (select count(*) from ' ~ target ~ ') as stored_rows') -%}
    {%- set changed_rows = counts.rows[0][0] | int -%}
    {%- set stored_rows = counts.rows[0][1] | int -%}
    {{- log(model.name ~ ': ' ~ changed_rows ~ ' of ' ~ stored_rows ~ ' stored rows changed or gone', info=false) -}}
    {%- if changed_rows > max_share * stored_rows -%}
        {%- set rebuilt = make_intermediate_relation(target, suffix='__pql_rebuilt') %}
drop table if exists {{ rebuilt }};
{{ get_create_table_as_sql(false, rebuilt, 'select ' ~ column_list ~ ' from ' ~ temp) }};
drop table {{ target }} cascade;
alter table {{ rebuilt }} rename to {{ adapter.quote(target.identifier) }};
drop table {{ changed }}
    {%- else %}
{{ pql_delete_rows(target, key ~ ' in (select ' ~ key ~ ' from ' ~ changed ~ ')', key) }};
insert into {{ target }} ({{ column_list }})
select {{ column_list }} from {{ temp }} as new_rows
where not exists (
    select 1 from {{ target }} as stored_rows
    where stored_rows.{{ key }} = new_rows.{{ key }}
);
drop table {{ changed }}
    {%- endif %}
{%- endmacro %}
