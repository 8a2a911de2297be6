"""Telegram HTML output: split rendered HTML into messages of at most 4096 characters, or turn it into plain text."""

from __future__ import annotations

import html
import re

MESSAGE_LIMIT = 4096
MESSAGE_BREAK = "\f"  # templates put it where a new message must start

_TOKEN = re.compile(r"<[^>]*>|&[#\w]+;|\s+|[^<&\s]+|[<&]")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][\w-]*)")


def telegram_length(text: str) -> int:
    """Telegram counts message length in UTF-16 code units (an emoji counts twice)."""
    return len(text.encode("utf-16-le")) // 2


def split_messages(rendered: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Cut rendered HTML into messages: at form feeds, then between paragraphs, never inside a tag or entity."""
    messages: list[str] = []
    for part in rendered.split(MESSAGE_BREAK):
        messages.extend(_pack_paragraphs(_tidy(part), limit))
    return [m for m in messages if m.strip()]


def _tidy(text: str) -> str:
    """Drop trailing spaces and runs of blank lines that template whitespace leaves behind."""
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _pack_paragraphs(text: str, limit: int) -> list[str]:
    chunks: list[str] = []
    current = ""
    for paragraph in text.split("\n\n"):
        candidate = f"{current}\n\n{paragraph}" if current else paragraph
        if telegram_length(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current)
        if telegram_length(paragraph) <= limit:
            current = paragraph
        else:
            pieces = _split_long_block(paragraph, limit)
            chunks.extend(pieces[:-1])
            current = pieces[-1]
    if current:
        chunks.append(current)
    return chunks


def _split_long_block(block: str, limit: int) -> list[str]:
    """Split one over-long paragraph between words, closing open tags at each cut and reopening them after."""
    pieces: list[str] = []
    open_tags: list[tuple[str, str]] = []  # (name, opening tag as written)
    parts: list[str] = []
    length = 0  # running Telegram length of `parts`, so long texts split in linear time
    for token in _TOKEN.findall(block):
        for part in _hard_split(token, limit // 2):
            closers = "".join(f"</{name}>" for name, _ in reversed(open_tags))
            part_length = telegram_length(part)
            if length and length + part_length + telegram_length(closers) > limit and "".join(parts).strip():
                pieces.append("".join(parts).rstrip() + closers)
                reopen = "".join(tag for _, tag in open_tags)
                parts, length = [reopen], telegram_length(reopen)
                if part.isspace():
                    continue
            parts.append(part)
            length += part_length
            _track_tag(part, open_tags)
    if "".join(parts).strip():
        pieces.append("".join(parts).rstrip())
    return pieces


def _hard_split(token: str, size: int) -> list[str]:
    """A word longer than a message (a URL, say) is cut into pieces; tags and entities are never cut."""
    if token.startswith(("<", "&")) or len(token) <= size:
        return [token]
    return [token[i : i + size] for i in range(0, len(token), size)]


def _track_tag(token: str, open_tags: list[tuple[str, str]]) -> None:
    if not token.startswith("<") or token.endswith("/>"):
        return
    match = _TAG_NAME.match(token)
    if not match:
        return
    name = match.group(1).lower()
    if token.startswith("</"):
        for i in range(len(open_tags) - 1, -1, -1):
            if open_tags[i][0] == name:
                del open_tags[i:]
                break
    else:
        open_tags.append((name, token))


def html_to_text(rendered: str) -> str:
    """Plain text of Telegram HTML: tags dropped, link targets kept in brackets, entities decoded."""
    text = re.sub(r'<a\s+href="([^"]*)"\s*>(.*?)</a>', lambda m: f"{m.group(2)} ({m.group(1)})", rendered, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", text))
