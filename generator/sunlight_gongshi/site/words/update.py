"""One command for the catalogues: `python3 -m sunlight_gongshi.site.words`.

1. `pybabel extract` gathers every message of the templates and the code into `messages.pot`
   (rewritten only when a message or its comment changed, so its date does not churn);
2. `pybabel update` brings `en/LC_MESSAGES/messages.po` up to date: new messages arrive
   untranslated, changed ones marked fuzzy with the old English as a hint, gone ones removed;
3. the zh-Hant catalogues are derived again from the template (`derive.py`);
4. `pybabel compile` writes each catalogue's `.mo`, which the site reads.

`problems()` says what is out of date without writing anything; a test runs it.
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from .catalogues import CATALOGUES, DOMAIN, LOCALE_DIR
from .derive import HANT, derive

PACKAGE = Path(__file__).resolve().parents[2]           # generator/sunlight_gongshi
MAPPING = Path(__file__).resolve().parent / "babel.cfg"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
KEYWORDS = ["tr", "t", "ntr:1,2", "ptr:1c,2", "nptr:1c,2,3", "N_", "Nn_:1,2", "Np_:1c,2", "Npn_:1c,2,3"]
WIDTH = 100


def catalogue_path(locale: str, suffix: str = ".po") -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "--quiet", *args])


def extract(output: Path) -> None:
    """`pybabel extract` over the package, as `babel.cfg` says, into `output`."""
    keywords = [arg for k in KEYWORDS for arg in ("-k", k)]
    with contextlib.chdir(PACKAGE):   # locations relative to the package, wherever it is
        pybabel("extract", "-F", str(MAPPING), *keywords, "-c", "TRANSLATORS:", "--add-location=file",
                "-w", str(WIDTH), "--project=sunlight-gongshi", "--version=1",
                "--copyright-holder=the Sunlight authors", "-o", str(output), ".")


def read(path: Path, locale: str | None = None):
    with open(path, "rb") as handle:
        return read_po(handle, locale=locale)


def _messages(catalog) -> list:
    """What a catalogue says, without its dates: id, context, flags, comments, locations and strings."""
    return [(m.id, m.context, m.string, sorted(m.flags), m.auto_comments, sorted(set(f for f, _ in m.locations)))
            for m in catalog if m.id]


def derived(locale: str) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, derive(read(TEMPLATE), locale), width=WIDTH, include_lineno=False)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    with tempfile.TemporaryDirectory() as work:
        fresh = Path(work) / TEMPLATE.name
        extract(fresh)
        if not TEMPLATE.exists() or _messages(read(fresh)) != _messages(read(TEMPLATE)):
            TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
            TEMPLATE.write_bytes(fresh.read_bytes())
    pybabel("update", "-i", str(TEMPLATE), "-d", str(LOCALE_DIR), "-D", DOMAIN, "-l", "en", "--init-missing",
            "--ignore-obsolete", "-w", str(WIDTH))
    for locale in HANT:
        path = catalogue_path(locale)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(derived(locale))
    for locale in CATALOGUES.values():
        pybabel("compile", "-i", str(catalogue_path(locale)), "-o", str(catalogue_path(locale, ".mo")),
                "-l", locale, "-D", DOMAIN)
    for problem in problems(extracted=False):
        print(problem, file=sys.stderr)
    return 0


def problems(extracted: bool = True) -> list[str]:
    """What is out of date or unfinished, in words; [] when the catalogues are as the command leaves them."""
    found = []
    template = read(TEMPLATE)
    if extracted:
        with tempfile.TemporaryDirectory() as work:
            fresh = Path(work) / TEMPLATE.name
            extract(fresh)
            wanted = {(m.id, m.context) for m in read(fresh) if m.id}
        have = {(m.id, m.context) for m in template if m.id}
        found += [f"messages.pot lacks {key!r}" for key in sorted(wanted - have, key=str)]
        found += [f"messages.pot still has {key!r}" for key in sorted(have - wanted, key=str)]
    for locale in HANT:
        if not catalogue_path(locale).exists() or catalogue_path(locale).read_bytes() != derived(locale):
            found.append(f"{locale} is not what OpenCC derives from messages.pot")
    english = read(catalogue_path("en"), "en")
    keys = {(m.id, m.context) for m in template if m.id}
    for message in english:
        if not message.id:
            continue
        key = (message.id, message.context)
        if key not in keys:
            found.append(f"en has a message messages.pot does not: {key!r}")
        elif message.fuzzy or not all(message.string if isinstance(message.string, tuple) else (message.string,)):
            found.append(f"en: {'fuzzy' if message.fuzzy else 'untranslated'}: {key!r}")
    found += [f"en lacks {key!r}" for key in sorted(keys - {(m.id, m.context) for m in english if m.id}, key=str)]
    for locale in CATALOGUES.values():
        compiled = catalogue_path(locale, ".mo")
        if not compiled.exists():
            found.append(f"{locale}: no {compiled.name}")
            continue
        fresh = io.BytesIO()
        write_mo(fresh, read(catalogue_path(locale), locale))
        fresh.seek(0)
        with open(compiled, "rb") as handle:
            if _strings(read_mo(handle)) != _strings(read_mo(fresh)):
                found.append(f"{locale}: {compiled.name} is older than its .po")
    return found


def _strings(catalog) -> dict:
    """What a compiled catalogue translates: (id, context) -> string."""
    return {(tuple(m.id) if isinstance(m.id, (list, tuple)) else m.id, m.context):
            tuple(m.string) if isinstance(m.string, (list, tuple)) else m.string for m in catalog if m.id}
