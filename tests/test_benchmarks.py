"""The benchmarks' command lines: `--help` explains and runs nothing (it once became a work folder)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_bench_portal_help_explains_its_options_and_writes_nothing(tmp_path):
    out = subprocess.run([sys.executable, str(REPO / "benchmarks/bench_portal.py"), "--help"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("usage: bench_portal.py [-h] [--checkout DIR] [--repeat K] [WORKDIR] [N ...]\n")
    assert "--repeat K" in out.stdout and "WORKDIR" in out.stdout
    assert list(tmp_path.iterdir()) == []


def test_bench_portal_refuses_a_number_where_the_work_folder_goes(tmp_path):
    out = subprocess.run([sys.executable, str(REPO / "benchmarks/bench_portal.py"), "5000"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert out.stderr.endswith("error: WORKDIR 5000 looks like a number of estates; give a folder first\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("script", sorted(p.name for p in (REPO / "benchmarks").glob("*.py")))
def test_every_benchmark_help_starts_with_its_usage_and_writes_nothing(tmp_path, script):
    out = subprocess.run([sys.executable, str(REPO / "benchmarks" / script), "--help"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=60)
    assert (out.returncode, out.stderr) == (0, "")
    assert out.stdout.startswith(f"usage: {script} [-h]")
    assert list(tmp_path.iterdir()) == []
