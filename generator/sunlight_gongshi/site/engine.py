"""MkDocs, run on the generated docs folder in a child process with its clock set to the source's date.

MkDocs reads the build date from SOURCE_DATE_EPOCH, so the same commit builds the same
bytes; setting it (and quieting MkDocs' and jieba's loggers) in a child leaves this process's
environment as it was.  Only MkDocs' own errors (a bad mkdocs.yml, a missing plugin, a theme
template error) come back as `MkDocsFailed`; anything else is a defect and says so.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from .forking import ChildFailed, in_child


class MkDocsFailed(Exception):
    """MkDocs refused the configuration or failed to build; the message says why."""


def source_epoch(commit, reference_date: dt.date) -> int:
    """The commit's time, or outside git the newest date in the records: never the build's clock."""
    if commit is not None:
        return int(dt.datetime.fromisoformat(commit.date).timestamp())
    day = reference_date
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


def run_mkdocs(config_overrides: dict, root: Path, epoch: int) -> None:
    from jinja2 import TemplateError
    from mkdocs.exceptions import MkDocsException

    def work():
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.config import load_config
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        import jieba
        jieba.setLogLevel(logging.ERROR)  # its dictionary banner is not for residents
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
        config_file = root / "mkdocs.yml"
        config = load_config(config_file=str(config_file) if config_file.exists() else None, **config_overrides)
        mkdocs_build(config)

    try:
        in_child(work, expected=(MkDocsException, TemplateError))
    except ChildFailed as exc:
        if exc.expected:
            raise MkDocsFailed(exc.message) from None
        raise RuntimeError(f"生成网站时出错：{exc.message}") from None
