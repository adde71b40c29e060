"""Which attachments under records/files/ the site publishes: an allow-list of types that no browser
runs as a page (a deny-list always misses one: .shtml, .xht, .svgz, .htaccess ...)."""

from __future__ import annotations

from ..load.attachments import PUBLISHED, extension, published  # noqa: F401 - the list lives with the reader

def type_problem(rel: str) -> str | None:
    """Why a record may not point to this attachment: the site would not publish it."""
    if published(rel):
        return None
    kind = extension(rel) or "没有扩展名"
    return (f"附件 {rel} 的类型（{kind}）不会发布到网站上，网页上的链接会打不开：网站只发布 PDF、图片、"
            "Office/WPS 文档和纯文本（.txt、.csv），浏览器会当作网页运行的类型一律不发布；请转成 PDF 后再上传")
