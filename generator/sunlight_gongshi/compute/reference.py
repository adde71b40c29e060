"""The site's "today" (record format section 5.1): the built commit's day, never the machine's clock.

Inside git it is the committer date of the commit the site is built from, in that commit's
own time zone; outside git the newest date in the records, read from what every file holds
at hand (decisions, meetings, and the month files' summaries), so that a warm validation
still reads no month's entries.
"""

from __future__ import annotations

import datetime as dt

from ..model.kinds import KINDS

EPOCH = dt.date(1970, 1, 1)   # a community with no dated record at all


def newest_record_date(records) -> dt.date:
    """The newest day named by a record of a dated kind or a month of a series (`model.kinds`)."""
    dates: list[dt.date] = []
    for kind in KINDS:
        if kind.series:
            dates += [f.summary.last_date for f in records.files_of(kind.name)
                      if f.summary is not None and f.summary.last_date is not None]
        elif kind.dated:
            dates += [day for record in getattr(records, kind.attribute) for day in record.dates()]
    return max(dates, default=EPOCH)


def reference_date(records, commit_date: str | None) -> dt.date:
    """`commit_date` is the ISO 8601 committer date of HEAD (e.g. 2024-03-05T23:10:00+08:00),
    or None outside git."""
    if commit_date:
        return dt.date.fromisoformat(commit_date[:10])
    return newest_record_date(records)
