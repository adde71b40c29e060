"""A witness run over many sites with one state file: what `sunlight witness` does, and what the
portal's witness memory is made of (`.sunlight/portal/witness/`: one such state file per site)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence
from urllib.parse import urlsplit

from ..sitereader import Limits, SiteReader, is_url
from . import state as states
from .check import CONSISTENT, DECLARED, FIRST, REWRITTEN, UNCHECKED, Outcome, check_site
from .published import Published

WORDS = {FIRST: "首次记录", CONSISTENT: "一致", DECLARED: "已声明的改写", REWRITTEN: "未声明的改写", UNCHECKED: "无法核对"}


class WitnessUsage(Exception):
    """A run that cannot start (sites given twice, a state file it cannot use); nothing was written."""


@dataclass
class Report:
    results: list[tuple[str, Outcome]]    # (site as given, what was found), in the order given
    state_path: Path

    @property
    def failed(self) -> bool:
        return any(outcome.failed for _site, outcome in self.results)

    def lines(self) -> list[str]:
        return [f"{site}: {outcome.text}" for site, outcome in self.results]

    def summary(self) -> str:
        counts = {kind: sum(o.kind == kind for _s, o in self.results) for kind in WORDS}
        parts = "，".join(f"{counts[kind]} 个{word}" for kind, word in WORDS.items() if counts[kind])
        return f"见证了 {len(self.results)} 个网站：{parts}。见证记录在 {self.state_path}"


def site_key(address: str) -> str:
    """How a site is remembered: a URL with its scheme and host in lower case, no default port and
    a final "/"; a folder as the path was written, tidied."""
    address = address.strip()
    if not is_url(address):
        if not address:
            raise WitnessUsage("网站地址是空的")
        return os.path.normpath(address)
    parts = urlsplit(address)
    if parts.username is not None or parts.password is not None:
        raise WitnessUsage(f"网址 {address} 里有用户名或密码：见证记录会保存网址，请不要把密码写进去")
    if parts.query or parts.fragment or address.endswith(("?", "#")):
        raise WitnessUsage(f"网址 {address} 带有 ? 或 #：请写公示网站首页所在的网址，如 https://example.org/minghu/")
    try:
        port = parts.port
    except ValueError:
        raise WitnessUsage(f"网址 {address} 的端口不对") from None
    host = (parts.hostname or "").lower()
    if not host:
        raise WitnessUsage(f"网址 {address} 没有网站名")
    scheme = parts.scheme.lower()
    netloc = host if port in (None, {"http": 80, "https": 443}[scheme]) else f"{host}:{port}"
    path = parts.path or "/"
    return f"{scheme}://{netloc}{path if path.endswith('/') else path + '/'}"


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _distinct(sites: Sequence[str], base: Path) -> list[str]:
    """The key of each site; the same site given twice (in any spelling) stops the run."""
    keys, seen = [], {}
    for site in sites:
        key = site_key(site)
        same = key if is_url(key) else os.path.realpath(base / key)
        if same in seen:
            earlier = seen[same]
            twice = f"网站 {site} 写了两次" if earlier == site else f"{earlier} 和 {site} 是同一个网站（写了两次）"
            raise WitnessUsage(f"{twice}：每个网站只写一次")
        seen[same] = site
        keys.append(key)
    return keys


def witness(sites: Sequence[str], state_path: Path, base: Path | None = None, limits: Limits = Limits(),
            now: str | None = None) -> Report:
    """Check every site against the state at `state_path` and remember what was accepted.  The
    state is read before any site and written once at the end, atomically, only when something
    new was accepted or noted: a run that fails half way leaves it as it was."""
    base = base or Path.cwd()
    keys = _distinct(sites, base)
    now = now or utc_now()
    where = f"见证记录文件 {state_path}"
    try:
        with states.locked(state_path):
            try:
                state = states.load(state_path)
            except states.StateError as exc:
                raise WitnessUsage(f"{where} {exc}；没有改动它。请改正这个文件，或用 --state 另指一个") from None
            results, changed = [], False
            for site, key in zip(sites, keys):
                reader = SiteReader(site if is_url(key) else key, base, limits)
                outcome = check_site(Published(reader), state.sites.get(key), now)
                if outcome.memory is not None:
                    state.sites[key] = outcome.memory
                    changed = True
                results.append((site, outcome))
            if changed:
                try:
                    states.save(state_path, state)
                except OSError as exc:
                    raise WitnessUsage(f"{where} 写不了：{exc.strerror or exc}；它保持原样，这次见到的没有记下") from None
    except states.StateBusy as exc:
        raise WitnessUsage(f"{where} {exc}") from None
    except OSError as exc:   # the lock file's folder cannot be made or opened
        raise WitnessUsage(f"{where} 所在的文件夹用不了：{exc.strerror or exc}") from None
    return Report(results, state_path)
