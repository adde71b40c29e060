"""Probes for tests: find one problem by place and code, list problems, spy on a function."""

from __future__ import annotations


def spy(monkeypatch, module, name: str, arg: int = 0) -> list:
    """Argument `arg` of every call to `module.name`, which still does its work."""
    calls = []
    real = getattr(module, name)

    def recorded(*args, **kwargs):
        calls.append(args[arg])
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, recorded)
    return calls


def at(problems, path: str, line: int, code: str):
    """The one problem at path:line with code; fails with every problem listed when absent."""
    found = [p for p in problems if (p.path, p.line, p.code) == (path, line, code)]
    assert found, f"no {code} at {path}:{line}; got:\n" + "\n".join(p.text() for p in problems)
    return found[0]


def codes(problems) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.code) for p in problems]
