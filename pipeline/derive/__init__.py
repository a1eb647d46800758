"""Stage 4: rules computed from the model (numbering, units, deadlines, roll-up).

Each module holds small pure functions, tested on their own.
"""
