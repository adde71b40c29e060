"""Which attachments under records/files/ the site publishes: an allow-list of types that no browser
runs as a page (a deny-list always misses one: .shtml, .xht, .svgz, .htaccess ...)."""

from __future__ import annotations

import posixpath

# Documents a committee scans, types or photographs, by extension (lower case).  No type here
# is shown by a browser as a page that could run a script, or read as server configuration.
PUBLISHED = frozenset({
    ".pdf",                                                   # scans, minutes, contracts
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".heic", ".heif",  # photos
    ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx",        # Microsoft Office
    ".odt", ".ods", ".odp",                                   # LibreOffice
    ".wps", ".et", ".dps",                                    # WPS Office, common in China
    ".txt", ".csv",                                           # plain text
})


def extension(rel: str) -> str:
    return posixpath.splitext(rel.rsplit("/", 1)[-1])[1].lower()


def published(rel: str) -> bool:
    """Whether the attachment at `rel` (a path under records/) is copied into the site."""
    name = rel.rsplit("/", 1)[-1]
    return not name.startswith(".") and extension(rel) in PUBLISHED


def type_problem(rel: str) -> str | None:
    """Why a record may not point to this attachment: the site would not publish it."""
    if published(rel):
        return None
    kind = extension(rel) or "没有扩展名"
    return (f"附件 {rel} 的类型（{kind}）不会发布到网站上，网页上的链接会打不开：网站只发布 PDF、图片、"
            "Office/WPS 文档和纯文本（.txt、.csv），浏览器会当作网页运行的类型一律不发布；请转成 PDF 后再上传")
