"""`sunlight portal`: runs the portal's stages, nothing else.

registry -> site dir guard -> fetch (concurrent, incremental, bounded) -> verify (manifest,
schemas, re-derived figures, privacy) -> twins -> harvests (state) -> aggregate (DuckDB state)
-> figures -> pages -> frame (MkDocs, once per tool, day and menu) + stamped pages + exports
(only the changed chunks re-encoded) -> swap into place.  An estate that is not `ok` is a
warning and is left out of every figure; only an invalid registry stops the build, and a site
dir that would destroy what the office keeps is refused before anything is written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from ..problems import Problem, warning
from ..publishing.guards import portal_site_dir_refusal
from ..timing import stopwatch
from .aggregate import Store
from .exports import load_record, save_record, usable
from .fetch import CONNECTIONS, bounded_map, fetch_estate, unchanged_folder
from .figures import estate_summaries
from .harvests import CHINA, Harvests, stamp
from .masking import mask_reason
from .pages import EstateRow, portal_pages
from .published import MANIFEST
from .questions import add_fund_entries, office_answers
from .registry import load_registry
from .site import page_keys, reusable_pages, write_site
from .verify import OK, UNREACHABLE, Verified, twins, verify

STATE = Path(".sunlight") / "portal"     # beside the registry: what the portal remembers (docs/portal.md)
WORDS = {"unverified": ("W-PORTAL-UNVERIFIED", "没有通过核验"), "unreachable": ("W-PORTAL-UNREACHABLE", "无法访问")}


class StateBusy(Exception):
    """Another portal build holds the state folder."""


class SiteDirRefused(Exception):
    """`--site-dir` names a folder the portal must not replace; the message says why (build's words)."""


def _clock(now: dt.datetime | None, today: dt.date | None) -> tuple[dt.datetime, dt.date]:
    """The harvest's time and the portal's day; a given `today` (tests, benchmarks) fixes both."""
    if now is None:
        now = dt.datetime.combine(today, dt.time(), CHINA) if today else dt.datetime.now(dt.timezone.utc)
    return now, today or now.astimezone(CHINA).date()


def build_portal(registry_path: Path, site_dir: Path | None = None, label: str | None = None,
                 state_dir: Path | None = None, connections: int = CONNECTIONS, timeout: float | None = None,
                 today: dt.date | None = None, timings: dict[str, float] | None = None,
                 now: dt.datetime | None = None) -> tuple[list[Problem], bool, list[EstateRow]]:
    """(problems, whether a site was put in place, each estate's verdict).  `timeout` overrides the
    registry's `limits: seconds`.  Raises SiteDirRefused before writing anything."""
    lap = stopwatch(timings)
    registry_path = registry_path.resolve()
    label = label or registry_path.name
    base = registry_path.parent
    state_dir = (state_dir or base / STATE).resolve()
    registry, problems = load_registry(registry_path, label, state_dir / "registry.json")
    if registry is None:
        return problems, False, []
    site_dir = (site_dir or base / "site").resolve()
    refusal = portal_site_dir_refusal(base, site_dir, state_dir, [(e.id, base / e.site.strip())
                                                                  for e in registry.estates if not e.is_url])
    if refusal:
        raise SiteDirRefused(refusal)
    now, day = _clock(now, today)
    harvested = stamp(now)
    limits = registry.limits.reader_limits()
    if timeout is not None:
        limits = dataclasses.replace(limits, seconds=timeout)
    try:
        store = Store(state_dir / "portal.duckdb")
    except Exception as exc:  # duckdb.IOException: the file is locked by another run
        raise StateBusy(f"门户的状态文件夹正被另一个 sunlight portal 使用，或无法打开：{exc}") from None
    harvests = Harvests(state_dir)
    try:
        known = store.known()

        def work(estate):
            kept = known.get(estate.id)
            fetched = fetch_estate(estate, base, kept.known if kept else None, limits=limits)
            if fetched.outcome == "unchanged":
                return estate, fetched, _kept(kept)
            if fetched.outcome == "unreachable":
                return estate, fetched, Verified(UNREACHABLE, mask_reason(fetched.reason))
            fetched.kept = {MANIFEST: harvests.keep(fetched.manifest),
                            **{path: harvests.keep(data) for path, data in fetched.files.items() if data is not None}}
            verdict = verify(fetched, day)
            fetched.files = {}
            return estate, fetched, verdict

        verdicts: dict[str, Verified] = {}
        fetches = {}
        for estate in registry.estates:
            kept = known.get(estate.id)
            if kept and unchanged_folder(estate, base, kept.known, limits):
                verdicts[estate.id] = _kept(kept)
        unchanged = list(verdicts)
        others = [e for e in registry.estates if e.id not in verdicts]
        for estate, fetched, verdict in bounded_map(work, others, connections):
            if fetched.outcome == "fetched" and verdict.status == OK:
                store.replace(estate.id, estate.site.strip(), verdict.tables, fetched.manifest_sha, verdict.commit,
                              fetched.etag, fetched.last_modified, harvested, verdict.note, verdict.twin)
            elif fetched.outcome == "unchanged":
                unchanged.append(estate.id)
            verdict.tables, verdict.exports = {}, {}
            verdicts[estate.id] = verdict
            fetches[estate.id] = fetched
        store.seen(unchanged, harvested)
        twins(verdicts, registry.estates)
        store.forget_except([e.id for e in registry.estates])
        store.commit()
        lap("fetch")
        kept_now = store.known()
        references = store.reference_dates()
        rows = list(bounded_map(lambda e: _harvest(e, verdicts[e.id], fetches.get(e.id), kept_now.get(e.id),
                                                   references, harvests, harvested),
                                registry.estates, connections))
        order = {e.id: i for i, e in enumerate(registry.estates)}
        rows.sort(key=lambda r: order[r.estate.id])
        lap("harvests")
        ok = [r.estate.id for r in rows if r.status == OK]
        stale = {r.estate.id: kept_now[r.estate.id].harvested for r in rows
                 if r.status == UNREACHABLE and r.estate.id in kept_now}
        store.use_ok(ok, [(r.estate.id, r.estate.name, r.estate.neighbourhood, r.estate.site.strip(), r.status,
                           r.shown_reason, r.commit, _timestamp(r.harvested), r.reference_date) for r in rows],
                     list(stale))
        summaries = estate_summaries(store.con, ok, day)
        answers = office_answers(store.con, rows, stale, day, harvested)
        keys = page_keys(rows, {e: kept.known.manifest_sha for e, kept in kept_now.items()}, summaries, answers)
        reusable = reusable_pages(state_dir / "pages.json", site_dir)
        add_fund_entries(store.con, answers, [e for e, key in keys.items() if reusable.get(f"estate/{e}.html") != key])
        lap("figures")
        previous = usable(load_record(state_dir / "exports.json"), site_dir)
        record = write_site(site_dir, lambda: portal_pages(rows, summaries, keys, reusable, answers), rows, store,
                            day, state_dir, previous, timings)
        save_record(state_dir / "exports.json", record)
        lap("site")
    finally:
        store.close()
    for r in rows:
        if r.status != OK:
            code, words = WORDS[r.status]
            problems.append(warning(label, r.estate.src.line, code,
                                    f"小区 {r.estate.id}（{r.estate.name}）{words}，不计入汇总：{r.reason}"))
        elif r.note:
            problems.append(warning(label, r.estate.src.line, "W-PORTAL-PRIVACY",
                                    f"小区 {r.estate.id}（{r.estate.name}）：{r.note}"))
    return problems, True, rows


def _kept(kept) -> Verified:
    """The verdict on an estate whose manifest is the one of its last good data."""
    return Verified(OK, "", kept.commit, note=kept.note, twin=kept.twin)


def _timestamp(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text.removesuffix("Z")) if text else None   # naive UTC, as the table holds it


def _harvest(estate, verdict: Verified, fetched, kept, references: dict, harvests: Harvests,
             harvested: str) -> EstateRow:
    """Record this run's harvest of an estate in the state; the estate's row for the pages."""
    reference = verdict.reference_date
    if verdict.status == OK:
        reference = references.get(estate.id)
    entry = {"harvested": harvested, "status": verdict.status, "reason": verdict.reason or None,
             "reference_date": reference, "manifest_sha": None, "commit": verdict.commit, "head": None, "files": {}}
    if verdict.status == UNREACHABLE:
        entry["commit"] = None
    elif fetched is not None and fetched.outcome == "fetched":
        entry["manifest_sha"] = fetched.manifest_sha
        entry["files"] = {path.removeprefix("data/"): sha for path, sha in fetched.kept.items() if path != MANIFEST}
    else:   # unchanged: the files of the harvest that read this manifest
        entry["manifest_sha"] = kept.known.manifest_sha
        entry["files"] = None
    harvests.record(estate.id, entry)
    when = harvested
    if verdict.status == UNREACHABLE:
        last = harvests.last_read(estate.id)
        when, reference = (last.get("last_seen"), last.get("reference_date")) if last else (None, None)
    return EstateRow(estate, verdict.status, verdict.reason, verdict.commit, harvested=when, reference_date=reference,
                     note=verdict.note if verdict.status == OK else "",
                     stale_since=kept.harvested if kept and verdict.status == UNREACHABLE else None)
