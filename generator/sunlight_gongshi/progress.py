"""What `build` and `portal` say while they work: the stage under way on a terminal (a tqdm bar),
one plain line per finished stage elsewhere (CI logs), and the table `--timings` prints.

Driven by the stopwatch laps the stages already take (`timing.StageTimes`): a stage's lap comes
when it ends, so the next stage in the known order is the one under way.
"""

from __future__ import annotations

import sys
import time
import unicodedata
from typing import TextIO


from .timing import StageTimes

BUILD_STAGES = {"validate": "检查记录", "history": "读取修改记录（git）", "compute": "计算账目、表决和评比",
                "generate": "生成网页", "mkdocs": "排版网站（MkDocs）", "finish": "二维码、订阅源和文件清单"}
PORTAL_STAGES = {"fetch": "下载并核验各小区的数据", "figures": "汇总数字", "site": "生成网站和数据表"}


def _columns(text: str) -> int:
    """How many terminal columns text takes (Chinese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class StageProgress:
    """Progress of one run through known stages; `times` is the dict to pass as `timings=`."""

    def __init__(self, title: str, stages: dict[str, str], stream: TextIO | None = None):
        self.title, self.stages, self.order = title, stages, list(stages)
        self.stream = stream or sys.stderr
        self.times = StageTimes(self._lap)
        self.done = 0
        self.started = self.last = time.perf_counter()
        self.bar = None
        if self.stream.isatty():
            from tqdm import tqdm   # here: `sunlight validate` and pipes never draw a bar, nor pay for its import
            self.bar = tqdm(total=len(self.order), desc=self._doing(0), file=self.stream, leave=False,
                            dynamic_ncols=True, mininterval=0, bar_format="{desc} {bar} {n_fmt}/{total_fmt} 已用 {elapsed}")

    def _lap(self, stage: str) -> None:
        if stage not in self.stages or self.order.index(stage) < self.done:
            return   # a sub-stage's time (e.g. the portal's site.publish), or a stage counted already
        now = time.perf_counter()
        self.done = self.order.index(stage) + 1
        if self.bar is not None:
            self.bar.set_description_str(self._doing(self.done), refresh=False)
            self.bar.update(self.done - self.bar.n)
        else:
            print(f"{self.title} {self.done}/{len(self.order)}：{self.stages[stage]}，用时 {now - self.last:.1f} 秒",
                  file=self.stream, flush=True)
        self.last = now

    def _doing(self, done: int) -> str:
        return f"{self.title}：" + (f"正在{self.stages[self.order[done]]}" if done < len(self.order) else "完成")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __enter__(self) -> "StageProgress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def table(self) -> str:
        """Each stage's seconds and the total, for `--timings`."""
        width = max(_columns(label) for label in self.stages.values())
        lines = [f"{self.title}各阶段用时："]
        for stage, label in self.stages.items():
            if stage in self.times:
                pad = " " * (width - _columns(label))
                lines.append(f"  {label}{pad}  {self.times[stage]:7.2f} 秒  ({stage})")
        lines.append(f"  合计{' ' * (width - 4)}  {time.perf_counter() - self.started:7.2f} 秒")
        return "\n".join(lines)
