{#-
    The routing label of an account (the PQL scoring guide's three motions, plus `excluded`):
      excluded      already paying, or an internal/test account
      self_serve    outside the ICP whatever the score, or band low / not_pql
      ae_led        band high, ICP, estimated ACV at or above var pql__acv_threshold
      sales_assist  band high with a smaller ACV, or band mid, and ICP
-#}
{% macro pql_routing_label(band, is_icp, estimated_acv, is_excluded) %}
    case
        when {{ is_excluded }} then 'excluded'
        when not {{ is_icp }} then 'self_serve'
        when {{ band }} = 'high' and {{ estimated_acv }} >= {{ pql_var_number('pql__acv_threshold') }} then 'ae_led'
        when {{ band }} in ('high', 'mid') then 'sales_assist'
        else 'self_serve'
    end
{% endmacro %}
