"""An Atom feed of decisions and notices, dated by the records (never by the build's clock)."""

from __future__ import annotations

from pathlib import Path

from .words import tr
from .pages.writer import NOTICES, SiteInput
from .render import LABELS, environment, page_url


def write_feed(site_dir: Path, site: SiteInput, site_url: str | None) -> None:
    records = site.records
    lang = site.language
    items = [{"title": tr("决议：{title}", lang).format(title=d.title), "date": d.date.isoformat(), "path": f"decisions/{d.id}",
              "url": page_url(f"decisions/{d.id}.md", site.directory_urls),
              "summary": f"{tr(LABELS['decision_body'][d.body], lang)} · {tr(LABELS['status'][d.status], lang)}"}
             for d in records.decisions]
    items += [{"title": tr("公告：{title}", lang).format(title=p.title), "date": p.date, "path": p.path[:-3],
               "url": page_url(p.path, site.directory_urls), "summary": p.title}
              for p in site.content if p.path.startswith(NOTICES) and p.date]
    items.sort(key=lambda i: (i["date"], i["path"]), reverse=True)
    items = items[:50]
    base = site_url.rstrip("/") + "/" if site_url else None
    xml = environment(lang).get_template("feed.xml.j2").render(
        community=records.community, base=base, items=items,
        updated=items[0]["date"] if items else "1970-01-01")
    site.output.write(site_dir / "feed.xml", xml)
