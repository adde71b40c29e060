"""The portal as a witness of every estate (record format sections 7 and 8): each estate's chain is
checked against its memory in `.sunlight/portal/witness/` by the very code of `sunlight witness`
(its state format, its check, its key for a site), so the state of one is the state of the other.

The memory is kept one file per estate site, `witness/<SHA-256 of the site's key, 16 hex>.json`,
each a state file of `sunlight witness --state` holding that one site: a run rewrites only the
files of the sites whose memory moved, where one file of every site grew with every chain (60 MB
for 5,000 estates of 240 entries, read and written whole by every run).  A `witness.json` of
every site (the portal's file before, or one `sunlight witness` wrote) is read once, its sites
moved into the folder (a site the folder already holds keeps the folder's memory, the newer one),
and it is renamed `witness.json.moved`, never read again.

An estate whose history was rewritten without a declaration is `rewritten` (left out of every
figure); a declared rewrite stays `ok` with a note; a chain that cannot be checked, from an estate
that published one before or whose manifest names one, makes it `unverified` (it could hide a
rewrite).  An estate that never published a chain (a 1.1 site, or one built outside git) stays
as it is: there is nothing to witness yet.  Heads are only ever added to: a rewrite no one
declared leaves the old head in place, and the state is written once, atomically.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..witness import state as states
from ..witness.check import CONSISTENT, DECLARED, FIRST, REWRITTEN, UNCHECKED, Outcome, check_site, one_line
from ..witness.published import Published
from ..witness.run import WitnessUsage, site_key

FOLDER = "witness"                    # witness/<file_name(key)>: one site's memory
FILE = "witness.json"                 # every site in one file: read once, then MOVED
MOVED = "witness.json.moved"
NAME = re.compile(r"[0-9a-f]{16}\.json")
NONE = "none"     # no chain published and none seen before: nothing to witness


class WitnessStateUnusable(Exception):
    """A file of the witness memory is not what a witness writes, or another run holds the memory;
    the message says which."""


def file_name(key: str) -> str:
    """The file of one site's memory in the folder: its key's SHA-256, 16 hex (keys are URLs and paths)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16] + ".json"


def _advice(path: Path) -> str:
    return (f"门户的见证记录 {path} ", "；没有改动它。请从备份或缓存恢复这个文件，或把它移走"
            "（门户会从头见证这个文件记着的网站，以前见到的历史就不再比较）")


@dataclass(frozen=True)
class Witnessed:
    """What the portal's witness found at one estate this run."""

    kind: str                      # witness.check's kinds, or NONE
    text: str                      # the witness's line (Chinese), "" for NONE
    key: str | None = None         # the estate's site as the state file keys it
    outcome: Outcome | None = None

    @property
    def first_day(self) -> str | None:
        """Rewrites: the day of the first entry that differs, as the portal saw it before."""
        return self.outcome.old[1] if self.outcome and self.outcome.old else None


def chain_of(manifest: dict | None) -> dict | None:
    """The head a manifest names, as a harvest keeps it: {"seq", "link"}, or None without a chain."""
    chain = (manifest or {}).get("chain")
    return {"seq": chain["seq"], "link": chain["link"]} if isinstance(chain, dict) else None


class Witness:
    """The portal's witness state for one run: loaded (and locked) when the run starts, checked
    from the fetch workers, remembered and saved from the run's own thread."""

    def __init__(self, state_dir: Path):
        self.folder, self.old = state_dir / FOLDER, state_dir / FILE
        self._stack = contextlib.ExitStack()
        try:
            self._stack.enter_context(states.locked(self.folder))
            self.state, self.dirty = self._load()
        except states.StateBusy as exc:
            self._stack.close()
            raise WitnessStateUnusable(f"门户的见证记录 {self.folder} {exc}") from None
        except OSError as exc:
            self._stack.close()
            raise WitnessStateUnusable(f"门户的见证记录 {self.folder} 所在的文件夹用不了：{exc.strerror or exc}") from None
        except WitnessStateUnusable:
            self._stack.close()
            raise

    def _load(self) -> tuple[states.State, set[str]]:
        """Every site's memory: the folder's files, and the sites of a `witness.json` the folder
        lacks (to be written into it); a file that is not what a witness writes stops the run."""
        sites: dict[str, states.Memory] = {}
        self.folder.mkdir(parents=True, exist_ok=True)
        for name in sorted(os.listdir(self.folder)):
            if not NAME.fullmatch(name):   # a temporary file of a save that stopped, say
                continue
            path = self.folder / name
            found = self._read(path)
            keys = list(found.sites)
            if len(keys) != 1 or file_name(keys[0]) != name:
                before, after = _advice(path)
                raise WitnessStateUnusable(f"{before}应只记一个网站，文件名是这个网站地址的摘要（{FOLDER}/<摘要>.json），"
                                           f"却不是{after}")
            sites[keys[0]] = found.sites[keys[0]]
        dirty = set()
        if self.old.exists():
            for key, memory in self._read(self.old).sites.items():
                if key not in sites:
                    sites[key] = memory
                    dirty.add(key)
        return states.State(sites), dirty

    @staticmethod
    def _read(path: Path) -> states.State:
        try:
            return states.load(path)
        except states.StateError as exc:
            before, after = _advice(path)
            raise WitnessStateUnusable(f"{before}{exc}{after}") from None

    def key(self, site: str) -> str | None:
        try:
            return site_key(site)
        except WitnessUsage:
            return None

    def memory(self, site: str) -> states.Memory | None:
        key = self.key(site)
        return self.state.sites.get(key) if key else None

    def check(self, site: str, reader, manifest: dict | None, now: str) -> Witnessed:
        """Check one estate's published chain (read through `reader`, the estate's bounded reader)."""
        key = self.key(site)
        if key is None:
            return Witnessed(NONE, "")
        memory = self.state.sites.get(key)
        named = chain_of(manifest)
        if named is None and memory is None:
            return Witnessed(NONE, "", key)
        outcome = check_site(Published(reader), memory, now)
        if outcome.kind in (FIRST, CONSISTENT, DECLARED) and named is not None and outcome.head is not None \
                and (outcome.head.seq, outcome.head.link) != (named["seq"], named["link"]):
            return Witnessed(UNCHECKED, "无法核对：data/chain/head.json 与文件清单写的修改链最新一条不同"
                                        f"（文件清单是第 {named['seq']} 条，head.json 是第 {outcome.head.seq} 条）："
                                        "网站没有完整发布", key)
        return Witnessed(outcome.kind, outcome.text, key, outcome)

    def remember(self, witnessed: Witnessed) -> None:
        if witnessed.outcome is not None and witnessed.outcome.memory is not None and witnessed.key:
            self.state.sites[witnessed.key] = witnessed.outcome.memory
            self.dirty.add(witnessed.key)

    def save(self) -> None:
        """Write the file of each site whose memory moved (atomically, one by one), then retire a
        `witness.json` whose sites are all in the folder now."""
        for key in sorted(self.dirty):
            states.save(self.folder / file_name(key), states.State({key: self.state.sites[key]}))
        self.dirty = set()
        if self.old.exists():
            os.replace(self.old, self.old.with_name(MOVED))

    def close(self) -> None:
        self._stack.close()

    def declared_note(self, site: str) -> str:
        """The note on an estate whose head the portal holds was accepted through a declared rewrite."""
        memory = self.memory(site)
        if memory is None or not memory.rewrites:
            return ""
        last = memory.rewrites[-1]
        new = last.get("new") if isinstance(last, dict) else None
        if last.get("declared") and isinstance(new, dict) and new.get("link") == memory.head.link:
            return f"已声明的改写（本站 {str(last.get('seen', ''))[:10]} 见到）：{one_line(str(last['declared']))}"
        return ""


STATUS = {REWRITTEN: "rewritten", UNCHECKED: "unverified"}   # the rest leave the verdict as it is
