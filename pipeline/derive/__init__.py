"""Stage 4 (derive): rules computed from the model, as small pure functions.

    numbering  sections (I, II …) and STT          units     unit names → codes
    assign     lead/support units from prose        deadlines "Quý II/2025" → a due date
    rollup     one class per task as of a cut-off   targets   whether a target is met
    calendar   the year's reporting events          report    a report's lists: overdue,
                                                              silent units, upcoming, unmet
"""
