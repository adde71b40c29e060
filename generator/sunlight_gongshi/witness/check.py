"""One site checked against what a witness saw (record format section 8): first record, the
history only extended, a declared rewrite, or an undeclared one with the first entry it changed.

Reading costs as little as the answer allows: the head and the file holding the stored seq
(and the files after it) while the history was only extended; every file from the first only
for a first record and for a rewrite, to name the first entry that differs.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..chain import HEAD, Declaration, Entry, Head
from .published import Published, Unchecked
from .state import Memory, Seen, compact

FIRST, CONSISTENT, DECLARED, REWRITTEN, UNCHECKED = "first", "consistent", "declared", "rewritten", "unchecked"


@dataclass(frozen=True)
class Outcome:
    """What a witness found at one site: `kind`, its line (after the site's address) and what to
    remember now (`memory`; None keeps what was remembered)."""

    kind: str
    text: str
    memory: Memory | None = None
    head: Head | None = None            # the head the site published, when it could be read
    first_changed: int | None = None    # rewrites: the first seq that differs
    old: tuple[str, str] | None = None  # rewrites: (commit prefix, day) of that entry as seen before
    new: Entry | None = None            # rewrites: that entry now (None when the chain was cut short)
    reason: str | None = None           # declared rewrites: the committee's reason

    @property
    def failed(self) -> bool:
        """A rewrite no one declared, or a site that could not be checked (it might hide one)."""
        return self.kind in (REWRITTEN, UNCHECKED)


def one_line(text: str, limit: int = 120) -> str:
    """Text a site sent, safe on one line of a terminal: no control or direction characters."""
    cleaned = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= limit else cleaned[:limit - 1] + "…"


def check_site(published: Published, memory: Memory | None, now: str) -> Outcome:
    """Check one site's published chain against `memory` (None: never seen); `now` is the UTC time
    written into what is remembered."""
    try:
        return _check(published, memory, now)
    except Unchecked as exc:
        return Outcome(UNCHECKED, f"无法核对：{exc}", head=published.known_head)


def _check(published: Published, memory: Memory | None, now: str) -> Outcome:
    head = published.head()
    if head.seq == 0:
        kept = f"；仍记着此前所见的第 {memory.head.seq} 条（{memory.head.day}）" if memory else ""
        raise Unchecked(f"网站这次没有公布修改链（{HEAD} 是 {{\"seq\": 0}}：不在 git 仓库中生成，或只取了部分历史）{kept}")
    if memory is None:
        entries = published.whole()
        return Outcome(FIRST, f"首次记录：共 {head.seq} 条，最新一条 {head.day}（提交 {head.commit[:7]}）",
                       Memory(Seen.of(entries[-1]), [compact(e) for e in entries], now, _declared(head)), head)
    held = memory.head
    if head.seq >= held.seq and published.entry(held.seq).link == held.link:
        added = published.after(held.seq, held.link)
        known = sorted(set(memory.declarations) | set(_declared(head)))
        if not added:
            kept = None if known == memory.declarations else \
                Memory(held, memory.entries, memory.first_seen, known, memory.rewrites)
            return Outcome(CONSISTENT, f"一致：没有新的修改（共 {held.seq} 条，最新一条 {held.day}）", kept, head)
        extended = Memory(Seen.of(added[-1]), memory.entries + [compact(e) for e in added], memory.first_seen,
                          known, memory.rewrites)
        span = f"第 {added[0].seq} 条" if len(added) == 1 else f"第 {added[0].seq}–{added[-1].seq} 条"
        return Outcome(CONSISTENT, f"一致：新增{span}，最新一条 {head.day}（提交 {head.commit[:7]}）", extended, head)
    return _rewritten(published.whole(), head, memory, now)


def first_difference(memory: Memory, entries: tuple[Entry, ...]) -> int:
    """The first seq whose link is not the one this witness saw (entries past the new chain's
    end count as different: the history was cut short)."""
    overlap = min(len(entries), memory.head.seq)
    for seq in range(1, overlap + 1):
        if entries[seq - 1].link[:16] != memory.seen(seq)[0]:
            return seq
    return min(overlap + 1, memory.head.seq)


def _declared(head: Head) -> list[str]:
    return sorted({d.replaces for d in head.declarations})


def declaration_for(head: Head, memory: Memory) -> Declaration | None:
    """The declared rewrite that covers the history this witness held: one that names its head;
    else one it had not seen before, dated no earlier than that head (it names a later head of
    the same old line, which this witness never saw and so cannot check further).  A declaration
    already published with the head it holds covers nothing new: no one can declare in advance."""
    exact = [d for d in head.declarations if d.replaces == memory.head.link]
    if exact:
        return exact[-1]
    later = [d for d in head.declarations if d.replaces not in memory.declarations and d.date >= memory.head.day]
    return later[-1] if later else None


def _rewritten(entries: tuple[Entry, ...], head: Head, memory: Memory, now: str) -> Outcome:
    held = memory.head
    seq = first_difference(memory, entries)
    _link, old_commit, old_day = memory.seen(seq)
    new = entries[seq - 1] if seq <= len(entries) else None
    declaration = declaration_for(head, memory)
    event = {"seen": now, "seq": seq, "old": held.as_dict(), "new": Seen.of(entries[-1]).as_dict(),
             "declared": declaration.reason if declaration else None}
    facts = dict(head=head, first_changed=seq, old=(old_commit, old_day), new=new)
    if declaration is not None:
        reason = one_line(declaration.reason)
        accepted = Memory(Seen.of(entries[-1]), [compact(e) for e in entries], memory.first_seen,
                          sorted(set(memory.declarations) | set(_declared(head))), memory.rewrites + [event])
        return Outcome(DECLARED, f"改写（已声明：{reason}）：第 {seq} 条（{old_day}）起与此前所见不同，"
                                 f"已接受新的修改链（共 {head.seq} 条）", accepted, reason=declaration.reason, **facts)
    now_text = (f"现在是提交 {new.commit[:7]}（{new.date[:10]}）" if new is not None
                else f"现在修改链只到第 {head.seq} 条")
    text = f"改写：第 {seq} 条起（{old_day}）与此前所见不同：此前是提交 {old_commit[:7]}（{old_day}），{now_text}"
    # The rewrite is not accepted: the witness keeps its head, and notes each new head it was shown once.
    noted = any(isinstance(r.get("new"), dict) and r["new"].get("link") == head.link and r.get("declared") is None
                for r in memory.rewrites)
    kept = None if noted else Memory(held, memory.entries, memory.first_seen, memory.declarations,
                                     memory.rewrites + [event])
    return Outcome(REWRITTEN, text, kept, **facts)
