"""MkDocs hooks (the `hooks:` setting): pages Sunlight rendered skip Markdown (`htmlpages`); the CSP
goes into each page as MkDocs writes it, so no second pass reads and rewrites every page of the
site; the generated pages come in memory (`inmemory`); a large site's pages are written from two
processes (`parallel`), and most of them are stamped into a shell the theme renders once per kind
of page (`stamping`); Material's search plugin gets no content to scan of a page it leaves out of
its index (`htmlpages.set_aside`)."""

import os
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.plugins import CombinedEvent, event_priority

from sunlight_gongshi.site.mkdocs.engine import THEME_CACHE
from sunlight_gongshi.site.mkdocs.harden import with_csp
from sunlight_gongshi.site.mkdocs.htmlpages import adopt
from sunlight_gongshi.site.mkdocs import htmlpages, inmemory, stamping
from sunlight_gongshi.site.mkdocs.parallel import failed, join, split


def on_env(env, config, files):
    cache = os.environ.get(THEME_CACHE)   # set by `sunlight serve`: each rebuild compiles the theme once
    if cache:
        Path(cache).mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(cache)
    split(config, files)
    stamping.prepare(env, config, files)
    return env


def on_files(files, config):
    return inmemory.with_generated(files, config)


def on_page_markdown(markdown, page, config, files):
    inmemory.read(page)
    return markdown


def on_nav(nav, config, files):
    stamping.remember_nav(nav)
    return nav


def on_pre_page(page, config, files):
    return adopt(page)


@event_priority(100)   # before Material's search plugin
def _set_aside(context, page, config, nav):
    htmlpages.set_aside(page, config.plugins)
    return context


@event_priority(-100)  # after it
def _put_back(context, page, config, nav):
    htmlpages.put_back(page)
    return context


on_page_context = CombinedEvent(_set_aside, _put_back)


def on_post_page(output, page, config):
    stamped = stamping.stamped(page)
    return with_csp(output if stamped is None else stamped)


def on_post_template(output_content, template_name, config):
    return with_csp(output_content) if template_name.endswith(".html") else output_content


@event_priority(100)   # before any plugin's: the child leaves, the parent has every page
def on_post_build(config):
    join()


def on_build_error(error):
    failed(error)
