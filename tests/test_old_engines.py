"""Old phones: the site's own CSS and JavaScript use nothing newer than the baseline in docs/choices.md,
Chrome 61 (Android WebView, WeChat's X5 of the same age) and iOS 12 Safari, since no engine that old
can be run here.  Material's own bundle is not ours to rewrite: on those engines its script may not
run, and the pages are written so that every figure is there with JavaScript off."""

from __future__ import annotations

import re
import subprocess

import pytest

from builders import REPO

SITE = REPO / "generator/sunlight_gongshi/site"
CSS_FILES = [SITE / "assets/sunlight.css"]
CSS_IN_HTML = [SITE / "templates/_print_style.html.j2", *sorted((SITE / "theme").rglob("*.html"))]
JS_FILES = sorted((SITE / "theme/assets/javascripts").rglob("*.js"))
JS_IN_HTML = sorted((SITE / "theme").rglob("*.html"))

# What Chrome 61 or iOS 12 lacks, and the first versions that have it (MDN browser-compat-data).
CSS_TOO_NEW = {
    r"(?<![\w-])gap\s*:|(?<![\w-])(row|column)-gap\s*:": "flex/grid `gap` (Chrome 84, iOS 14.5): use margins, or grid-gap",
    r"overflow-wrap\s*:\s*anywhere": "overflow-wrap: anywhere (Chrome 80, iOS 15.4): use word-break: break-word",
    r":(is|where|has)\(": ":is()/:where()/:has() (Chrome 88/105, iOS 14/15.4)",
    r":not\([^()]*,": "a list inside :not() (Chrome 88, iOS 9 only)",
    r":focus-visible": ":focus-visible (Chrome 86, iOS 15.4)",
    r"aspect-ratio\s*:": "aspect-ratio (Chrome 88, iOS 15)",
    r"(?<![\w-])inset\s*:": "inset (Chrome 87, iOS 14.5)",
    r"display\s*:\s*contents": "display: contents (Chrome 65, iOS 11.1 with bugs)",
    r"\b(clamp|min|max)\(": "clamp()/min()/max() (Chrome 79)",
    r"overscroll-behavior": "overscroll-behavior (Chrome 63, iOS 16)",
    r"color-mix\(|\blch\(|\boklch\(": "new colour functions (Chrome 111)",
    r"@layer|@container": "@layer / @container (Chrome 99/105)",
    r"accent-color": "accent-color (Chrome 93, iOS 15.4)",
    r"\d(dvh|svh|lvh|dvw|svw|lvw)\b": "dynamic viewport units (Chrome 108, iOS 15.4)",
    r"(?<![\w-])appearance\s*:": "unprefixed appearance (Chrome 84): use -webkit-appearance",
    r"text-decoration-thickness": "text-decoration-thickness (Chrome 89, iOS 12.2)",
    r"rgba?\(\s*[\d.]+%?\s+[\d.]+": "space-separated rgb() (Chrome 65)",
    r"^\s*&|\{[^{}]*\{": "CSS nesting (Chrome 112)",
}
# Newer than the baseline but lose nothing where ignored: the reason is written beside each.
CSS_HARMLESS = {
    "text-underline-offset": "the underline is still drawn, only closer to the characters (Chrome 87, iOS 12.2)",
}
JS_TOO_NEW = {
    r"\?\.|\?\?": "optional chaining / nullish coalescing (Chrome 80, iOS 13.4)",
    r"\.(finally)\(": "Promise.prototype.finally (Chrome 63, iOS 11.1)",
    r"\.(flat|flatMap)\(": "Array.prototype.flat (Chrome 69, iOS 12)",
    r"\bObject\.(fromEntries|hasOwn)\b": "Object.fromEntries / hasOwn (Chrome 73/93)",
    r"\.(replaceAll|matchAll)\(": "replaceAll / matchAll (Chrome 85/73, iOS 13.1)",
    r"\.at\(": "Array.prototype.at (Chrome 92, iOS 15.4)",
    r"\bPromise\.(allSettled|any)\b": "Promise.allSettled / any (Chrome 76/85, iOS 13/14)",
    r"\bglobalThis\b": "globalThis (Chrome 71, iOS 12.2)",
    r"\b(AbortController|ResizeObserver|IntersectionObserver|structuredClone|queueMicrotask|BigInt)\b":
        "AbortController, ResizeObserver, IntersectionObserver, structuredClone, queueMicrotask, BigInt (Chrome 64-98, iOS 12.2-15.4)",
    r"\bcatch\s*\{": "catch without a binding (Chrome 66, iOS 11.3)",
    r"\bimport\(": "dynamic import (Chrome 63, iOS 11.1)",
    r"\bnew\s+Intl\.(RelativeTimeFormat|ListFormat|Segmenter)\b": "newer Intl (Chrome 71-87)",
    r"\bString\.prototype\.(trimStart|trimEnd)|\.trim(Start|End)\(": "trimStart / trimEnd (Chrome 66, iOS 12)",
}


def css_texts() -> list[tuple[str, str]]:
    found = [(str(p.relative_to(REPO)), p.read_text(encoding="utf-8")) for p in CSS_FILES]
    for path in CSS_IN_HTML:
        for number, block in enumerate(re.findall(r"<style[^>]*>(.*?)</style>", path.read_text(encoding="utf-8"), re.S)):
            found.append((f"{path.relative_to(REPO)} <style> {number + 1}", re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "0", block, flags=re.S)))
    return found


def js_texts() -> list[tuple[str, str]]:
    found = [(str(p.relative_to(REPO)), p.read_text(encoding="utf-8")) for p in JS_FILES]
    for path in JS_IN_HTML:
        for number, block in enumerate(re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", path.read_text(encoding="utf-8"), re.S)):
            if block.strip():
                found.append((f"{path.relative_to(REPO)} <script> {number + 1}", block))
    return found


def too_new_css(text: str) -> list[str]:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    lines = [line for line in text.splitlines() if not any(harmless in line for harmless in CSS_HARMLESS)]
    flat = "\n".join(lines)
    # Nesting is looked for inside rules only: @media and @supports hold rules by design.
    outer = re.sub(r"@(media|supports|page|font-face|keyframes)[^{]*\{((?:[^{}]|\{[^{}]*\})*)\}", r"\2", flat)
    found = []
    for pattern, feature in CSS_TOO_NEW.items():
        source = outer if "&" in pattern else flat
        if re.search(pattern, source, re.M):
            found.append(feature)
    return found


def too_new_js(text: str) -> list[str]:
    code = re.sub(r"/\*.*?\*/|(?<![:\\\"'])//[^\n]*", "", text, flags=re.S)
    return [feature for pattern, feature in JS_TOO_NEW.items() if re.search(pattern, code)]


def test_the_sites_own_css_uses_nothing_newer_than_chrome_61_and_ios_12():
    texts = css_texts()
    assert len(texts) >= 2     # sunlight.css and the printed notice's stylesheet
    assert {name: too_new_css(text) for name, text in texts if too_new_css(text)} == {}


def test_the_sites_own_javascript_uses_nothing_newer_than_chrome_61_and_ios_12():
    texts = js_texts()
    assert {name for name, _ in texts} >= {"generator/sunlight_gongshi/site/theme/assets/javascripts/witness.js",
                                           "generator/sunlight_gongshi/site/theme/partials/search.html <script> 1"}
    assert {name: too_new_js(text) for name, text in texts if too_new_js(text)} == {}


def test_the_sites_own_javascript_parses_as_es2017(tmp_path):
    acorn = REPO / "tests/browser/node_modules/acorn"
    if not acorn.exists():
        pytest.fail("acorn is not installed: npm ci --prefix tests/browser (see README)")
    parse = ("const acorn = require(process.argv[1]); const fs = require('fs');"
             "acorn.parse(fs.readFileSync(process.argv[2], 'utf8'), {ecmaVersion: 2017, sourceType: 'script'});")
    for number, (name, text) in enumerate(js_texts()):
        script = tmp_path / f"{number}.js"
        script.write_text(text, encoding="utf-8")
        run = subprocess.run(["node", "-e", parse, str(acorn), str(script)], capture_output=True, text=True)
        assert run.returncode == 0, (name, run.stderr[-400:])
    newer = tmp_path / "newer.js"     # the check itself works: optional chaining is ES2020
    newer.write_text("var a = window?.crypto;\n")
    assert subprocess.run(["node", "-e", parse, str(acorn), str(newer)], capture_output=True).returncode != 0


@pytest.mark.parametrize("css, feature", [
    (".a { display: flex; gap: 4px; }", "flex/grid `gap`"),
    (".a { column-gap: 1em; }", "flex/grid `gap`"),
    ("td { overflow-wrap: anywhere; }", "overflow-wrap: anywhere"),
    (".a:is(.b, .c) { color: red; }", ":is()/:where()/:has()"),
    (".a:not(.b, .c) { color: red; }", "a list inside :not()"),
    (".a { width: min(10rem, 100%); }", "clamp()/min()/max()"),
    (".a { height: 100dvh; }", "dynamic viewport units"),
    (".a { color: rgb(0 0 0 / 50%); }", "space-separated rgb()"),
    (".a { & .b { color: red; } }", "CSS nesting"),
    ("@media (min-width: 40em) { .a { inset: 0; } }", "inset"),
])
def test_each_newer_css_feature_is_caught(css, feature):
    assert [f for f in too_new_css(css) if f.startswith(feature)] != [], css


@pytest.mark.parametrize("css", [".a { grid-gap: 1rem; }", "@media (max-width: 40em) { .a { margin: 0 } }",
                                 ".md-typeset .sl-gap { visibility: hidden; }", "a { text-underline-offset: .15em; }",
                                 "td { word-break: break-word; }"])
def test_what_old_engines_have_passes(css):
    assert too_new_css(css) == []


@pytest.mark.parametrize("js, feature", [
    ("var a = b?.c;", "optional chaining"), ("var a = b ?? 1;", "optional chaining"),
    ("p.finally(f);", "Promise.prototype.finally"), ("try { f() } catch { }", "catch without a binding"),
    ("[1].flat();", "Array.prototype.flat"), ("s.replaceAll('a', 'b');", "replaceAll"),
    ("new IntersectionObserver(f);", "AbortController"), ("globalThis.x = 1;", "globalThis"),
])
def test_each_newer_javascript_feature_is_caught(js, feature):
    assert [f for f in too_new_js(js) if f.startswith(feature)] != [], js
