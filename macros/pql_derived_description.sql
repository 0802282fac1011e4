{#-
    The reason line of a derived signal: "<feature> <cutoff>+ in the last <window> days (derived)", or
    "<feature> <cutoff>+ ever (derived)" for an all-time signal (no window, e.g. the aha event).
    Arguments are SQL expressions.
-#}
{% macro pql_derived_description(feature_name, cutoff, window_days) %}
    case
        when {{ window_days }} is null
            then {{ dbt.concat([feature_name, "' '", "cast(" ~ cutoff ~ " as " ~ dbt.type_string() ~ ")", "'+ ever (derived)'"]) }}
        else {{ dbt.concat([
            feature_name, "' '", "cast(" ~ cutoff ~ " as " ~ dbt.type_string() ~ ")",
            "'+ in the last '", "cast(" ~ window_days ~ " as " ~ dbt.type_string() ~ ")", "' days (derived)'",
        ]) }}
    end
{%- endmacro %}
