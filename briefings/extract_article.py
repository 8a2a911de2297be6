"""One article's text in, everything a briefing needs out (STUB: being replaced by the real extraction)."""

from __future__ import annotations

from briefings.models import Extraction, Sentence


def extract_article(body: str, title: str | None = None) -> Extraction:
    """Clean `body`, split it into sentences and extract facts, quotes and people."""
    paragraphs = [p.strip() for p in body.splitlines() if p.strip()]
    sentences = tuple(Sentence(i, p, i) for i, p in enumerate(paragraphs))
    headline = title or (paragraphs[0][:80] if paragraphs else "")
    return Extraction(headline=headline, sentences=sentences, facts=(), quotes=(), people=())
