"""The portal's registry.yml: which estates it compares, where each publishes, and what reading one
may cost, checked like a record file.

A registry is read with the same line-aware YAML reader and field kinds as `records/`, so a
mistake in it is a `path:line: error:` line at the value that is wrong, never a traceback.  Two
entries naming the same site are an error at the second (the estate would count twice).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

from .. import __version__
from ..checks.common import duplicate_ids
from ..load.construct import make
from ..load.yamlread import LineDict, YamlError, parse
from ..model.fields import Id, Int, ListOf, Src, Sub, Text, spec, src_field
from ..problems import Problem, error
from ..sitereader import MB, Limits

MAX_REGISTRY_BYTES = 16 * 1024 * 1024   # a district of tens of thousands of estates fits many times over


@dataclass(frozen=True)
class Estate:
    """One estate: its id, its name, its neighbourhood, and where its published site is."""

    id: str = spec(Id())
    name: str = spec(Text())
    site: str = spec(Text())          # an http(s) URL, or a folder relative to the registry file
    neighbourhood: Optional[str] = spec(Text(), default=None)
    src: Src = src_field()

    @property
    def is_url(self) -> bool:
        return urlsplit(self.site.strip()).scheme.lower() in ("http", "https")


MAX_MEGABYTES, MAX_SECONDS = 1024, 3600   # past these a typo would let one estate stall or swamp the run


@dataclass(frozen=True)
class RegistryLimits:
    """`limits:` what reading one estate's site may cost at most, every file included (spec section 7)."""

    megabytes: int = spec(Int(1), default=Limits().total_bytes // MB)
    seconds: int = spec(Int(1), default=int(Limits().seconds))
    src: Src = src_field()

    def reader_limits(self) -> Limits:
        return Limits(total_bytes=self.megabytes * MB, seconds=self.seconds)


@dataclass(frozen=True)
class Registry:
    estates: tuple[Estate, ...] = spec(ListOf(Sub(Estate)))
    limits: RegistryLimits = spec(Sub(RegistryLimits), default=RegistryLimits())
    src: Src = src_field()


def _decode(data: bytes) -> str:
    if len(data) > MAX_REGISTRY_BYTES:
        raise YamlError(1, "E-SIZE", f"文件有 {len(data):,} 字节，超过 16 MiB；请检查是不是选错了文件")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise YamlError(line, "E-ENCODING", "文件不是 UTF-8 编码：请用“另存为 UTF-8”重新保存") from None


def _site_problem(estate: Estate) -> str | None:
    """Why `site` can be neither an http(s) URL nor a folder, or None when it can be one."""
    site = estate.site.strip()
    parts = urlsplit(site)
    if parts.scheme.lower() in ("http", "https"):
        return None if parts.netloc else f"网址 {site} 缺少主机名，应写成 https://example.org/小区/ 这样"
    if "://" in site or parts.scheme.lower() in ("file", "ftp", "data", "javascript"):
        return f"只认 http:// 或 https:// 网址，或相对于登记文件的文件夹；{site} 两者都不是"
    return None


def site_key(site: str, base_dir: Path) -> str:
    """What makes two `site`s the same published site: for a URL its host, port and folder (any
    case of the host, with or without the last slash, http or https); for a folder its real path."""
    site = site.strip()
    parts = urlsplit(site)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        try:
            port = parts.port
        except ValueError:
            port = None
        host = (parts.hostname or parts.netloc).lower()
        netloc = host if port in (None, 80, 443) else f"{host}:{port}"
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        return f"url {netloc}{path}" + (f"?{parts.query}" if parts.query else "")
    return f"folder {os.path.realpath(base_dir / site)}"


def _duplicate_sites(registry: Registry, label: str, base_dir: Path) -> list[Problem]:
    """An error at the second and every later entry naming a site an earlier entry named."""
    seen: dict[str, Estate] = {}
    problems = []
    for estate in registry.estates:
        if _site_problem(estate):
            continue
        key = site_key(estate.site, base_dir)
        first = seen.setdefault(key, estate)
        if first is not estate:
            problems.append(error(label, estate.src.at("site"), "E-SITE-DUPLICATE",
                                  f"小区 {estate.id} 的网站 {estate.site.strip()} 与第 {first.src.at('site')} 行的小区 "
                                  f"{first.id}（{first.name}）是同一个网站：同一个网站登记两次，它的数字会算两遍；"
                                  "请删掉多余的一条，或改成这个小区自己的网站"))
    return problems


def _limit_problems(registry: Registry, label: str) -> list[Problem]:
    limits = registry.limits
    problems = []
    for name, value, most in (("megabytes", limits.megabytes, MAX_MEGABYTES), ("seconds", limits.seconds, MAX_SECONDS)):
        if value > most:
            problems.append(error(label, limits.src.at(name), "E-LIMITS",
                                  f"limits 的 {name} 是 {value}，太大：最多 {most}；一个小区的网站不应需要这么多"))
    return problems


def _digest(data: bytes, label: str) -> str:
    digest = hashlib.sha256(f"{__version__} {label}\n".encode())
    digest.update(Path(__file__).read_bytes())
    digest.update(data)
    return digest.hexdigest()


def _remembered(record: Path | None, digest: str) -> Registry | None:
    """The registry as last read, from JSON in the state folder (never a pickle: the folder may
    come from a CI cache), if it was read from the same bytes by the same version."""
    try:
        found = json.loads(record.read_text(encoding="utf-8")) if record else None
    except (OSError, ValueError):
        return None
    if not isinstance(found, dict) or found.get("digest") != digest:
        return None
    estates = tuple(Estate(**{**e, "src": Src(**e["src"])}) for e in found["estates"])
    kept = found["limits"]
    limits = RegistryLimits(**{**kept, "src": Src(**kept["src"]) if kept["src"] else None})
    return Registry(estates, limits, Src(**found["src"]))


def _remember(record: Path, digest: str, registry: Registry) -> None:
    record.parent.mkdir(parents=True, exist_ok=True)
    temporary = record.with_suffix(".tmp")
    temporary.write_text(json.dumps({"digest": digest, "estates": [asdict(e) for e in registry.estates],
                                     "limits": asdict(registry.limits), "src": asdict(registry.src)},
                                    ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, record)


def load_registry(path: Path, label: str, record: Path | None = None) -> tuple[Registry | None, list[Problem]]:
    """The registry in `path`, or None with the problems that make it unusable; `label` is how
    problems name the file (as the user wrote it on the command line).  A registry without
    problems is remembered in `record`, and read from there while its bytes stay the same
    (thousands of estates take a quarter of a second to read as YAML)."""
    problems: list[Problem] = []
    try:
        data = path.read_bytes()
        digest = _digest(data, label)
        remembered = _remembered(record, digest)
        if remembered is not None:
            return remembered, []
        value, yaml_problems = parse(_decode(data))
    except YamlError as exc:
        return None, [error(label, exc.line, exc.code, exc.message)]
    except OSError as exc:
        return None, [error(label, 1, "E-FILE", f"读不了登记文件：{exc.strerror or exc}")]
    problems += [error(label, line, code, message) for line, code, message in yaml_problems]
    if value is None:
        return None, problems + [error(label, 1, "E-EMPTY", "登记文件是空的；请按 estates: 列出各小区")]
    registry = make(Registry, value, label, 1, problems)
    if registry is not None:
        if not registry.estates and isinstance(value, LineDict) and not problems:
            problems.append(error(label, value.key_lines.get("estates", 1), "E-MISSING",
                                  "estates 下一个小区也没有；请至少列出一个小区"))
        problems += duplicate_ids(registry.estates, lambda e: e.id, "小区",
                                  lambda e: (label, e.src.at("id")))
        for estate in registry.estates:
            problem = _site_problem(estate)
            if problem:
                problems.append(error(label, estate.src.at("site"), "E-SITE", problem))
        problems += _duplicate_sites(registry, label, path.parent)
        problems += _limit_problems(registry, label)
    if registry is not None and not problems and record is not None:
        _remember(record, digest, registry)
    return (registry if not problems else None), problems
