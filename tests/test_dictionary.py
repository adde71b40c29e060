"""jieba's dictionary from Sunlight's copy in the user's cache folder: the same words, counts and
segmentation as jieba's own loading, and jieba's own loading whenever the copy does not fit."""

from __future__ import annotations

import types

import jieba
import pytest

from sunlight_gongshi.cache import dictionary

SENTENCE = "业主委员会决定维修三号楼的电梯并公示维修资金的使用情况"


@pytest.fixture(scope="module")
def jiebas_own():
    own = jieba.Tokenizer()
    own.initialize()
    return own


def _jieba(version: str = jieba.__version__):
    """jieba as `dictionary.load` sees it, with a tokenizer of its own (not the process's)."""
    return types.SimpleNamespace(dt=jieba.Tokenizer(), __file__=jieba.__file__, __version__=version,
                                 DEFAULT_DICT=jieba.DEFAULT_DICT, DEFAULT_DICT_NAME=jieba.DEFAULT_DICT_NAME)


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "sunlight"


def _loaded_by_jieba(monkeypatch) -> list[int]:
    calls = []
    real = jieba.Tokenizer.initialize

    def counted(self, dictionary=None):
        calls.append(1)
        return real(self, dictionary)
    monkeypatch.setattr(jieba.Tokenizer, "initialize", counted)
    return calls


def test_the_copy_gives_jiebas_words_counts_and_segmentation(cache_home, jiebas_own, monkeypatch):
    calls = _loaded_by_jieba(monkeypatch)
    first = _jieba()
    dictionary.load(first)
    assert calls == [1] and (cache_home / dictionary.NAME).exists()
    second = _jieba()
    dictionary.load(second)
    assert calls == [1]   # the second one came from the copy
    assert second.dt.initialized and second.dt.total == jiebas_own.total and second.dt.FREQ == jiebas_own.FREQ
    assert list(second.dt.cut(SENTENCE)) == list(jiebas_own.cut(SENTENCE)) == [
        "业主", "委员会", "决定", "维修", "三号", "楼", "的", "电梯", "并", "公示", "维修", "资金", "的", "使用", "情况"]


@pytest.mark.parametrize("spoil", ["another jieba", "cut short", "not a copy", "another stamp inside"])
def test_a_copy_that_does_not_fit_is_not_used_and_is_made_again(spoil, cache_home, jiebas_own, monkeypatch):
    dictionary.load(_jieba())
    copy = cache_home / dictionary.NAME
    data = copy.read_bytes()
    version = jieba.__version__
    if spoil == "another jieba":
        version = "9.9.9"
    elif spoil == "cut short":
        copy.write_bytes(data[:-5])
    elif spoil == "not a copy":
        copy.write_bytes(b"\x80\x04 not the copy")
    else:
        copy.write_bytes(data.replace(jieba.__version__.encode(), b"0.0.0", 1))
    calls = _loaded_by_jieba(monkeypatch)
    again = _jieba(version)
    dictionary.load(again)
    assert calls == [1] and again.dt.FREQ == jiebas_own.FREQ
    assert dictionary.read(copy, dictionary.stamp(again)) is not None   # made again, for this jieba


def test_without_a_cache_folder_jieba_loads_as_it_always_did(tmp_path, jiebas_own, monkeypatch):
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    calls = _loaded_by_jieba(monkeypatch)
    loaded = _jieba()
    dictionary.load(loaded)
    assert calls == [1] and loaded.dt.FREQ == jiebas_own.FREQ and not (tmp_path / "file" / "sunlight").exists()


def test_without_a_home_folder_jieba_loads_as_it_always_did(jiebas_own, monkeypatch):
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(dictionary.Path, "home", classmethod(lambda cls: (_ for _ in ()).throw(
        RuntimeError("Could not determine home directory."))))
    calls = _loaded_by_jieba(monkeypatch)
    loaded = _jieba()
    dictionary.load(loaded)
    assert calls == [1] and loaded.dt.FREQ == jiebas_own.FREQ
