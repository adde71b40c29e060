"""Reading a published site, by http(s) URL or folder, within one budget of bytes and seconds.

The portal harvests estates and `sunlight witness` checks sites that anyone may point it at: a
hostile or broken server must cost at most the budget (default 50 MB and 60 s for all the files
of one site, spec section 7), and a redirect may not take the reader to another host or scheme,
where another estate's data would pass for this one's.  Every failure is an `Unreadable` whose
message says why in words for an office worker; nothing here raises anything else for what a
site serves.
"""

from __future__ import annotations

import os
import socket
import stat
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from . import __version__

CHUNK = 64 * 1024
SPOOL = 1024 * 1024     # a body past this grows on disk while it is read
AGENT = f"sunlight/{__version__}"
MB = 1024 * 1024


class Unreadable(Exception):
    """A file that could not be read; the message says why."""


class Missing(Unreadable):
    """The site answered that the file is not there (HTTP 404, or no such file in the folder)."""


@dataclass(frozen=True)
class Limits:
    """What reading one site may cost at most, every file included."""

    total_bytes: int = 50 * MB
    seconds: float = 60.0

    def describe(self) -> str:
        size = self.total_bytes
        return f"{size // MB} MB" if size % MB == 0 else f"{size:,} 字节"


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to the same scheme and host (and port) as the request."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        old, new = urlsplit(req.full_url), urlsplit(urljoin(req.full_url, newurl))
        if (old.scheme, old.netloc.lower()) != (new.scheme, new.netloc.lower()):
            raise Unreadable(f"{req.full_url} 转到了另一个网站 {new.scheme}://{new.netloc}/（只接受同一网站内的跳转）")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_Redirects)


def _size(count: int) -> str:
    return f"{count // MB} MB" if count % MB == 0 else f"{count // 1024} KB" if count % 1024 == 0 else f"{count:,} 字节"


def read_in_folder(folder: Path, rel: str, most: int) -> bytes | None:
    """A regular file of a site folder of at most `most` bytes, opened a folder at a time without
    following a link below `folder`: what `SiteReader.read` gives for it, in a few system calls and
    none of `realpath`'s Python (the portal asks this of thousands of unchanged estates every run).
    None when it cannot be read this way (a link, no such file, not a regular file, too large, no
    `dir_fd` here): the caller reads it through `SiteReader`, which says why."""
    nofollow, directory = getattr(os, "O_NOFOLLOW", 0), getattr(os, "O_DIRECTORY", 0)
    parts = rel.split("/")
    if not (nofollow and directory and os.open in os.supports_dir_fd) or any(p in ("", ".", "..") for p in parts):
        return None
    opened: list[int] = []
    try:
        opened.append(os.open(folder, os.O_RDONLY | directory | os.O_CLOEXEC))
        for part in parts[:-1]:
            opened.append(os.open(part, os.O_RDONLY | directory | nofollow | os.O_CLOEXEC, dir_fd=opened[-1]))
        # O_NONBLOCK: opening a pipe must not wait for a writer; it is refused below as not a file.
        opened.append(os.open(parts[-1], os.O_RDONLY | nofollow | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=opened[-1]))
        info = os.fstat(opened[-1])
        if not stat.S_ISREG(info.st_mode) or info.st_size > most:
            return None
        chunks, size = [], 0
        while chunk := os.read(opened[-1], max(most + 1 - size, 1)):
            chunks.append(chunk)
            size += len(chunk)
            if size > most:
                return None
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        for fd in opened:
            os.close(fd)


def is_url(address: str) -> bool:
    return address.strip().lower().startswith(("http://", "https://"))


class SiteReader:
    """One published site; `read(rel)` gives a file's bytes while the site's budget lasts."""

    def __init__(self, address: str, base_dir: Path | None = None, limits: Limits = Limits()):
        self.address = address.strip()
        self.is_url = is_url(self.address)
        self.limits = limits
        self.used = 0
        self._end = time.monotonic() + limits.seconds
        if self.is_url:
            self.base = self.address if self.address.endswith("/") else self.address + "/"
            self.folder = None
        else:
            self.base = self.address
            self.folder = (Path(base_dir or ".") / self.address).resolve()

    def _left(self) -> float:
        left = self._end - time.monotonic()
        if left <= 0:
            raise Unreadable(f"超时：{self.limits.seconds:g} 秒内没有取完")
        return left

    def _take(self, size: int, what: str, taken: int = 0, limit: int | None = None) -> None:
        """Counts `size` more bytes against the site's budget and, when given, one file's `limit`
        (`taken`: the file's bytes so far)."""
        if limit is not None and taken + size > limit:
            raise Unreadable(f"{what} 太大：超过 {_size(limit)}（这个文件不应这么大）")
        self.used += size
        if self.used > self.limits.total_bytes:
            raise Unreadable(f"{what} 太大：这个网站的文件合计超过 {self.limits.describe()}")

    def read(self, rel: str, limit: int | None = None) -> bytes:
        """One file's bytes; with `limit`, a file larger than that is refused before it is read whole."""
        return self.get(rel, limit=limit)[1]

    def get(self, rel: str, headers: dict[str, str] | None = None, limit: int | None = None):
        """(status, body, response headers or {}) of one file; status 304 has an empty body."""
        if self.folder is not None:
            return 200, self._read_file(rel, limit), {}
        return self._read_url(urljoin(self.base, rel), headers, limit)

    def _read_file(self, rel: str, limit: int | None = None) -> bytes:
        self._left()
        if not self.folder.is_dir():
            raise Unreadable(f"找不到网站文件夹 {self.folder}")
        path = self.folder / rel
        try:
            if not os.path.realpath(path).startswith(str(self.folder) + os.sep):
                raise Unreadable(f"{rel} 在网站文件夹以外（或是指向外面的链接）")
            info = path.stat()
            if stat.S_ISDIR(info.st_mode):
                raise Missing(f"没有 {rel}（文件夹 {self.folder}）")
            if not stat.S_ISREG(info.st_mode):   # a pipe or a device would never end
                raise Unreadable(f"{rel} 不是普通文件")
            self._take(info.st_size, rel, 0, limit)
            return path.read_bytes()
        except FileNotFoundError:
            raise Missing(f"没有 {rel}（文件夹 {self.folder}）") from None
        except (IsADirectoryError, NotADirectoryError):
            raise Missing(f"没有 {rel}（文件夹 {self.folder}）") from None
        except OSError as exc:
            raise Unreadable(f"读不了 {rel}：{exc.strerror or exc}") from None

    def _read_url(self, url: str, headers: dict[str, str] | None, limit: int | None = None):
        request = urllib.request.Request(url, headers={"User-Agent": AGENT, **(headers or {})})
        try:
            with _OPENER.open(request, timeout=self._left()) as response:
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit():
                    self._take(int(declared), url, 0, limit)     # refused before a byte of the body is read
                    self.used -= int(declared)
                # Each wait for bytes gets only what is left of the site's time, so a server that
                # trickles a byte at a time cannot stretch it.  A body past 1 MB grows in a temporary file,
                # not in memory: a body refused at the budget never held memory, and an accepted one is read
                # back in one piece, so estates read side by side cost what they keep, not what they offer.
                sock = getattr(getattr(response.fp, "raw", None), "_sock", None)
                with tempfile.SpooledTemporaryFile(max_size=SPOOL) as body:
                    while True:
                        if sock is not None:
                            sock.settimeout(self._left())
                        chunk = response.read1(CHUNK)
                        if not chunk:
                            break
                        self._take(len(chunk), url, body.tell(), limit)
                        body.write(chunk)
                    body.seek(0)
                    return response.status, body.read(), response.headers
        except Unreadable:
            raise
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return 304, b"", exc.headers
            if exc.code in (404, 410):
                raise Missing(f"{url} 返回 HTTP {exc.code}（没有这个文件）") from None
            raise Unreadable(f"{url} 返回 HTTP {exc.code}") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, Unreadable):
                raise reason from None
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise Unreadable(f"{url} 超时") from None
            if isinstance(reason, ConnectionRefusedError):
                raise Unreadable(f"{url} 拒绝连接（网站没有运行？）") from None
            raise Unreadable(f"{url} 连不上：{getattr(reason, 'strerror', None) or reason}") from None
        except (socket.timeout, TimeoutError):
            raise Unreadable(f"{url} 超时") from None
        except (OSError, ValueError) as exc:   # reset connections, bad chunking, a malformed URL
            raise Unreadable(f"{url} 读取中断：{exc}") from None
