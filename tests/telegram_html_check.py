"""Independent checker for Telegram's HTML parse mode.

Written from the Bot API "HTML style" rules rather than from the bot's own
escaping code, so the two cannot share a bug. ``check_telegram_html`` returns a
list of human-readable problems; an empty list means Telegram would accept the
text. ``visible_text`` gives the text Telegram would display (tags removed,
entities decoded), whose length is what the 4096-character limit applies to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_MESSAGE_LENGTH = 4096
TOO_LONG_PREFIX = "too long"

# Telegram's HTML tags; attribute rules are checked separately below.
ALLOWED_TAGS = frozenset(
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
        "a", "code", "pre", "blockquote", "tg-spoiler", "span", "tg-emoji",
    }
)
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

# A tag: name, then attributes (checked by _ATTR_RE), up to the first '>'.
# '<' inside a tag is not allowed, so [^<>] keeps a stray '<' from swallowing text.
_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)>")
_ATTR_RE = re.compile(
    r"""\s+([A-Za-z][A-Za-z0-9_-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"""
)
_ENTITY_RE = re.compile(r"&(?:([A-Za-z]+)|#([0-9]+)|#[xX]([0-9A-Fa-f]+));")
_SPECIAL_RE = re.compile(r"[<>&]")
_LANGUAGE_RE = re.compile(r"language-[A-Za-z0-9_+#.-]+")


@dataclass
class _Result:
    problems: list[str] = field(default_factory=list)
    visible: list[str] = field(default_factory=list)


def check_telegram_html(text: str) -> list[str]:
    """Return the problems Telegram would have parsing ``text`` as HTML ([] = valid)."""
    return _parse(text).problems


def visible_text(text: str) -> str:
    """Text as displayed: tags removed, entities decoded (best effort if invalid)."""
    return "".join(_parse(text).visible)


def is_too_long_problem(problem: str) -> bool:
    """True for the length problem, which Telegram reports differently from parse errors."""
    return problem.startswith(TOO_LONG_PREFIX)


def _parse(text: str) -> _Result:
    """Single left-to-right scan: text runs, entities and tags, with a tag stack."""
    res = _Result()
    stack: list[str] = []
    pos = 0
    n = len(text)
    while pos < n:
        ch = text[pos]
        if ch == "<":
            m = _TAG_RE.match(text, pos)
            if m is None:
                res.problems.append(f"stray '<' at offset {pos} (escape it as &lt;)")
                res.visible.append("<")
                pos += 1
                continue
            _handle_tag(m, stack, res)
            pos = m.end()
        elif ch == ">":
            res.problems.append(f"stray '>' at offset {pos} (escape it as &gt;)")
            res.visible.append(">")
            pos += 1
        elif ch == "&":
            decoded, end, problem = _decode_entity(text, pos)
            if problem:
                res.problems.append(problem)
            res.visible.append(decoded)
            pos = end
        else:
            # Copy the whole run of plain characters at once (fast for long texts).
            special = _SPECIAL_RE.search(text, pos)
            end = special.start() if special else n
            res.visible.append(text[pos:end])
            pos = end
    for name in reversed(stack):
        res.problems.append(f"unclosed tag <{name}>")
    length = sum(len(part) for part in res.visible)
    if length > MAX_MESSAGE_LENGTH:
        res.problems.append(
            f"{TOO_LONG_PREFIX}: visible text is {length} characters (max {MAX_MESSAGE_LENGTH})"
        )
    return res


def _decode_entity(text: str, pos: int) -> tuple[str, int, str | None]:
    """Decode the entity at ``pos``; return (decoded, end, problem or None)."""
    m = _ENTITY_RE.match(text, pos)
    if m is None:
        snippet = text[pos : pos + 12]
        return "&", pos + 1, f"stray '&' at offset {pos} ({snippet!r}; escape it as &amp;)"
    name, dec, hexa = m.groups()
    if name is not None:
        if name not in NAMED_ENTITIES:
            return m.group(0), m.end(), f"unsupported entity {m.group(0)!r} at offset {pos}"
        return NAMED_ENTITIES[name], m.end(), None
    code = int(dec) if dec is not None else int(hexa, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "\ufffd", m.end(), f"invalid character reference {m.group(0)!r} at offset {pos}"
    return chr(code), m.end(), None


def _handle_tag(m: re.Match[str], stack: list[str], res: _Result) -> None:
    """Validate one open/close tag and update the nesting stack."""
    closing, raw_name, raw_attrs = m.group(1) == "/", m.group(2), m.group(3)
    name = raw_name.lower()
    where = f"at offset {m.start()}"
    if name not in ALLOWED_TAGS:
        res.problems.append(f"unsupported tag <{closing and '/' or ''}{raw_name}> {where}")
        return
    if closing:
        if raw_attrs.strip():
            res.problems.append(f"closing tag </{name}> has attributes {where}")
        if not stack:
            res.problems.append(f"unexpected closing tag </{name}> {where}")
        elif stack[-1] != name:
            res.problems.append(
                f"closing tag </{name}> {where} does not match open <{stack[-1]}>"
            )
            if name in stack:  # recover: drop tags up to the matching one
                del stack[stack.index(name) :]
        else:
            stack.pop()
        return
    attrs = _parse_attrs(raw_attrs, name, where, res)
    _check_attrs(name, attrs, stack, where, res)
    _check_nesting(name, stack, where, res)
    stack.append(name)


def _parse_attrs(raw: str, tag: str, where: str, res: _Result) -> dict[str, str | None]:
    """Parse attributes; unquoted values and leftover junk are problems."""
    attrs: dict[str, str | None] = {}
    pos = 0
    raw = raw.rstrip()
    if raw.endswith("/"):
        res.problems.append(f"self-closing <{tag}/> is not supported {where}")
        raw = raw[:-1].rstrip()
    while pos < len(raw):
        m = _ATTR_RE.match(raw, pos)
        if m is None:
            res.problems.append(f"malformed attributes {raw[pos:]!r} in <{tag}> {where}")
            break
        key, dq, sq, bare = m.groups()
        if bare is not None:
            res.problems.append(f"attribute {key}={bare} in <{tag}> is not quoted {where}")
        value = dq if dq is not None else sq if sq is not None else bare
        if value is not None:
            # Entities in attribute values must be valid too (e.g. & in a URL).
            value = _decode_attr_value(value, key, tag, where, res)
        attrs[key.lower()] = value
        pos = m.end()
    return attrs


def _decode_attr_value(value: str, key: str, tag: str, where: str, res: _Result) -> str:
    """Decode entities in an attribute value, reporting stray '&'."""
    out: list[str] = []
    pos = 0
    while pos < len(value):
        if value[pos] == "&":
            decoded, pos, problem = _decode_entity(value, pos)
            if problem:
                res.problems.append(f"in {key}= of <{tag}> {where}: {problem}")
            out.append(decoded)
        else:
            out.append(value[pos])
            pos += 1
    return "".join(out)


def _check_attrs(
    name: str, attrs: dict[str, str | None], stack: list[str], where: str, res: _Result
) -> None:
    """Per-tag attribute rules."""
    allowed: set[str] = set()
    if name == "a":
        allowed = {"href"}
        if not attrs.get("href"):
            res.problems.append(f"<a> without href {where}")
    elif name == "code":
        allowed = {"class"}
        cls = attrs.get("class")
        if "class" in attrs and (cls is None or not _LANGUAGE_RE.fullmatch(cls)):
            res.problems.append(f"<code class={cls!r}> must be class=\"language-...\" {where}")
    elif name == "span":
        allowed = {"class"}
        if attrs.get("class") != "tg-spoiler":
            res.problems.append(f'<span> requires class="tg-spoiler" {where}')
    elif name == "blockquote":
        allowed = {"expandable"}
        if "expandable" in attrs and attrs["expandable"] not in (None, "", "expandable"):
            res.problems.append(f"<blockquote expandable> takes no value {where}")
    elif name == "tg-emoji":
        allowed = {"emoji-id"}
        if not (attrs.get("emoji-id") or "").isdigit():
            res.problems.append(f"<tg-emoji> requires a numeric emoji-id {where}")
    for key in attrs:
        if key not in allowed:
            res.problems.append(f"attribute {key!r} not allowed on <{name}> {where}")


def _check_nesting(name: str, stack: list[str], where: str, res: _Result) -> None:
    """Telegram's nesting limits: code/pre hold plain text, no nested links/quotes."""
    if not stack:
        return
    parent = stack[-1]
    if parent == "pre" and name != "code":
        res.problems.append(f"<{name}> inside <pre> {where} (only <code> is allowed)")
    elif parent == "code" or ("pre" in stack and parent != "pre"):
        res.problems.append(f"<{name}> inside <{parent}> {where} (code holds plain text)")
    if name == "pre" and "pre" in stack:
        res.problems.append(f"nested <pre> {where}")
    if name == "a" and "a" in stack:
        res.problems.append(f"nested <a> {where}")
    if name == "blockquote" and "blockquote" in stack:
        res.problems.append(f"nested <blockquote> {where}")
