"""Find corpus files and read each into an ArticleSource, or say by name why it cannot be read.

Corpus format: UTF-8 plain text, one paragraph per line. An optional header of `Key: value`
lines (Title, Source, URL, Published, Date) followed by a blank line gives the metadata;
without it the headline comes from the lead and the date from a `YYYY-MM[-DD]` file-name prefix.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from briefings.models import ArticleSource
from briefings.sources.characters import normalise_characters

ARTICLE_SUFFIXES = (".txt", ".text")
MAX_FILE_BYTES = 5 * 1024 * 1024
HEADER_KEYS = {"title": "title", "source": "source", "url": "source", "published": "published", "date": "published"}
_HEADER_LINE = re.compile(r"^(title|source|url|published|date)\s*:\s*(.+)$", re.IGNORECASE)
_DATE_PREFIX = re.compile(r"^(\d{4}-\d{2}(?:-\d{2})?)")


class CorpusFileError(Exception):
    """A corpus file that cannot be loaded; the message is the reason shown to the user."""


def find_article_files(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand files and folders into absolute article paths; missing paths come back as failures.

    Roots are resolved once and folders walked with os.walk (scandir), so a 100k-file corpus costs one
    directory listing per folder rather than a realpath and two stats per file.
    """
    found: list[Path] = []
    missing: list[tuple[str, str]] = []
    for path in paths:
        root = path.resolve()
        if root.is_dir():
            names = [
                os.path.join(folder, name)
                for folder, _, files in os.walk(root)
                for name in files
                if name.lower().endswith(ARTICLE_SUFFIXES)
            ]
            found.extend(Path(name) for name in sorted(names))
        elif root.is_file():
            found.append(root)
        elif root.exists():
            missing.append((str(path), "not a regular file"))
        else:
            missing.append((str(path), "no such file or folder"))
    return found, missing


def read_article_file(path: Path) -> ArticleSource:
    """Read and decode one file; raise CorpusFileError with a human reason when it is unusable."""
    return parse_article_bytes(str(path), read_regular_file(path, MAX_FILE_BYTES))


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, else CorpusFileError.

    Opened without blocking and checked on the open descriptor: a named pipe would block the open or
    the read forever, and a link to /dev/zero never ends, whatever name they carry. At most limit + 1
    bytes are read, so a file that grows while it is read cannot exhaust memory either.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise CorpusFileError(f"cannot be read ({exc.strerror or exc})") from exc
    with os.fdopen(fd, "rb", buffering=0) as file:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise CorpusFileError("not a regular file (a pipe, device or socket)")
            if info.st_size > limit:
                raise CorpusFileError(_too_large(info.st_size, limit))
            chunks, total = [], 0
            while total <= limit:
                chunk = file.read(limit + 1 - total)
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
        except OSError as exc:
            raise CorpusFileError(f"cannot be read ({exc.strerror or exc})") from exc
    if total > limit:
        raise CorpusFileError(_too_large(total, limit, grew=True))
    return b"".join(chunks)


def _too_large(size: int, limit: int, grew: bool = False) -> str:
    measured = f"over {limit / 1024 / 1024:.1f} MB while read" if grew else f"{size / 1024 / 1024:.1f} MB"
    return f"too large ({measured}; the limit is {limit // 1024 // 1024} MB)"


def parse_article_bytes(name: str, data: bytes) -> ArticleSource:
    """Decode and split header from body; `name` is kept as the article's path."""
    if not data.strip():
        raise CorpusFileError("empty file")
    if b"\x00" in data:
        raise CorpusFileError("binary file (contains NUL bytes), expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusFileError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from exc
    text = normalise_characters(text.replace("\r\n", "\n").replace("\r", "\n"))
    header, body = _split_header(text)
    published = header.get("published") or _date_from_name(name)
    return ArticleSource(
        path=name,
        raw_text=text,
        content_hash=hashlib.sha256(data).hexdigest(),
        title=header.get("title"),
        source=header.get("source"),
        published=published,
        body=body,
    )


def _split_header(text: str) -> tuple[dict[str, str], str]:
    """Take leading `Key: value` lines that end at a blank line; anything else means no header."""
    lines = text.split("\n")
    header: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            return (header, "\n".join(lines[i + 1 :])) if header else ({}, text)
        match = _HEADER_LINE.match(line.strip())
        if not match:
            return {}, text
        header.setdefault(HEADER_KEYS[match.group(1).lower()], match.group(2).strip())
    return {}, text


def _date_from_name(name: str) -> str | None:
    match = _DATE_PREFIX.match(Path(name).name)
    return match.group(1) if match else None
