"""Files the site publishes besides the records and pages, read for the privacy scan: attachments
under records/files/, mkdocs.yml and every file it pulls in.

Which attachments are published is model/attachments.py's allow-list.  mkdocs.yml reaches further
than itself: `INHERIT` merges another settings file (its site name and copyright are on every
page), `extra_css` and `extra_javascript` name files, and the theme's `custom_dir` holds
overrides; each is read as text and scanned (record format 1.2, section 2).
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from .. import privacy
from ..model.attachments import extension, published  # noqa: F401  (published: asked of load by the site)
from ..problems import Problem, warning
from .attachment_text import Unreadable, attachment_text, decode, holds_text

MAX_TEXT = 8 * 1024 * 1024       # a settings or theme file larger than this is not text anyone wrote
MAX_INHERIT = 10                 # INHERIT chains longer than this are a loop


def attachment_problems(rel: str, data: bytes) -> list[Problem]:
    """Personal numbers inside an attachment under records/ (`rel`, its bytes) that the site
    publishes as it is."""
    path = f"records/{rel}"
    try:
        parts = attachment_text(data, extension(rel))
    except Unreadable:
        return [warning(path, 1, "W-PRIVACY-UNREAD",
                        "读不出这个附件里的文字（文件损坏、加了打开密码，或是少见的格式），隐私检查查不了它：请打开看一遍，"
                        "确认里面没有手机号、身份证号和银行卡号；最好另存为不加密码的 PDF 再上传")]
    return [p for part in parts or () for p in privacy.file_problems(path, part.text, part.where)]


def scanned(rel: str) -> bool:
    """Whether an attachment is published and may hold text, so that it is read and scanned."""
    return published(rel) and holds_text(rel)


class _Settings(yaml.SafeLoader):
    """mkdocs.yml as data: MkDocs' own tags (!ENV, !relative, !!python/name:...) read as plain values."""


def _any_tag(loader, _suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_Settings.add_multi_constructor("!", _any_tag)
_Settings.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def _settings(path: Path) -> dict:
    try:
        value = yaml.load(path.read_bytes()[:MAX_TEXT], Loader=_Settings)  # noqa: S506 - a SafeLoader
    except (OSError, yaml.YAMLError, ValueError, TypeError):
        return {}
    return value if isinstance(value, dict) else {}


def _paths(value) -> list[str]:
    """The file names in an extra_css / extra_javascript list (strings, or {path: ...})."""
    items = value if isinstance(value, list) else []
    names = [item.get("path") if isinstance(item, dict) else item for item in items]
    return [name for name in names if isinstance(name, str) and "://" not in name and not name.startswith("//")]


def pulled_in(root: Path) -> list[Path]:
    """Every file mkdocs.yml pulls in: the INHERIT chain, extra CSS and JavaScript, the theme's
    custom_dir, logo and favicon, in that order, each once."""
    found: list[Path] = []
    config, folder = root / "mkdocs.yml", root
    for _ in range(MAX_INHERIT):
        settings = _settings(config)
        docs = folder / str(settings.get("docs_dir") or "docs")
        theme = settings.get("theme") if isinstance(settings.get("theme"), dict) else {}
        custom = folder / str(theme["custom_dir"]) if isinstance(theme.get("custom_dir"), str) else None
        for name in _paths(settings.get("extra_css")) + _paths(settings.get("extra_javascript")) + \
                [theme[k] for k in ("logo", "favicon") if isinstance(theme.get(k), str)]:
            found += [base / name for base in (folder, docs, root / "content", custom) if base is not None
                      and (base / name).is_file()]
        if custom is not None and custom.is_dir():
            for here, dirs, files in os.walk(custom):
                dirs.sort()
                found += [Path(here) / name for name in sorted(files)]
        parent = settings.get("INHERIT")
        if not isinstance(parent, str) or not (folder / parent).is_file():
            break
        config = folder / parent
        folder = config.parent
        found.append(config)
    unique = {}
    for path in found:
        unique.setdefault(os.path.realpath(path), path)
    return list(unique.values())


def _shown(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def site_config_problems(root: Path) -> list[Problem]:
    """Personal numbers in mkdocs.yml (its site name, copyright line and extras are on every page)
    and in every file it pulls in."""
    problems = []
    for path in [root / "mkdocs.yml", *pulled_in(root)]:
        try:
            data = path.read_bytes()[:MAX_TEXT]
        except OSError:
            continue
        if b"\x00" in data[:1024] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue   # an image or a font of the theme: no text to read
        problems += privacy.file_problems(_shown(root, path), decode(data))
    return problems
