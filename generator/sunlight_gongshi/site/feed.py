"""An Atom feed of decisions and notices, dated by the records (never by the build's clock)."""

from __future__ import annotations

from pathlib import Path

from .pages import content_pages, site_language
from .i18n import tr
from .incremental import write_if_changed
from .render import LABELS, environment, page_url


def write_feed(site_dir: Path, site, site_url: str | None) -> None:
    records = site.records
    lang = site_language(site)
    items = [{"title": tr("决议：{title}", lang).format(title=d.title), "date": d.date.isoformat(), "path": f"decisions/{d.id}",
              "url": page_url(f"decisions/{d.id}.md", site.directory_urls),
              "summary": f"{tr(LABELS['decision_body'][d.body], lang)} · {tr(LABELS['status'][d.status], lang)}"}
             for d in records.decisions]
    items += [{"title": tr("公告：{title}", lang).format(title=p.title), "date": p.date, "path": p.path[:-3],
               "url": page_url(p.path, site.directory_urls), "summary": p.title}
              for p in content_pages(records) if p.path.startswith("pages/notices/") and p.date]
    items.sort(key=lambda i: (i["date"], i["path"]), reverse=True)
    items = items[:50]
    base = site_url.rstrip("/") + "/" if site_url else None
    xml = environment(lang).get_template("feed.xml.j2").render(
        community=records.community, base=base, items=items,
        updated=items[0]["date"] if items else "1970-01-01")
    if site.incremental is not None:
        write_if_changed(site_dir / "feed.xml", xml)
    else:
        (site_dir / "feed.xml").write_text(xml, encoding="utf-8")
