{#-
    Functions some engines need before any model runs (dbt_project.yml, on-run-start). PostgreSQL has
    no try_cast: a cast of "n/a" to a number, of "{not json" to json or of "2026-02-30" to a
    timestamp fails the whole statement, so one bad raw row would fail the build. Three functions in
    the target schema catch the cast's error and give null instead (then staging rejects or empties
    the value, as on the other engines). pg_input_is_valid would do without them, but only from
    PostgreSQL 16; these work on every supported version. They are parallel unsafe (PostgreSQL's
    default): a block that catches errors opens a subtransaction, which a parallel worker cannot.
    Other engines need nothing.
-#}
{% macro pql_create_functions() %}
    {{- return(adapter.dispatch('pql_create_functions', 'pql')()) -}}
{% endmacro %}

{% macro default__pql_create_functions() %}
    {{- return('') -}}
{% endmacro %}

{% macro postgres__pql_create_functions() %}
create schema if not exists {{ adapter.quote(target.schema) }};

-- the value converted to the type of `target` (pass a typed null), or null when it does not convert
create or replace function {{ pql_function('pql_try_cast') }}(value text, target anyelement)
returns anyelement
language plpgsql immutable
as $pql$
begin
    target := value;
    return target;
exception when others then
    return null;
end
$pql$;

-- the text of a top-level key of a JSON text, or null when the text is no JSON object with that key
-- or the value cannot be text (an escaped NUL, \u0000, which PostgreSQL's text cannot hold)
create or replace function {{ pql_function('pql_try_json_text') }}(value text, json_key text)
returns text
language plpgsql immutable
as $pql$
begin
    return cast(value as json) ->> json_key;
exception when others then
    return null;
end
$pql$;

-- a timestamp text in ISO 8601 form (with an offset, or without one: then UTC, whatever the session's
-- time zone) as a UTC timestamp without time zone, or null when it is not one
create or replace function {{ pql_function('pql_try_utc_timestamp') }}(value text)
returns timestamp
language plpgsql stable
set timezone = 'UTC'
as $pql$
begin
    -- ISO 8601 only (macro pql_iso_timestamp_pattern): PostgreSQL's own input also reads "1//1A0",
    -- "today" or "epoch" as times
    if value !~ '{{ pql_iso_timestamp_pattern() }}' then
        return null;
    end if;
    return cast(value as timestamp with time zone) at time zone 'UTC';
exception when others then
    return null;
end
$pql$;
{% endmacro %}
