"""Nothing in the repository points outside it: no sibling folders, no tracker's issue numbers."""

import re
import subprocess

from builders import REPO

# A clone has only the repository: a path into a sibling folder, or an issue number from the
# tracker the project was planned in, means nothing to its readers.
OUTSIDE = re.compile(r"\.\./shared|\bshared/(?:spec|domain)\b|\b[Ii]ssues?\s*#?\d+")


def repository_files():
    listed = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, check=True).stdout.decode().split("\0")
    return [REPO / rel for rel in listed if rel and (REPO / rel).is_file()]


def test_no_file_refers_outside_the_repository_or_to_issue_numbers():
    files = repository_files()
    assert any(p.name == "README.md" for p in files) and any(p.suffix == ".py" for p in files)
    found = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if OUTSIDE.search(line):
                found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert found == []


def test_the_pattern_catches_what_it_must():
    issue, shared = "issue", "shared"   # split, so that this file passes its own test
    for line in (f"see ../{shared}/spec/records.md", f"{shared}/spec/records.md（第 1 版）",
                 f"{issue.title()} 2 benchmark", f"follow {issue} 12", f"{issue}s #4 and 5"):
        assert OUTSIDE.search(line), line
    for line in ("the shared cache", "an issue with the rubric", "color: #1b5e20"):
        assert not OUTSIDE.search(line), line
