"""Each record kind of the format, declared once: its record class, its place under records/, how
`Records` holds it, and how the audit page names a file of it.

Whatever knows the kinds reads them here: the loader sorts the files of records/ by these
places (`kind_at`) and names the places that exist when a file is in none, `Records` takes its
attributes from them, the checks name files by them, `sunlight schema` and the record reference
list them, the reference date reads the dated ones, and the audit page says what a change
touched by them.  A new kind is one more `Kind` in `KINDS` (with its record class, its checks,
its page, its codes in codes.yml, its prose in kinds.yml and an example in the skeleton).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Union

from ..marks import Np_, Npn_
from .activity import ActivityMonth, Meeting, RequestMonth
from .community import Community, Roster, UnitsFile
from .decisions import Decision
from .finance import AccountsFile, MonthBooks
from .reviews import Review
from .rewrites import RewritesFile
from .scores import Rubric, ScoreMonth

RECORDS = "records/"
ATTACHMENTS = "files/"   # under records/: files the records point to (`model.attachments` says which are published)
MONTH_FILE = re.compile(r"^(\d{4})/((\d{4})-\d\d)\.yml$")


@dataclass(frozen=True)
class File:
    """A kind filed once, at a fixed place: `finance/accounts.yml`."""

    rel: str

    @property
    def path(self) -> str:
        return RECORDS + self.rel

    @property
    def shown(self) -> str:
        """The place as the record reference writes it."""
        return self.path

    @property
    def top(self) -> str:
        """The name at the top of records/ it stands under: units.yml, finance/."""
        first, slash, _rest = self.rel.partition("/")
        return first + slash

    def key(self, rel: str) -> str:
        return ""


@dataclass(frozen=True)
class Folder:
    """A kind filed one record a file in a folder, named as the committee likes: `decisions/2024-007.yml`."""

    name: str

    @property
    def shown(self) -> str:
        return f"{RECORDS}{self.name}/*.yml"

    @property
    def top(self) -> str:
        return self.name + "/"

    def key(self, rel: str) -> str:
        """What names the file: its name without .yml."""
        return rel[len(self.name) + 1:-len(".yml")]


@dataclass(frozen=True)
class Monthly:
    """A kind filed one file a month, in a folder per year: `finance/2024/2024-03.yml`."""

    name: str

    @property
    def prefix(self) -> str:
        """Every path of the series starts so (and so do misplaced files meant for it)."""
        return f"{RECORDS}{self.name}/"

    @property
    def shown(self) -> str:
        return f"{RECORDS}{self.name}/YYYY/YYYY-MM.yml"

    @property
    def top(self) -> str:
        return self.name + "/"

    def path_of(self, month: str) -> str:
        """The file of a month written YYYY-MM."""
        return f"{self.prefix}{month[:4]}/{month}.yml"

    def key(self, rel: str) -> str:
        """The month of the file, YYYY-MM."""
        return rel[len(self.name) + 6:-len(".yml")]


Place = Union[File, Folder, Monthly]


@dataclass(frozen=True)
class Named:
    """How the audit page names a changed file of a kind: one ("{month}账目", "决议 {0}": {0} is the
    file's key), several ("{n} 个月的账目"), and the page that shows it ({0} again), if any."""

    one: str
    several: Union[str, tuple[str, str]]   # a counted message (Npn_) where the number is said
    page: Optional[str] = None


@dataclass(frozen=True)
class Kind:
    """One kind of record file."""

    name: str                          # as the JSON Schema, kinds.yml and codes.yml name it
    record: type                       # the record class one file holds
    place: Place
    attribute: str                     # what `Records` holds its records as: records.decisions
    items: Optional[str] = None        # a File whose records are a list in it: that list (units.yml's `units`)
    summaries: Optional[str] = None    # a Monthly series: what `Records` holds its files' summaries as
    dated: bool = False                # its records' `dates()` count towards the reference date outside git
    named: Optional[Named] = None      # how the audit page names a changed file of it

    @property
    def series(self) -> bool:
        """Filed one file a month: many files, each loaded and checked on its own, its records
        fetched on demand; every series is summarized (`record.summary()`, with the month's
        `last_date`) for the checks that span months and for the reference date."""
        return isinstance(self.place, Monthly)

    def holding(self, records: list):
        """What `Records` holds for the records of this kind's files, in file order."""
        if isinstance(self.place, File):
            first = records[0] if records else None
            if self.items is None:
                return first
            return getattr(first, self.items) if first is not None else ()
        return tuple(records)


COMMUNITY = Kind("community", Community, File("community.yml"), "community",
                 named=Named(Np_("record", "小区基本情况"), Np_("record", "小区基本情况"), "index.md"))
UNITS = Kind("units", UnitsFile, File("units.yml"), "units", items="units", named=Named(Np_("record", "单元名单"), Np_("record", "单元名单")))
ROSTER = Kind("roster", Roster, Folder("roster"), "rosters",
              named=Named(Np_("record", "组织机构名单"), Npn_("record", "{n} 份组织机构名单", "{n} 份组织机构名单"), "people.md"))
DECISION = Kind("decision", Decision, Folder("decisions"), "decisions", dated=True,
                named=Named(Np_("record", "决议 {0}"), Npn_("record", "{n} 项决议", "{n} 项决议"), "decisions/{0}.md"))
ACCOUNTS = Kind("accounts", AccountsFile, File("finance/accounts.yml"), "accounts", items="accounts",
                named=Named(Np_("record", "账户"), Np_("record", "账户"), "finance/index.md"))
FINANCE_MONTH = Kind("finance-month", MonthBooks, Monthly("finance"), "months", summaries="books",
                     named=Named(Np_("record", "{month}账目"), Npn_("record", "{n} 个月的账目", "{n} 个月的账目"), "finance/{0}.md"))
RUBRIC = Kind("rubric", Rubric, File("scores/rubric.yml"), "rubric",
              named=Named(Np_("record", "评分规则"), Np_("record", "评分规则"), "rankings/index.md"))
SCORES_MONTH = Kind("scores-month", ScoreMonth, Monthly("scores"), "scores",
                    named=Named(Np_("record", "{month}评分"), Npn_("record", "{n} 个月的评分", "{n} 个月的评分"), "rankings/{0}.md"))
MEETING = Kind("meeting", Meeting, Folder("meetings"), "meetings", dated=True)
REQUESTS_MONTH = Kind("requests-month", RequestMonth, Monthly("requests"), "requests", summaries="request_ids")
ACTIVITIES_MONTH = Kind("activities-month", ActivityMonth, Monthly("activities"), "activities")
REVIEW = Kind("review", Review, Folder("reviews"), "reviews", dated=True,
              named=Named(Np_("record", "账目审查 {0}"), Npn_("record", "{n} 份账目审查", "{n} 份账目审查"), "reviews/{0}.md"))
REWRITES = Kind("rewrites", RewritesFile, File("rewrites.yml"), "rewrites", items="rewrites")

# Every kind, in the order the record reference, `sunlight schema` and the layout message list them.
KINDS = (COMMUNITY, UNITS, ROSTER, DECISION, ACCOUNTS, FINANCE_MONTH, RUBRIC, SCORES_MONTH, MEETING,
         REQUESTS_MONTH, ACTIVITIES_MONTH, REVIEW, REWRITES)
# The kinds the audit page names a change by, in the order it counts them ("3 个月的账目、2 项决议");
# files of other kinds are counted as other files, attachments last.
NAMED = (FINANCE_MONTH, DECISION, REVIEW, SCORES_MONTH, ROSTER, ACCOUNTS, RUBRIC, UNITS, COMMUNITY)
ATTACHMENTS_NAMED = Named(Np_("record", "附件"), Npn_("record", "{n} 个附件", "{n} 个附件"))

BY_NAME = {kind.name: kind for kind in KINDS}
SERIES = tuple(kind for kind in KINDS if kind.series)
_AT_FILE = {kind.place.rel: kind for kind in KINDS if isinstance(kind.place, File)}
_IN_FOLDER = {kind.place.name: kind for kind in KINDS if isinstance(kind.place, Folder)}
_BY_MONTH = {kind.place.name: kind for kind in KINDS if isinstance(kind.place, Monthly)}


def kind_at(rel: str) -> Kind | None:
    """The kind of the file at `rel` under records/, or None where the layout has no place for it."""
    kind = _AT_FILE.get(rel)
    if kind is not None:
        return kind
    folder, _, name = rel.partition("/")
    kind = _IN_FOLDER.get(folder)
    if kind is not None:
        return kind if name.endswith(".yml") and "/" not in name else None
    kind = _BY_MONTH.get(folder)
    if kind is not None:
        match = MONTH_FILE.match(name)
        return kind if match and match.group(1) == match.group(3) else None
    return None


def top_places() -> list[str]:
    """The names records/ may hold, as a committee looks for them: the files at its top, the folders
    of one file a record, then the folders of monthly series (community.yml … activities/)."""
    tops = [kind.place.top for kind in KINDS]
    files = [top for top in tops if not top.endswith("/")]
    folders = [kind.place.top for kind in KINDS if isinstance(kind.place, Folder)]
    return list(dict.fromkeys(files + folders + tops))
