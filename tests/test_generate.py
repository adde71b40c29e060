"""The render stage: what both writers of the pages need is loaded once, before they fork."""

from __future__ import annotations

import os

import jieba

from builders import REPO
from sunlight_gongshi.build import build
from sunlight_gongshi.cache import dictionary


def test_jiebas_dictionary_is_loaded_once_before_the_writers_fork(tmp_path, monkeypatch):
    loads = tmp_path / "loads"
    real, real_load = jieba.Tokenizer.initialize, dictionary.load

    def noted(tokenizer) -> None:
        if not tokenizer.initialized:   # a real load (the call is free once loaded)
            with open(loads, "a", encoding="utf-8") as handle:
                handle.write(f"{os.getpid()}\n")

    def initialize(self, dictionary=None):
        noted(self)
        return real(self, dictionary)

    def load(jieba_module):   # from Sunlight's copy, or by jieba (then initialize notes it)
        if jieba_module.dt.initialized is False and dictionary.read(
                dictionary.folder() / dictionary.NAME, dictionary.stamp(jieba_module)) is not None:
            noted(jieba_module.dt)
        return real_load(jieba_module)

    monkeypatch.setattr(jieba.Tokenizer, "initialize", initialize)
    monkeypatch.setattr(dictionary, "load", load)
    monkeypatch.setattr(jieba, "initialize", lambda dictionary=None: jieba.dt.initialize(dictionary))
    monkeypatch.setattr(jieba.dt, "initialized", False)   # as in a new process
    assert build(REPO, tmp_path / "site", use_cache=False)[1]
    assert loads.read_text(encoding="utf-8").split() == [str(os.getpid())]
