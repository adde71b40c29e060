"""`sunlight portal`: runs the portal's stages, nothing else.

registry -> fetch (concurrent, incremental) -> verify -> aggregate (DuckDB state) -> figures ->
pages -> frame (MkDocs, once per tool, day and menu) + stamped pages + exports (only the changed
chunks re-encoded) -> swap into place.  An estate that is not `ok` is a
warning and is left out of every figure; only an invalid registry stops the build.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..problems import Problem, warning
from .aggregate import Store
from .exports import load_record, save_record, usable
from .fetch import CONNECTIONS, TIMEOUT, bounded_map, fetch_estate, unchanged_folder
from .figures import estate_summaries
from .pages import EstateRow, portal_pages
from .registry import load_registry
from .site import page_keys, reusable_pages, write_site
from .verify import OK, UNREACHABLE, Verified, verify
from ..timing import stopwatch

STATE = Path(".sunlight") / "portal"     # beside the registry: the last good data of every estate
WORDS = {"unverified": ("W-PORTAL-UNVERIFIED", "没有通过核验"), "unreachable": ("W-PORTAL-UNREACHABLE", "无法访问")}


class StateBusy(Exception):
    """Another portal build holds the state folder."""


def build_portal(registry_path: Path, site_dir: Path | None = None, label: str | None = None,
                 state_dir: Path | None = None, connections: int = CONNECTIONS, timeout: float = TIMEOUT,
                 today: dt.date | None = None, timings: dict[str, float] | None = None,
                 ) -> tuple[list[Problem], bool, list[EstateRow]]:
    """(problems, whether a site was put in place, each estate's verdict)."""
    lap = stopwatch(timings)
    registry_path = registry_path.resolve()
    label = label or registry_path.name
    base = registry_path.parent
    state_dir = state_dir or base / STATE
    registry, problems = load_registry(registry_path, label, state_dir / "registry.json")
    if registry is None:
        return problems, False, []
    site_dir = (site_dir or base / "site").resolve()
    try:
        store = Store(state_dir / "portal.duckdb")
    except Exception as exc:  # duckdb.IOException: the file is locked by another run
        raise StateBusy(f"门户的状态文件夹正被另一个 sunlight portal 使用，或无法打开：{exc}") from None
    try:
        known = store.known()

        def work(estate):
            last = known.get(estate.id)
            fetched = fetch_estate(estate, base, last[0] if last else None, timeout)
            if fetched.outcome == "unchanged":
                return estate, fetched, Verified(OK, "", last[1])
            if fetched.outcome == "unreachable":
                return estate, fetched, Verified(UNREACHABLE, fetched.reason)
            verdict = verify(fetched)
            fetched.files = {}
            return estate, fetched, verdict

        verdicts: dict[str, EstateRow] = {}
        for estate in registry.estates:
            last = known.get(estate.id)
            if last and unchanged_folder(estate, base, last[0]):
                verdicts[estate.id] = EstateRow(estate, OK, "", last[1])
        others = [e for e in registry.estates if e.id not in verdicts]
        for estate, fetched, verdict in bounded_map(work, others, connections):
            if fetched.outcome == "fetched" and verdict.status == OK:
                store.replace(estate.id, estate.site.strip(), verdict.exports, fetched.manifest_sha, verdict.commit,
                              fetched.etag, fetched.last_modified)
            verdicts[estate.id] = EstateRow(estate, verdict.status, verdict.reason, verdict.commit)
        store.forget_except([e.id for e in registry.estates])
        store.commit()
        lap("fetch")
        rows = [verdicts[e.id] for e in registry.estates]
        ok = [r.estate.id for r in rows if r.status == OK]
        store.use_ok(ok, [(r.estate.id, r.estate.name, r.estate.neighbourhood, r.estate.site.strip(), r.status,
                           r.reason or None, r.commit) for r in rows])
        summaries = estate_summaries(store.con, ok)
        keys = page_keys(rows, {e: known.manifest_sha for e, (known, _) in store.known().items()})
        reusable = reusable_pages(state_dir / "pages.json", site_dir)
        lap("figures")
        previous = usable(load_record(state_dir / "exports.json"), site_dir)
        record = write_site(site_dir, lambda: portal_pages(rows, summaries, keys, reusable), rows, store,
                            today or dt.date.today(), state_dir, previous, timings)
        save_record(state_dir / "exports.json", record)
        lap("site")
    finally:
        store.close()
    for r in rows:
        if r.status != OK:
            code, words = WORDS[r.status]
            problems.append(warning(label, r.estate.src.line, code,
                                    f"小区 {r.estate.id}（{r.estate.name}）{words}，不计入汇总：{r.reason}"))
    return problems, True, rows
