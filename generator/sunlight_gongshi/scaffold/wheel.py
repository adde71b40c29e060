"""The wheel of the Sunlight that is running, rebuilt from its own files, for a community to keep.

`sunlight init` and `sunlight upgrade` put it in the community's `wheels/`, and requirements.txt
finds it there (`--find-links wheels`): the workflows install the very version that made the
community whether or not PyPI has it yet.  The wheel holds the package's files as they are
installed (or as they are in a source checkout) and the distribution's metadata; its bytes
depend only on those files, so making it twice gives the same wheel.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import tomllib
import zipfile
from pathlib import Path

from .. import __version__

PACKAGE = Path(__file__).resolve().parent.parent          # sunlight_gongshi/
DISTRIBUTION = "sunlight-gongshi"
STEM = f"sunlight_gongshi-{__version__}"
WHEEL_NAME = f"{STEM}-py3-none-any.whl"
WHEEL_FILE = f"""Wheel-Version: 1.0
Generator: sunlight {__version__}
Root-Is-Purelib: true
Tag: py3-none-any
"""
SKIPPED = {"RECORD", "WHEEL", "INSTALLER", "REQUESTED", "direct_url.json"}   # written here, or only by an installer
EPOCH = (1980, 1, 1, 0, 0, 0)   # the earliest time a zip can hold: the same bytes every time


def _source_metadata(pyproject: Path) -> tuple[str, str] | None:
    """METADATA and entry_points.txt from a source checkout's pyproject.toml (fresher than what an
    editable install recorded), or None when the file is not this project's."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    if project.get("name") != DISTRIBUTION:
        return None
    lines = ["Metadata-Version: 2.1", f"Name: {DISTRIBUTION}", f"Version: {__version__}",
             f"Summary: {project.get('description', '')}", f"Requires-Python: {project.get('requires-python', '')}"]
    if isinstance(project.get("license"), str):
        lines.append(f"License: {project['license']}")
    lines += [f"Requires-Dist: {dep}" for dep in project.get("dependencies", [])]
    for extra, deps in project.get("optional-dependencies", {}).items():
        lines.append(f"Provides-Extra: {extra}")
        lines += [f'Requires-Dist: {dep}; extra == "{extra}"' for dep in deps]
    scripts = "".join(f"{name} = {target}\n" for name, target in project.get("scripts", {}).items())
    return "\n".join(lines) + "\n", "[console_scripts]\n" + scripts


def _metadata() -> dict[str, bytes]:
    """The dist-info files of the wheel but RECORD and WHEEL."""
    pyproject = PACKAGE.parent.parent / "pyproject.toml"
    if pyproject.is_file():
        source = _source_metadata(pyproject)
        if source:
            return {"METADATA": source[0].encode(), "entry_points.txt": source[1].encode()}
    dist = importlib.metadata.distribution(DISTRIBUTION)
    files = {}
    for path in dist.files or ():
        parts = Path(path).parts
        if parts and parts[0].endswith(".dist-info") and len(parts) > 1 and parts[-1] not in SKIPPED:
            files["/".join(parts[1:])] = Path(dist.locate_file(path)).read_bytes()
    metadata = files["METADATA"].decode("utf-8").splitlines(keepends=True)
    files["METADATA"] = "".join(f"Version: {__version__}\n" if line.startswith("Version:") else line
                                for line in metadata).encode("utf-8")
    return files


def _package_files() -> dict[str, bytes]:
    return {"sunlight_gongshi/" + path.relative_to(PACKAGE).as_posix(): path.read_bytes()
            for path in sorted(PACKAGE.rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo")}


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}\n"


def write_own_wheel(folder: Path) -> Path:
    """Write this Sunlight's wheel into folder; returns its path."""
    files = _package_files()
    info = f"{STEM}.dist-info"
    files.update({f"{info}/{name}": data for name, data in sorted(_metadata().items())})
    files[f"{info}/WHEEL"] = WHEEL_FILE.encode()
    record = "".join(_record_line(name, data) for name, data in files.items()) + f"{info}/RECORD,,\n"
    files[f"{info}/RECORD"] = record.encode()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / WHEEL_NAME
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in files.items():
            entry = zipfile.ZipInfo(name, EPOCH)
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(entry, data)
    return target
