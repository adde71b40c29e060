"""`sunlight serve` keeps serving through bad edits and shows the problems in the terminal."""

import re
import subprocess
import sys
import time
import urllib.request

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
