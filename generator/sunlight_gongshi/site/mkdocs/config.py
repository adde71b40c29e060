"""The MkDocs configuration: the community's mkdocs.yml, completed with what Sunlight needs.

The file may be one line (`site_name: …`).  Keys it sets are kept, except the few that would
break the promise of the site: the theme is Material, web fonts are off (many residents'
networks block Google Fonts), and the docs folder is the generated one.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ...load.lines import editor_lines, relined
from ..render import page_url
from ..words import ptr, tr

# Chinese: jieba segments the index at build time (words joined by U+200B) and the browser
# splits on that separator.  lunr's own "zh" language must NOT be set: its browser build needs
# a jieba implementation that does not exist there, and search silently returns nothing.
SEARCH = {"zh": {"separator": r"[\s\u200b\u3000\-、。，．？！；]+"},
          "zh-Hant": {"separator": r"[\s\u200b\u3000\-、。，．？！；]+"},
          "en": {"lang": "en", "separator": r"[\s\-]+"}}
THEME_LANG = {"zh": "zh", "zh-Hant": "zh-Hant", "en": "en"}
THEME_DIR = Path(__file__).resolve().parent.parent / "theme"   # Sunlight's few overrides of Material's templates
HOOKS = Path(__file__).resolve().parent / "hooks.py"           # MkDocs loads it by its path
HANT_FORMS = ("tw", "hk")


class ConfigProblem(Exception):
    """mkdocs.yml cannot be read; carries the line to report."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def read_user_config(root: Path) -> dict:
    path = root / "mkdocs.yml"
    if not path.exists():
        return {}
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load  # understands !ENV and !relative like mkdocs itself
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml_load(handle)
    except ConfigurationError as exc:  # mkdocs wraps YAML errors, with "line N" in the text
        lines = re.findall(r"line (\d+)", str(exc))
        line = int(lines[-1]) if lines else 1
        try:   # YAML also ends a line at U+2028, U+2029 and U+0085; editors do not
            line = relined(line, editor_lines(path.read_bytes().decode("utf-8", "replace")))
        except OSError:
            pass
        raise ConfigProblem(line, "mkdocs.yml 格式有误；请检查这一行的缩进、冒号和括号") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigProblem(1, f"读不了 mkdocs.yml：{exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigProblem(1, "mkdocs.yml 应是“键: 值”的设置，如 site_name: 某某小区")
    return data


def key_line(root: Path, key: str | None) -> int:
    """The line of mkdocs.yml where the top-level setting `key` is written (1 if it is not)."""
    path = root / "mkdocs.yml"
    if key and path.exists():
        for number, text in enumerate(path.read_bytes().decode("utf-8", "replace").split("\n"), 1):
            if re.match(rf"{re.escape(key)}\s*:", text):
                return number
    return 1


def _plugins(user_plugins, language: str) -> list:
    """The community's plugins, plus Material's search set for Chinese words when it is missing."""
    if isinstance(user_plugins, dict):
        user_plugins = [{name: options} for name, options in user_plugins.items()]
    plugins = list(user_plugins or [])
    names = {next(iter(p)) if isinstance(p, dict) else p for p in plugins}
    if not names & {"search", "material/search"}:
        plugins.append({"search": dict(SEARCH[language])})
    return plugins


def sunlight_settings(user: dict) -> dict:
    """The `extra: sunlight:` block of mkdocs.yml, or {} when it is missing or not a mapping."""
    extra = user.get("extra") if isinstance(user.get("extra"), dict) else {}
    return extra.get("sunlight") if isinstance(extra.get("sunlight"), dict) else {}


def hant(user: dict) -> str:
    """How a zh-Hant site writes: "tw" (Taiwan standard, the default) or "hk" (Hong Kong)."""
    value = str(sunlight_settings(user).get("hant", "tw")).lower()
    return value if value in HANT_FORMS else "tw"


def show_authors(user: dict) -> bool:
    """Whether pages name who changed a record (`extra: sunlight: show_authors: true`); by default
    they give the date only, since the git author is often a maintainer's account."""
    return sunlight_settings(user).get("show_authors") is True


def witness_words(words: str) -> dict[str, str]:
    """The notice every page may show (theme/main.html, witness.js) when the site's history was rewritten."""
    return {"witness_title": tr("本站的修改记录被改写了", words),
            "witness_text": tr("本站公布的修改记录，从 {date}那一条起，与这部手机以前看到的不一样了。"
                               "这可能是有人改动了已经公开的账目或决议，而没有声明。", words),
            "witness_text_unknown": tr("本站公布的修改记录，与这部手机以前看到的不一样了（从它第一次看到的那一条或更早起）。"
                                       "这可能是有人改动了已经公开的账目或决议，而没有声明。", words),
            "witness_link": tr("查看修改记录", words), "witness_dismiss": tr("知道了", words),
            "witness_day": tr("{y} 年 {m} 月 {d} 日", words)}


def overrides(user: dict, community, docs_dir: Path, site_dir: Path, nav: list[tuple[str, str]],
              site_url: str | None = None) -> dict:
    """Top-level settings to pass to mkdocs' load_config on top of the community's file; `nav` is
    the menu (title, page) when the file has none; `site_url` the address the site is built for
    (mkdocs.yml's own, or the one the forge reported)."""
    language = community.language
    theme = user.get("theme") if isinstance(user.get("theme"), dict) else {}
    words = language if language != "zh-Hant" or hant(user) == "tw" else "zh-Hant-HK"
    # No search.highlight: it needs the index at page load, which a phone should not download.
    theme = {"language": THEME_LANG[language],
             "features": ["navigation.tabs", "navigation.top", "content.tooltips"],
             **theme,
             "name": "material", "font": False, "custom_dir": str(THEME_DIR)}
    extra = user.get("extra") if isinstance(user.get("extra"), dict) else {}
    name = html.escape(community.name)
    return {
        **({"site_url": site_url} if site_url else {}),
        # Material writes site_name into attributes and headings unescaped; a name is text.
        "site_name": html.escape(str(user.get("site_name") or community.name)),
        "site_description": html.escape(str(user.get("site_description") or "")) or tr("{name}业主委员会公开的账目、决议、组织机构和文明评比，每个数字都可以核对。", words).format(name=name),
        "extra": {**extra, "sunlight": {**sunlight_settings(user), "words": {"menu": tr("菜单", words), **witness_words(words)},
                                        "audit_page": page_url("audit.md", bool(user.get("use_directory_urls", False)))}},
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "theme": theme,
        "plugins": _plugins(user.get("plugins"), language),
        "nav": user.get("nav") or [{ptr("nav", title, words): path} for title, path in nav],
        "not_in_nav": "*.md",
        "use_directory_urls": bool(user.get("use_directory_urls", False)),
        "extra_css": ["assets/sunlight.css", *user.get("extra_css", [])],
        # Material writes the copyright line as HTML too: it is text, like every value a committee writes.
        "copyright": html.escape(str(user["copyright"])) if user.get("copyright") else tr("{name} 业主委员会 · 阳光公示", words).format(name=name),
        "strict": False,
        "hooks": [*user.get("hooks", []), str(HOOKS)],
    }
