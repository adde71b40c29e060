"""What every check is given besides the records: the reference date, the questions a month
file's checks ask about the rest of the community, and the store of what they found.

Every check is `check(records, ctx)`.  `ctx.today` is the reference date (record format
section 5.1), decided once per run by the caller; `ctx.calendar` the disclosure calendar of
that day, computed once and read by the checks and by the site.  A finance or score month is
checked against a little context: the approval threshold, the decisions and accounts it names,
the receipts it points to, the rubric of its month, the units.  Asking through `Context`
(never reading `records` directly) lets a context record every question and answer;
`sunlight validate` keeps a month's problems with those answers and reuses them while the same
questions still get the same answers (`perfile.FileCheck`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
from decimal import Decimal

from ..compute.committee import serving
from ..compute.disclosure import disclosure_calendar
from ..compute.rankings import version_for
from ..compute.votes import outcome
from .common import file_ref_problem, name_key

def question(fingerprint=None):
    """A method whose answer a recording context remembers under (its name, its arguments);
    `fingerprint(context, answer)` is kept instead of a large answer."""
    def wrap(method):
        name = method.__name__

        @functools.wraps(method)
        def ask(self, *args):
            key = (name, args)
            if self._answers is not None and key in self._answers:
                return self._answers[key]
            answer = method(self, *args)
            if self._answers is not None:
                self._answers[key] = answer
            return answer
        ask.fingerprint = fingerprint
        return ask
    return wrap


class Context:
    """Answers from one community's records on one reference date; `recording()` gives a copy that
    remembers them.  `results` (a `cache.caches.Results`, or None) keeps what file checks found."""

    def __init__(self, records, today: dt.date, results=None):
        self._today, self.results = today, results
        policy = records.community.policy if records.community else None
        self._threshold = policy.expense_approval_threshold if policy else Decimal("Infinity")
        self._decisions = {d.id: d for d in records.decisions}
        self._accounts = {a.id: a for a in records.accounts}
        self._units = frozenset(u.id for u in records.units)
        self._records = records
        self._answers: dict | None = None
        self._units_digest: str | None = None
        self._entry_ids: frozenset | None = None

    def recording(self) -> "Context":
        copy = object.__new__(Context)
        copy.__dict__.update(self.__dict__)
        copy._answers = {}
        return copy

    def _kept(self, name: str, answer):
        """An answer as it is remembered: itself, or its fingerprint when it is large."""
        fingerprint = getattr(type(self), name).fingerprint
        return fingerprint(self, answer) if fingerprint else answer

    def dependencies(self) -> tuple:
        """What was asked and answered, small enough to keep: (question, arguments, answer)."""
        return tuple((name, args, self._kept(name, answer)) for (name, args), answer in self._answers.items())

    def same_answers(self, dependencies: tuple) -> bool:
        """Whether every question recorded elsewhere gets the same answer here."""
        return all(self._kept(name, getattr(type(self), name).__wrapped__(self, *args)) == recorded
                   for name, args, recorded in dependencies)

    @property
    def today(self) -> dt.date:
        """The reference date; a file check that reads it is asked again when it changes."""
        return self.reference_date()

    @functools.cached_property
    def calendar(self) -> tuple:
        """The disclosure calendar up to the reference date, without the days periods were published
        (the site adds them from git history: `compute.disclosure.dated`)."""
        community = self._records.community
        if community is None:
            return ()
        return disclosure_calendar(self._records.accounts, self._records.books, community.policy.disclosure,
                                   self._today)

    def _digest_units(self, units) -> str:
        if self._units_digest is None:
            self._units_digest = hashlib.sha256("\n".join(sorted(self._units)).encode()).hexdigest()
        return self._units_digest

    @question()
    def reference_date(self) -> dt.date:
        return self._today

    # --- finance ---------------------------------------------------------------------

    @question()
    def threshold(self) -> Decimal:
        return self._threshold

    @question()
    def decision(self, ident: str):
        """(status, date) of a decision, or None when no decision has that id."""
        decision = self._decisions.get(ident)
        return None if decision is None else (decision.status, decision.date)

    @question()
    def approval(self, ident: str):
        """(body, status, passed) of a decision, `passed` None without a vote; None when no such decision."""
        decision = self._decisions.get(ident)
        if decision is None:
            return None
        community = self._records.community
        result = (outcome(decision, community.households, community.area_m2, community.policy.committee_majority)
                  if community else None)
        return decision.body, decision.status, None if result is None else result.passed

    @question()
    def matter(self, ident: str) -> str | None:
        """A decision's matter (ordinary or major), or None when no decision has that id."""
        decision = self._decisions.get(ident)
        return None if decision is None else decision.matter

    @question()
    def account_kind(self, ident: str) -> str | None:
        account = self._accounts.get(ident)
        return None if account is None else account.kind

    @question()
    def opened(self, ident: str):
        """The day an account was opened, or None when accounts.yml has no such account."""
        account = self._accounts.get(ident)
        return None if account is None else account.opened

    @question()
    def account_hint(self, ident: str) -> str | None:
        close = difflib.get_close_matches(ident, list(self._accounts), n=1)
        return close[0] if close else None

    @question()
    def has_accounts(self) -> bool:
        return bool(self._accounts)

    @question()
    def file_problem(self, ref: str) -> str | None:
        return file_ref_problem(ref, self._records)

    # --- scores ----------------------------------------------------------------------

    @question()
    def rubric_version(self, month: str):
        """(effective_from, item codes) of the rubric in force in `month`, or None."""
        version = version_for(self._records.rubric, month)
        if version is None:
            return None
        return version.effective_from, tuple(sorted({item.code for item in version.items}))

    @question()
    def rubric_starts(self):
        """When each rubric version starts, or None when there is no rubric at all."""
        rubric = self._records.rubric
        return None if rubric is None else tuple(v.effective_from for v in rubric.versions)

    @question(fingerprint=_digest_units)
    def units(self) -> frozenset:
        return self._units

    # --- requests and the activity log -------------------------------------------------

    @question()
    def entry_exists(self, ident: str) -> bool:
        if self._entry_ids is None:
            self._entry_ids = frozenset(i for books in self._records.books for i in books.ids)
        return ident in self._entry_ids

    @question()
    def pledge_holder(self, name: str, day) -> str:
        """Whether `name` may record a deed on `day`: ok, unknown (serves in no body that day),
        or no-pledge (serves, but has made no pledge)."""
        members = [m for roster in self._records.rosters for m in serving(roster, day)
                   if name_key(m.name) == name_key(name)]
        if not members:
            return "unknown"
        return "ok" if any(m.pledge for m in members) else "no-pledge"
