"""OPML, the list format every feed reader imports and exports."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass


class OpmlError(ValueError):
    """A file that is not OPML; the message is the reason shown to the user."""


@dataclass(frozen=True)
class OpmlEntry:
    url: str
    kind: str  # 'feed' or 'page'
    title: str | None


def read_opml(data: bytes) -> list[OpmlEntry]:
    """Every outline with an xmlUrl (a feed) or, failing that, a url (a page), in document order."""
    if b"<!ENTITY" in data:  # entity expansion is the classic XML bomb; OPML never needs it
        raise OpmlError("OPML with entity declarations is refused")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise OpmlError(f"not valid XML ({exc})") from None
    if root.tag.lower() != "opml":
        raise OpmlError(f"not OPML (the root element is <{root.tag}>)")
    entries = []
    for outline in root.iter("outline"):
        title = outline.get("title") or outline.get("text") or None
        if outline.get("xmlUrl"):
            entries.append(OpmlEntry(outline.get("xmlUrl", "").strip(), "feed", title))
        elif outline.get("url"):
            entries.append(OpmlEntry(outline.get("url", "").strip(), "page", title))
    return entries


def write_opml(entries: list[OpmlEntry], title: str = "newsbrief sources") -> str:
    root = ET.Element("opml", version="2.0")
    ET.SubElement(ET.SubElement(root, "head"), "title").text = title
    body = ET.SubElement(root, "body")
    for entry in entries:
        attrs = {"text": entry.title or entry.url}
        if entry.title:
            attrs["title"] = entry.title
        if entry.kind == "feed":
            attrs.update(type="rss", xmlUrl=entry.url)
        else:
            attrs.update(type="link", url=entry.url)
        ET.SubElement(body, "outline", attrs)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
