"""A build killed at any moment leaves a complete site: the previous one or the new one, never half."""

import hashlib
import json
import signal
import subprocess
import sys
import time

from builders import month, write_tree

M = "records/finance/2024/2024-03.yml"


def books(memo: str) -> str:
    return month(f"  - {{id: a, date: 2024-03-01, account: operating, amount: 5, memo: {memo}}}\n",
                 '  operating: "105.00"\n')


def complete(site) -> str:
    """The memo the site shows, after checking every file against the site's own manifest."""
    manifest = json.loads((site / "data/manifest.json").read_text(encoding="utf-8"))["files"]
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} - {"data/manifest.json"}
    assert files == set(manifest), "files missing or left over"
    for path, digest in manifest.items():
        assert hashlib.sha256((site / path).read_bytes()).hexdigest() == digest, path
    page = (site / "finance/2024-03.html").read_text(encoding="utf-8")
    return "新版" if "新版" in page else "旧版"


def test_killed_builds_always_leave_a_complete_site(tmp_path):
    write_tree(tmp_path, {M: books("旧版")})
    command = [sys.executable, "-m", "sunlight_gongshi", "build", "--root", str(tmp_path), "--no-cache"]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    duration = time.perf_counter() - start
    assert complete(tmp_path / "site") == "旧版"
    write_tree(tmp_path, {M: books("新版")})
    seen = set()
    for fraction in (0.05, 0.2, 0.4, 0.6, 0.75, 0.85, 0.92, 0.97, 1.0, 1.05):
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        seen.add(complete(tmp_path / "site"))
    assert "旧版" in seen
    subprocess.run(command, check=True, capture_output=True)      # the next build cleans up after the kills
    assert complete(tmp_path / "site") == "新版"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".sunlight-build") or p.name == "site.old"] == []
