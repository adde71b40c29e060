"""`sunlight serve` keeps serving through bad edits and shows the problems in the terminal."""

import re
import subprocess
import sys
import time
import urllib.request

import pytest

from builders import write_tree

M = "records/finance/2024/2024-03.yml"
GOOD = 'month: 2024-03\nentries:\n  - {id: a, date: 2024-03-01, account: operating, amount: 5, memo: 第一版}\nclosing:\n  operating: "105.00"\n'


def read_until(proc, pattern, timeout=60):
    deadline, seen = time.time() + timeout, []
    while time.time() < deadline:
        line = proc.stdout.readline()
        if line:
            seen.append(line)
            if re.search(pattern, line):
                return line, seen
    raise AssertionError(f"no {pattern!r} in:\n{''.join(seen)}")


def test_serve_rebuilds_reports_errors_and_survives(tmp_path):
    write_tree(tmp_path, {M: GOOD})
    proc = subprocess.Popen([sys.executable, "-m", "sunlight_gongshi", "serve", "--root", str(tmp_path), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line, _ = read_until(proc, r"http://127\.0\.0\.1:\d+/")
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        assert "第一版" in urllib.request.urlopen(url + "finance/2024-03.html").read().decode()
        (tmp_path / M).write_text(GOOD.replace('"105.00"', '"1.00"'), encoding="utf-8")
        read_until(proc, r"records/finance/2024/2024-03\.yml:5: error:")
        read_until(proc, "仍是上一次")
        assert "第一版" in urllib.request.urlopen(url + "finance/2024-03.html").read().decode()
        (tmp_path / M).write_text(GOOD.replace("第一版", "第二版"), encoding="utf-8")
        read_until(proc, "网站已更新")
        assert "第二版" in urllib.request.urlopen(url + "finance/2024-03.html").read().decode()
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _start(root):
    proc = subprocess.Popen([sys.executable, "-m", "sunlight_gongshi", "serve", "--root", str(root), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line, _ = read_until(proc, r"http://127\.0\.0\.1:\d+/")
    return proc, re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)


def test_the_served_page_reloads_itself_after_a_rebuild_and_its_policy_lets_that_script_run(tmp_path):
    import base64
    import hashlib
    import json
    import threading
    write_tree(tmp_path, {M: GOOD})
    proc, url = _start(tmp_path)
    try:
        page = urllib.request.urlopen(url + "finance/2024-03.html").read().decode()
        on_disk = (tmp_path / ".sunlight/serve/site/finance/2024-03.html").read_text(encoding="utf-8")
        assert "livereload(" not in on_disk                          # the files stay what build writes
        script = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)[-1]
        epoch = int(re.search(r"livereload\((\d+), \d+\);", script).group(1))
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy.split(";")[1]            # script-src lets the reload script run
        assert policy == re.search(r'content="([^"]*)"', on_disk.split("Content-Security-Policy", 1)[1]).group(1) \
            .replace("script-src 'self'", f"script-src 'self' 'sha256-{digest}'")
        answer = {}
        waiting = threading.Thread(target=lambda: answer.update(
            epoch=int(urllib.request.urlopen(f"{url}livereload/{epoch}/1", timeout=60).read())))
        waiting.start()                                               # the page's long poll, held open
        time.sleep(1)
        assert waiting.is_alive()                                     # nothing changed: no answer yet
        (tmp_path / M).write_text(GOOD.replace("第一版", "第二版"), encoding="utf-8")
        read_until(proc, "网站已更新")
        waiting.join(30)
        assert answer["epoch"] > epoch                                # the open page is told to reload
        assert "第二版" in urllib.request.urlopen(url + "finance/2024-03.html").read().decode()
        assert json.loads(urllib.request.urlopen(url + "data/manifest.json").read())["files"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.browser
def test_an_open_page_in_a_browser_shows_the_edit_by_itself(tmp_path):
    from test_browser import CHROMIUM, FLAGS
    from playwright.sync_api import sync_playwright
    write_tree(tmp_path, {M: GOOD})
    proc, url = _start(tmp_path)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            errors = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(url + "finance/2024-03.html", wait_until="load")
            assert "第一版" in page.inner_text("body")
            time.sleep(0.5)                                           # the page has begun polling
            (tmp_path / M).write_text(GOOD.replace("第一版", "第二版"), encoding="utf-8")
            deadline = time.time() + 60                               # no eval: the site's policy forbids it
            while "第二版" not in page.inner_text("body") and time.time() < deadline:
                time.sleep(0.2)
            assert "第二版" in page.inner_text("body")
            browser.close()
        assert errors == []                                           # no Content-Security-Policy refusal
    finally:
        proc.terminate()
        proc.wait(timeout=10)
