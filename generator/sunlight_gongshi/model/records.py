"""The record kinds of the format, one per file kind: what the loader expects and `sunlight schema` publishes."""

from __future__ import annotations

from .activity import ActivityMonth, Meeting, RequestMonth
from .community import Community, Roster, UnitsFile
from .decisions import Decision
from .finance import AccountsFile, MonthBooks
from .rewrites import RewritesFile
from .scores import Rubric, ScoreMonth

# The record kind of each file: what `sunlight schema` publishes and the loader expects.
FILE_KINDS = {
    "community": Community,
    "units": UnitsFile,
    "roster": Roster,
    "decision": Decision,
    "accounts": AccountsFile,
    "finance-month": MonthBooks,
    "rubric": Rubric,
    "scores-month": ScoreMonth,
    "meeting": Meeting,
    "requests-month": RequestMonth,
    "activities-month": ActivityMonth,
    "rewrites": RewritesFile,
}

# Kinds filed one per month: many files, each checked on its own; their records are
# fetched on demand (see `recordset.LoadedFile`), the rest are always held.
SERIES_KINDS = ("finance-month", "scores-month", "requests-month", "activities-month")
# Series kinds whose records reduce to a summary that the checks spanning files read (every
# one: its newest date gives the reference date outside git without reading its entries).
SUMMARIZED = SERIES_KINDS
