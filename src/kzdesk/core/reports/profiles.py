"""The names of the output profiles (see consent.py for what each shows).

Apart from consent.py so that building the command line, which lists them as choices, imports no
database code.
"""

PROFILES = ("full", "lawyer", "public")
