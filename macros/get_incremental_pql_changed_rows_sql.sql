{#- dbt calls get_incremental_<strategy>_sql with the target, dbt's temporary table of the model's
    rows, the unique key and the columns. Three steps, in the run's transaction:
    1. each run stamp is set on every stored row, when the new rows hold one value of it (a stamp
       that varies between rows is left to step 2, which then rewrites those rows);
    2. the stored rows that are not, column for column, a row of the new ones are deleted (changed
       or gone; pql_changed_rows_compared says how rows are compared);
    3. the new rows whose key is no longer stored are inserted (changed or new).
    After step 2 every stored row is one of the new rows, so step 3 leaves the table equal to them. -#}
{% macro get_incremental_pql_changed_rows_sql(arg_dict) %}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set temp = arg_dict['temp_relation'] -%}
    {%- set key = arg_dict['unique_key'] -%}
    {%- if key is none or key is not string -%}
        {{ exceptions.raise_compiler_error("pql: " ~ model.name ~ " uses incremental_strategy pql_changed_rows, which needs unique_key as one column name (got " ~ key ~ ")") }}
    {%- endif -%}
    {%- set columns = [] -%}
    {%- for column in arg_dict['dest_columns'] %}{% do columns.append(adapter.quote(column.name)) %}{% endfor -%}
    {%- set column_list = columns | join(', ') -%}
    {%- set stamps = (config.get('meta') or {}).get('pql_run_stamps', []) -%}
    {%- for stamp in stamps %}
        {%- set stamp = adapter.quote(stamp) %}
update {{ target }} as stored_rows
set {{ stamp }} = run_stamp.stamp
from (
    select min({{ stamp }}) as stamp
    from {{ temp }}
    having count(*) > 0 and count({{ stamp }}) = count(*) and min({{ stamp }}) = max({{ stamp }})
) as run_stamp
where stored_rows.{{ stamp }} is distinct from run_stamp.stamp;
    {%- endfor %}
{%- set compared = pql_changed_rows_compared(adapter.quote(key), columns) | join(', ') %}
delete from {{ target }}
where {{ adapter.quote(key) }} in (
    select {{ adapter.quote(key) }} from (
        select {{ compared }} from {{ target }}
        except
        select {{ compared }} from {{ temp }}
    ) as stored_rows_changed
);
insert into {{ target }} ({{ column_list }})
select {{ column_list }} from {{ temp }} as new_rows
where not exists (
    select 1 from {{ target }} as stored_rows
    where stored_rows.{{ adapter.quote(key) }} = new_rows.{{ adapter.quote(key) }}
)
{%- endmacro %}
