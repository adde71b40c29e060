"""`sunlight portal`: runs the portal's stages, nothing else.

registry -> site dir guard -> fetch (concurrent, incremental, bounded) -> verify (manifest,
schemas, re-derived figures, privacy) -> witness (chain heads, closed months changed) -> twins ->
harvests (state) -> aggregate (DuckDB state) -> figures -> pages -> frame (MkDocs, once per tool, day and menu) + stamped pages + exports
(only the changed chunks re-encoded) -> swap into place.  An estate that is not `ok` is a
warning and is left out of every figure; only an invalid registry stops the build, and a site
dir that would destroy what the office keeps is refused before anything is written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from ..problems import Problem, warning
from ..sitereader import SiteReader
from ..publishing.guards import portal_site_dir_refusal
from ..timing import stopwatch
from .aggregate import Store
from .amendments import AMENDED, FIGURES, Amendments, closed_changes
from .amendments import DECLARED as DECLARED_CHANGE
from .amendments import REWRITTEN as REWRITTEN_CHANGE
from .exports import load_record, save_record, usable
from .fetch import CONNECTIONS, bounded_map, fetch_estate, unchanged_folder
from .figures import estate_summaries
from .harvests import CHINA, Harvests, stamp
from .masking import mask_reason
from .office_pages import when
from .pages import EstateRow, portal_pages
from .published import MANIFEST
from .questions import add_fund_entries, office_answers
from .registry import load_registry
from .site import page_keys, reusable_pages, write_site
from .verify import OK, UNREACHABLE, Verified, twins, verify
from .witnessing import DECLARED, FIRST, NONE, REWRITTEN, STATUS, Witness, Witnessed, WitnessStateUnusable, chain_of

STATE = Path(".sunlight") / "portal"     # beside the registry: what the portal remembers (docs/portal.md)
WORDS = {"unverified": ("W-PORTAL-UNVERIFIED", "没有通过核验"), "unreachable": ("W-PORTAL-UNREACHABLE", "无法访问"),
         "rewritten": ("W-PORTAL-REWRITTEN", "的历史被改写，没有声明")}


class StateBusy(Exception):
    """The state folder cannot be used now: another portal build holds it, or a file of its witness
    memory (witness/, witness.json) is not one; the message says which, and nothing in it was changed."""


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
    try:
        witness = Witness(state_dir)
    except WitnessStateUnusable as exc:
        store.close()
        raise StateBusy(str(exc)) from None
    harvests, amendments = Harvests(state_dir), Amendments(state_dir)
    witnessed: dict[str, Witnessed] = {}
    changes: dict[str, tuple] = {}
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
            if verdict.status == OK:
                _witness(estate, fetched, verdict, witness, harvests, amendments, harvested, witnessed, changes)
            fetched.files, fetched.reader = {}, None
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
            if estate.id in witnessed:
                witness.remember(witnessed[estate.id])
        _first_records(registry.estates, unchanged, known, base, limits, witness, harvests, harvested, connections)
        witness.save()
        amendments.save()
        store.seen(unchanged, harvested)
        twins(verdicts, registry.estates)
        store.forget_except([e.id for e in registry.estates])
        store.commit()
        lap("fetch")
        kept_now = store.known()
        references = store.reference_dates()
        # Local files only (a few bytes of each estate's harvest log): in this thread, as workers
        # taking turns at the interpreter for 5,000 small writes cost three times more.
        rows = [_harvest(e, verdicts[e.id], fetches.get(e.id), kept_now.get(e.id), references, harvests, harvested,
                         _witness_facts(e, witness, witnessed.get(e.id), changes, amendments))
                for e in registry.estates]
        lap("harvests")
        ok = [r.estate.id for r in rows if r.status == OK]
        stale = {r.estate.id: kept_now[r.estate.id].harvested for r in rows
                 if r.status == UNREACHABLE and r.estate.id in kept_now}
        store.use_ok(ok, [(r.estate.id, r.estate.name, r.estate.neighbourhood, r.estate.site.strip(), r.status,
                           r.shown_reason, r.commit, _timestamp(r.harvested), r.reference_date) for r in rows],
                     list(stale))
        store.use_amendments(_amendment_rows(rows))
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
        witness.close()
    for r in rows:
        if r.status != OK:
            code, words = WORDS[r.status]
            problems.append(warning(label, r.estate.src.line, code,
                                    f"小区 {r.estate.id}（{r.estate.name}）{words}，不计入汇总：{r.reason}"))
            continue
        if r.note:
            problems.append(warning(label, r.estate.src.line, "W-PORTAL-PRIVACY",
                                    f"小区 {r.estate.id}（{r.estate.name}）：{r.note}"))
        found = witnessed.get(r.estate.id)
        if found is not None and found.kind == DECLARED:
            problems.append(warning(label, r.estate.src.line, "W-PORTAL-REWRITE-DECLARED",
                                    f"小区 {r.estate.id}（{r.estate.name}）：{found.text}"))
    return problems, True, rows


def _kept(kept) -> Verified:
    """The verdict on an estate whose manifest is the one of its last good data."""
    return Verified(OK, "", kept.commit, note=kept.note, twin=kept.twin)


def _amendment_rows(rows: list[EstateRow]) -> list[tuple]:
    """The amendments table: every registered estate's closed months changed, old and new figures."""
    def figures(side):
        return [side[f] for f in FIGURES] if side else [None] * len(FIGURES)
    return [(r.estate.id, a["kind"], a["month"], a["account"], *figures(a["old"]), *figures(a["new"]),
             _timestamp(a["since"]), _timestamp(a["found"])) for r in rows for a in r.amended]


def _timestamp(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text.removesuffix("Z")) if text else None   # naive UTC, as the table holds it


def _witness(estate, fetched, verdict: Verified, witness: Witness, harvests: Harvests, amendments: Amendments,
             harvested: str, witnessed: dict, changes: dict) -> None:
    """Check a verified estate's chain (in the fetch worker, through its bounded reader): a rewrite
    no one declared makes it `rewritten`, a chain that cannot be checked `unverified`; and keep the
    closed months whose figures changed since the harvest the comparison is with."""
    found = witness.check(estate.site.strip(), fetched.reader, fetched.parsed, harvested)
    witnessed[estate.id] = found
    if found.kind in STATUS:
        verdict.status, verdict.reason = STATUS[found.kind], mask_reason(found.text)
    finance, sha = verdict.exports.get("finance"), fetched.kept.get("data/finance.json")
    if finance is None:
        return
    if found.kind == REWRITTEN:   # against the exports harvested at the head the portal still holds
        memory = witness.memory(estate.site.strip())
        before = harvests.finance_before(estate.id, memory.head.link) if memory else None
        if before is None:
            changes[estate.id] = (None, None)
            return
        since = before[0].get("last_seen") or before[0]["harvested"]
        changed = closed_changes(before[1], finance)
        changes[estate.id] = (tuple(changed), since)
        amendments.add(estate.id, harvested, since, REWRITTEN_CHANGE, changed)
    elif verdict.status == OK:    # against the last good harvest, whatever history it came from
        before = harvests.finance_before(estate.id)
        if before is not None and before[0]["files"]["finance.json"] != sha:
            amendments.add(estate.id, harvested, before[0].get("last_seen") or before[0]["harvested"],
                           DECLARED_CHANGE if found.kind == DECLARED else AMENDED, closed_changes(before[1], finance))


def _first_records(estates, unchanged: list[str], known: dict, base: Path, limits, witness: Witness,
                   harvests: Harvests, harvested: str, connections: int) -> None:
    """Estates whose data was kept from an earlier run but whose chain the witness has no record
    of (a state folder from before the portal was a witness, or a witness memory moved away): their
    chain is recorded now, so a later rewrite is seen."""
    by_id = {e.id: e for e in estates}

    def first(estate_id: str) -> Witnessed | None:
        estate, kept = by_id[estate_id], known.get(estate_id)
        if kept is None or witness.memory(estate.site.strip()) is not None:
            return None
        manifest = harvests.blob(kept.known.manifest_sha)
        try:
            parsed = json.loads(manifest) if manifest else None
        except ValueError:
            return None
        if not isinstance(parsed, dict) or chain_of(parsed) is None:
            return None
        return witness.check(estate.site.strip(), SiteReader(estate.site.strip(), base, limits), parsed, harvested)

    missing = [e for e in unchanged if witness.key(by_id[e].site.strip()) not in witness.state.sites]
    for found in bounded_map(first, missing, connections):
        if found is not None and found.kind == FIRST:
            witness.remember(found)


def _witness_facts(estate, witness: Witness, found: Witnessed | None, changes: dict, amendments: Amendments) -> dict:
    """What an estate's page shows of the portal as its witness."""
    site = estate.site.strip()
    memory = witness.memory(site)
    facts = {"amended": tuple(amendments.of(estate.id)), "rewrites": tuple(memory.rewrites) if memory else (),
             "witness_note": witness.declared_note(site)}
    if found is not None and found.kind in STATUS:
        facts["witness"] = found.text
    elif memory is not None:
        facts["witness"] = (f"本站自 {when(memory.first_seen)}（北京时间）起见证这个小区的修改链，"
                            f"现在记着第 {memory.head.seq} 条（{memory.head.day}，提交 {memory.head.commit[:7]}）")
    elif found is None or found.kind == NONE:
        facts["witness"] = "小区网站没有公布修改链（1.2 版以前的网站，或不在 git 仓库中生成），本站无法见证它的历史"
    if found is not None and found.kind == REWRITTEN:
        facts["first_day"] = found.first_day
        facts["changes"], facts["changes_since"] = changes.get(estate.id, (None, None))
    return facts


def _harvest(estate, verdict: Verified, fetched, kept, references: dict, harvests: Harvests,
             harvested: str, facts: dict) -> EstateRow:
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
        entry["head"] = chain_of(fetched.parsed)
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
                     stale_since=kept.harvested if kept and verdict.status == UNREACHABLE else None,
                     **{**facts, "witness_note": facts["witness_note"] if verdict.status == OK else ""})
