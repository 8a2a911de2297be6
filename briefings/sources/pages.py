"""Article pages: main text and metadata by trafilatura, without navigation, cookie banners, related links or comments."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import trafilatura

HTML_TYPES = ("text/html", "application/xhtml+xml", "")  # "" : no Content-Type, trafilatura decides
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")

# trafilatura and htmldate log every page they find hard at WARNING/INFO; our reports say what failed.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.ERROR)


class PageError(Exception):
    """A page with no article text; the message is the reason shown to the user."""


@dataclass(frozen=True)
class Page:
    url: str  # canonical
    title: str | None
    text: str  # one paragraph per line
    published: str | None
    author: str | None
    site_name: str | None


def extract_page(body: bytes, url: str, content_type: str = "text/html") -> Page:
    """The article of an HTML page; PageError for a non-HTML body or a page without article text."""
    if content_type not in HTML_TYPES:
        raise PageError(f"not an HTML page ({content_type})")
    if b"\x00" in body[:4096]:
        raise PageError("not an HTML page (binary content)")
    doc = trafilatura.bare_extraction(
        body, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    text = (doc.text or "").strip() if doc else ""
    if not text:
        raise PageError("no article text found on the page")
    title = doc.title or None
    lines = text.split("\n")
    if title and lines and lines[0].strip() == title.strip():
        lines = lines[1:]  # the page's h1 repeats the title
    return Page(
        url=_trusted_canonical(doc.url, url),
        title=title,
        text="\n".join(lines).strip(),
        published=doc.date or None,
        author=doc.author or None,
        site_name=doc.sitename or None,
    )


def _trusted_canonical(declared: str | None, fetched: str) -> str:
    """A page may name its canonical URL only on its own host: otherwise one outlet could overwrite another's article."""
    fetched_url = canonical_url(fetched)
    if not declared:
        return fetched_url
    candidate = canonical_url(declared, base=fetched)
    return candidate if urlsplit(candidate).netloc == urlsplit(fetched_url).netloc else fetched_url


def canonical_url(url: str, base: str | None = None) -> str:
    """One spelling per article: lower-case scheme and host, no default port, fragment or tracking parameters."""
    parts = urlsplit(urljoin(base, url) if base else url)  # rel=canonical may be relative
    host = (parts.hostname or "").lower()
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, default) else f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith(_TRACKING)])
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", query, ""))
