"""Each exported quote says how it was attributed (`cue`) and what named its speaker (`speaker_mention`)."""

from __future__ import annotations

from pathlib import Path

from briefings.store.load_corpus import load_corpus
from briefings.store.schema import open_db
from briefings.views.export_json import export_articles

ARTICLE = """Title: Harbour bridge to close for repairs

The city will close the harbour bridge for six weeks, Mayor Ines Carvalho said on Monday.
“We cannot wait for a crack to become a collapse,” she said.
Engineers found rust in two of the main cables, according to a city report.
“The detour will add ten minutes,” said Tomas Brandt, who runs a ferry line.
A resident who asked not to be named said the closure was “a nightmare for families.”
“Nobody asked us,” he said.
"""


def test_quotes_carry_cue_and_speaker_mention(tmp_path: Path) -> None:
    (tmp_path / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    db = open_db(tmp_path / "x.db")
    assert load_corpus(db, [tmp_path / "bridge.txt"], workers=1).ok
    quotes = {q["text"]: q for q in export_articles(db)["articles"][0]["quotes"]}
    crack = quotes["We cannot wait for a crack to become a collapse"]
    assert (crack["speaker"], crack["cue"], crack["speaker_mention"]) == ("Ines Carvalho", "she said", "she")
    detour = quotes["The detour will add ten minutes"]
    assert (detour["speaker"], detour["speaker_mention"]) == ("Tomas Brandt", "Tomas Brandt")
    assert detour["cue"].startswith("said Tomas Brandt")
    nightmare = quotes["a nightmare for families."]  # an anonymous speaker stays the description the text gives
    assert (nightmare["speaker"], nightmare["speaker_mention"]) == ("A resident", "A resident")
    assert nightmare["cue"].startswith("A resident")
    # `he` after an anonymous resident and a named ferry operator: not clear enough to name anyone.
    assert quotes["Nobody asked us"]["speaker"] is None
