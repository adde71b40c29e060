"""Work in a forked child: the two halves of the site written at once, MkDocs run apart, and the
printed notices written in the background on what the rest of the build leaves of the processors.

A child shares the parent's records by copy-on-write, so nothing is copied; whatever it
changes in its process (environment, loggers) dies with it.  What the work returns comes back
to the parent (pickled through a pipe: the pages the child wrote); a failure in the child comes
back as an exception: `ChildFailed.expected` tells a failure of a kind the caller named
(MkDocs' own errors) from a defect.  Without fork, the work runs here.
"""

from __future__ import annotations

import ctypes
import gc
import os
import pickle
import signal
import sys
from typing import Any, Callable

MESSAGE_AT_MOST = 4000
PR_SET_PDEATHSIG = 1


class ChildFailed(Exception):
    """Work in a child raised; `expected` when it was one of the kinds the caller named."""

    def __init__(self, message: str, expected: bool):
        super().__init__(message)
        self.message, self.expected = message, expected

    def defect(self) -> RuntimeError:
        """A failure of no kind the caller named, as the build reports a defect."""
        return RuntimeError(f"生成网站时出错：{self.message}")


class _Child:
    def __init__(self, work: Callable[[], Any], expected: tuple[type, ...], lower: int = 0):
        self.pid = None
        if not hasattr(os, "fork"):
            self.work, self.expected = work, expected
            return
        self.read, write = os.pipe()
        parent = os.getpid()
        give_back_free_memory()   # what this process freed is not counted again in the child
        gc.freeze()   # the child's collector never walks the parent's objects (which would copy their pages)
        self.pid = os.fork()
        if self.pid != 0:
            gc.unfreeze()   # this process may live on (`sunlight serve`): its garbage stays collectable
        if self.pid == 0:   # the child: work, report, leave without the parent's cleanup
            os.close(self.read)
            failed = True
            try:
                die_with(parent)
                if lower:
                    try:
                        os.nice(lower)
                    except OSError:   # a system that refuses it: the work runs at the usual priority
                        pass
                report = pickle.dumps((True, work()), protocol=pickle.HIGHEST_PROTOCOL)
                failed = False
            except BaseException as exc:  # noqa: BLE001 - everything is reported to the parent
                message = f"{type(exc).__name__}: {exc}"[:MESSAGE_AT_MOST]
                report = pickle.dumps((False, (message, isinstance(exc, expected))))
            finally:
                try:
                    view = memoryview(report)
                    while view:
                        view = view[os.write(write, view):]
                    sys.stdout.flush()
                    sys.stderr.flush()
                finally:
                    os._exit(1 if failed else 0)
        os.close(write)

    def join(self) -> Any:
        """What the work returned."""
        if self.pid is None:
            try:
                return self.work()
            except self.expected as exc:
                raise ChildFailed(f"{type(exc).__name__}: {exc}", True) from exc
        chunks = []
        while chunk := os.read(self.read, 1 << 20):
            chunks.append(chunk)
        os.close(self.read)
        _, status = os.waitpid(self.pid, 0)
        if chunks:
            done, value = pickle.loads(b"".join(chunks))
            if not done:
                raise ChildFailed(*value)
            if os.waitstatus_to_exitcode(status) == 0:
                return value
        raise ChildFailed(f"子进程异常退出（{os.waitstatus_to_exitcode(status)}）", False)

    def stop(self) -> None:
        """The work is not wanted any more (the build failed): the child is killed and reaped."""
        if self.pid is None:
            return
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.close(self.read)
        os.waitpid(self.pid, 0)
        self.pid = None


def give_back_free_memory() -> None:
    """Return the heap's free pages to the system (glibc's malloc_trim), so that a child forked now
    does not start with this process's freed memory still resident (a full build's pages, say,
    pickled back from the other writer), which would count in the child's peak."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


def die_with(parent: int) -> None:
    """Ask the kernel to kill this child when its parent dies (Linux), so a killed build
    leaves no orphan writing into a folder the next build is cleaning up."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:   # the parent died before the request took effect
        os._exit(1)


def in_child(work: Callable[[], Any], expected: tuple[type, ...] = ()) -> Any:
    """Run `work` in a forked child and wait for it; what it returned."""
    return _Child(work, expected).join()


def in_background(work: Callable[[], Any]) -> _Child:
    """Start `work` in a forked child that gets a processor only when the build leaves one idle
    (its scheduling priority is lowered: nice 19), so it never slows the stages after it; `join()`
    waits for it, `stop()` gives it up.  Without fork, the work runs when joined."""
    return _Child(work, (), lower=19)


def in_parallel(first: Callable[[], None], second: Callable[[], Any]) -> Any:
    """Run `second` in a forked child while `first` runs here (machines have two cores or more);
    what `second` returned."""
    child = _Child(second, ())
    try:
        first()
    finally:
        result = child.join()
    return result
