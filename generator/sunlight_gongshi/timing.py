"""Seconds per stage of a build, for the benchmarks: a lap function that adds to a dict."""

from __future__ import annotations

import time
from typing import Callable


def stopwatch(sink: dict[str, float] | None) -> Callable[[str], None]:
    """A function that adds the seconds since its last call to `sink[stage]` (nothing when None)."""
    last = [time.perf_counter()]

    def lap(stage: str) -> None:
        now = time.perf_counter()
        if sink is not None:
            sink[stage] = sink.get(stage, 0.0) + now - last[0]
        last[0] = now
    return lap


class StageTimes(dict):
    """Seconds per stage, as `stopwatch` adds them, telling `listener(stage)` as each stage ends:
    what `sunlight build` and `sunlight portal` show their progress and `--timings` from."""

    def __init__(self, listener: Callable[[str], None]):
        super().__init__()
        self.listener = listener

    def __setitem__(self, stage: str, seconds: float) -> None:
        super().__setitem__(stage, seconds)
        self.listener(stage)
