{#-
    The registry of signal rule types: the one place that says what each rule type measures and
    needs. Everything else reads it: int_signals_configured validates the seed against it,
    pql_signals_measured writes its measure and signal date from it, int_signals_in_force and the
    cohort analysis (through model int_rule_types_registered) take the derivable types from it.

    Per rule type:
      description         what the measure is, for the docs and int_rule_types_registered
      event_name          required, optional (null = any event) or none (the rule reads no events)
      reads_activity      the measure reads the entity's daily activity (else only entity attributes)
      is_account_wide     a user is given their account's value (breadth), not their own
      cohort_feature      for rule types the cohort analysis can derive: the SQL expression (over the
                          signal's columns) of the candidate feature the signal measures; none otherwise
      measure             SQL expression of the measure, over the columns pql_signals_measured offers:
                            events_in_window            events (of event_name, or any) in the window;
                                                        all of history without a window
                            active_users_in_window      distinct users with such events, likewise
                            events_in_previous_window   the same for the window before (null without one)
                            last_event_in_window_date   last day with such events in the window
                            first_event_date, last_event_date   over all history
                            reference_date, signed_up_at, employee_count, economic_buyer_count
      signal_date         SQL expression of the day the signal is dated by in reasons (or none)
      moves_with_calendar what a later reference day does to the measure of an entity whose inputs
                          (activity, attributes) did not change, for the runs that carry measures
                          forward (int_signals_measured, macro pql_measures_plan):
                            never     nothing
                            window    with a window, it moves while the entity has activity inside
                                      the last two windows (without one: nothing)
                            always    it moves with every day: carried_measure gives the new value
      carried_measure     for `always`: SQL expression of the measure over the measured row's
                          signal_date and the new reference day, written {reference_date}; it must
                          equal `measure`
-#}
{% macro pql_rule_types() %}
    {{ return({
        'event_count': {
            'description': 'events of event_name in the window (all history without a window)',
            'event_name': 'required',
            'reads_activity': true,
            'is_account_wide': false,
            'cohort_feature': 'event_name',
            'measure': 'coalesce(events_in_window, 0)',
            'signal_date': 'last_event_in_window_date',
            'moves_with_calendar': 'window',
        },
        'active_users': {
            'description': "distinct users with any event (or event_name) in the window; a user gets their account's value",
            'event_name': 'optional',
            'reads_activity': true,
            'is_account_wide': true,
            'cohort_feature': "case when event_name is null then 'active_users' end",
            'measure': 'coalesce(active_users_in_window, 0)',
            'signal_date': 'last_event_in_window_date',
            'moves_with_calendar': 'window',
        },
        'days_since_last_event': {
            'description': 'days from the last event_name (or any event) to the reference day',
            'event_name': 'optional',
            'reads_activity': true,
            'is_account_wide': false,
            'cohort_feature': none,
            'measure': dbt.datediff('last_event_date', 'reference_date', 'day'),
            'signal_date': 'last_event_date',
            'moves_with_calendar': 'always',
            'carried_measure': dbt.datediff('signal_date', '{reference_date}', 'day'),
        },
        'days_to_first_event': {
            'description': 'days from signup to the first event_name',
            'event_name': 'required',
            'reads_activity': true,
            'is_account_wide': false,
            'cohort_feature': none,
            'measure': dbt.datediff('cast(signed_up_at as date)', 'first_event_date', 'day'),
            'signal_date': 'first_event_date',
            'moves_with_calendar': 'never',
        },
        'engagement_decline': {
            'description': '(previous window - last window) / previous window, over events (or event_name); null when the previous window is empty',
            'event_name': 'optional',
            'reads_activity': true,
            'is_account_wide': false,
            'cohort_feature': none,
            'measure': pql_ratio('events_in_previous_window - coalesce(events_in_window, 0)', 'events_in_previous_window'),
            'signal_date': none,
            'moves_with_calendar': 'window',
        },
        'events_per_active_user': {
            'description': 'events of event_name (or any event) per active user in the window: a habit across the team, not one power user',
            'event_name': 'optional',
            'reads_activity': true,
            'is_account_wide': false,
            'cohort_feature': none,
            'measure': pql_ratio('events_in_window', 'active_users_in_window'),
            'signal_date': 'last_event_in_window_date',
            'moves_with_calendar': 'window',
        },
        'employee_count': {
            'description': "the account's employees",
            'event_name': 'none',
            'reads_activity': false,
            'is_account_wide': false,
            'cohort_feature': none,
            'measure': 'employee_count',
            'signal_date': none,
            'moves_with_calendar': 'never',
        },
        'economic_buyer': {
            'description': 'economic-buyer users known by the reference day (for a user: 1 or 0)',
            'event_name': 'none',
            'reads_activity': false,
            'is_account_wide': false,
            'cohort_feature': none,
            'measure': 'economic_buyer_count',
            'signal_date': none,
            'moves_with_calendar': 'never',
        },
    }) }}
{% endmacro %}
