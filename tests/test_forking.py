"""Work in forked children: what comes back, what the child's collector skips, and the background
work that takes only idle processors and is stopped when the build fails."""

from __future__ import annotations

import gc
import os
import time

import pytest

from sunlight_gongshi.site.output.forking import ChildFailed, in_background, in_child, in_parallel


def test_the_childs_value_comes_back_and_only_the_child_has_the_parents_objects_frozen():
    kept = [object() for _ in range(1000)]
    assert in_child(lambda: gc.get_freeze_count() >= len(kept)) is True
    assert gc.get_freeze_count() == 0   # a long-lived parent (sunlight serve) keeps collecting its garbage
    assert in_parallel(lambda: None, lambda: os.getpid()) != os.getpid()


def test_a_failure_in_the_child_comes_back_with_its_kind():
    def fails():
        raise ValueError("坏了")
    with pytest.raises(ChildFailed) as raised:
        in_child(fails, expected=(ValueError,))
    assert (raised.value.message, raised.value.expected) == ("ValueError: 坏了", True)


def test_background_work_runs_at_the_lowest_priority_and_returns_its_value():
    work = in_background(lambda: (os.getpid(), os.nice(0)))
    pid, niceness = work.join()
    assert pid != os.getpid() and niceness == 19


def test_stopped_background_work_leaves_no_process(tmp_path):
    started = tmp_path / "pid"

    def slow():
        started.write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(600)
    work = in_background(slow)
    deadline = time.monotonic() + 30
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    work.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(int(started.read_text(encoding="utf-8")), 0)
