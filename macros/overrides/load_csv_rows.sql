{#-
    Override of dbt-spark's seed rows, for a bug in dbt-spark 1.11's session connection: it binds
    each value as `'<value>'`, so an empty cell (None) is stored as the text 'None' (a seed's empty
    threshold_max became the string 'None', cast to null or 0 depending on the column) and a value
    with a quote breaks the statement. Here each value is written as a SQL literal instead: null for
    an empty cell, numbers and booleans bare, text quoted with Spark's escapes; then cast to the
    column's type as dbt-spark does. test_engines.py checks the seeds' nulls on Spark.
-#}
{% macro spark__load_csv_rows(model, agate_table) %}
  {% set batch_size = get_batch_size() %}
  {% set column_override = model['config'].get('column_types', {}) %}
  {% set statements = [] %}

  {% for chunk in agate_table.rows | batch(batch_size) %}
      {% set sql %}
          insert into {{ this.render() }} values
          {% for row in chunk -%}
              ({%- for col_name in agate_table.column_names -%}
                  {%- set inferred_type = adapter.convert_type(agate_table, loop.index0) -%}
                  {%- set type = pql_engine_type(column_override.get(col_name, inferred_type)) -%}
                  {%- set value = row[loop.index0] -%}
                  {%- if value is none -%}
                    {%- set literal = 'null' -%}
                  {%- elif value is sameas true or value is sameas false -%}
                    {%- set literal = (value | string | lower) -%}
                  {%- elif value is number -%}
                    {%- set literal = (value | string) -%}
                  {%- else -%}
                    {%- set literal = "'" ~ (value | string | replace('\\', '\\\\') | replace("'", "\\'")) ~ "'" -%}
                  {%- endif -%}
                    cast({{ literal }} as {{ type }})
                  {%- if not loop.last %},{%- endif %}
              {%- endfor -%})
              {%- if not loop.last %},{%- endif %}
          {%- endfor %}
      {% endset %}

      {% do adapter.add_query(sql, abridge_sql_log=True) %}

      {% if loop.index0 == 0 %}
          {% do statements.append(sql) %}
      {% endif %}
  {% endfor %}

  {{ return(statements[0]) }}
{% endmacro %}
