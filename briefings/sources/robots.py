"""robots.txt: whether an outlet lets newsbrief fetch a URL, read the way RFC 9309 says.

A missing robots.txt (any 4xx) allows everything; one that cannot be had (5xx, network error) disallows
everything for now, since the site may be down or shedding load.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from protego import Protego

AGENT = "newsbrief"  # the product token of our User-Agent, matched against `User-agent:` lines


def robots_url(url: str) -> str:
    """The robots.txt that governs `url`: one per scheme, host and port."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def parse_robots(body: bytes) -> Protego:
    return Protego.parse(body.decode("utf-8", errors="replace"))


def allow_all() -> Protego:
    return parse_robots(b"")


def allowed(rules: Protego, url: str) -> bool:
    return bool(rules.can_fetch(url, AGENT))
