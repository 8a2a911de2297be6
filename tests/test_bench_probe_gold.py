"""The probe set's gold (bench/probe/gold.json) is well-formed: each file exists, each gold text is in its body."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefings.sources.read_corpus import read_article_file

PROBE = Path(__file__).resolve().parent.parent / "bench" / "probe"
GOLD = json.loads((PROBE / "gold.json").read_text(encoding="utf-8"))
ARTICLES = GOLD["articles"]


def test_every_article_file_of_the_folder_has_gold_and_sources_are_unique() -> None:
    files = sorted(p.name for p in (PROBE / "articles").glob("*.txt"))
    assert files == sorted(a["file"] for a in ARTICLES)
    sources = [a["source"] for a in ARTICLES]
    assert len(set(sources)) == len(sources)


@pytest.mark.parametrize("article", ARTICLES, ids=[a["file"] for a in ARTICLES])
def test_gold_texts_occur_verbatim_in_the_article_body(article: dict) -> None:
    source = read_article_file(PROBE / "articles" / article["file"])
    raw_body = (PROBE / "articles" / article["file"]).read_text(encoding="utf-8").split("\n\n", 1)[1]
    assert (source.title, source.source) == (article["title"], article["source"])
    assert source.published and article["group"] and article["quotes"]
    for quote in article["quotes"]:
        assert quote["speaker"].strip() and quote["text"].strip(), quote
        assert set(quote) <= {"speaker", "aliases", "text", "optional", "note"}, quote
        assert quote["text"] in raw_body, f"not in the body of {article['file']}: {quote['text']!r}"


def test_quality_without_the_dev_sets_scorer_says_both_sets_are_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bench import quality
    from bench.common import SIZES

    monkeypatch.setenv("NEWSBRIEF_EVAL", str(tmp_path))
    figures = quality.run(SIZES["tiny"], 1, lambda msg: None)
    out = capsys.readouterr().out
    assert "dev set: skipped, no scorer at" in out and "probe: skipped" in out
    assert [(f.name, f.ok) for f in figures] == [("quality: skipped", False)]
