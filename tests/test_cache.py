"""The load cache: reused when nothing changed, invalidated by content, immune to planted entries."""

import sunlight_gongshi.load.loader as load_module
from sunlight_gongshi.validate import validate
from builders import month, write_tree
from probes import spy

M = "records/finance/2024/2024-03.yml"
GOOD = month("  - {id: a, date: 2024-03-01, account: operating, amount: 5}\n", '  operating: "105.00"\n')


def count_loads(monkeypatch):
    return spy(monkeypatch, load_module, "load_file")


def test_second_run_reads_only_the_changed_file(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    write_tree(tmp_path, {M: GOOD})
    calls = count_loads(monkeypatch)
    assert validate(tmp_path)[1] == []
    first = len(calls)
    assert first == 7
    assert validate(tmp_path)[1] == []
    assert len(calls) == first
    (tmp_path / M).write_text(GOOD.replace('"105.00"', '"106.00"'), encoding="utf-8")
    problems = validate(tmp_path)[1]
    assert calls[first:] == ["finance/2024/2024-03.yml"]
    assert [p.code for p in problems] == ["E-BALANCE"]


def test_no_cache_reads_everything(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    write_tree(tmp_path, {})
    validate(tmp_path)
    calls = count_loads(monkeypatch)
    validate(tmp_path, use_cache=False)
    assert len(calls) == 6


def test_planted_or_corrupt_entries_are_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    write_tree(tmp_path, {M: GOOD.replace('"105.00"', '"999.00"')})
    validate(tmp_path)
    entries = list((tmp_path / ".sunlight/cache").iterdir())
    assert entries
    for entry in entries:
        entry.write_bytes(b"\x00" * 32 + b"cos\nsystem\n(S'echo pwned'\ntR.")
    problems = validate(tmp_path)[1]
    assert [p.code for p in problems] == ["E-BALANCE"]
