"""Quality: quote and attribution scores on the development set (`../shared/eval`) and on the probe set, by group.

The dev set stays outside the repository: its articles are read where they are and scored with its own
`score.py`, imported from there. The probe set (`bench/probe/`) is ours: hand-written articles held out from
rule tuning, scored by the same scorer. Extraction runs in process (the same `extract_article` the loader uses).
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

from bench.common import REPO, Figure, Sizes
from briefings.extract.article import extract_article
from briefings.sources.read_corpus import read_article_file

DEFAULT_EVAL = REPO.parent / "shared" / "eval"
PROBE = Path(__file__).resolve().parent / "probe"
TARGETS = {"quote F1": 0.95, "attributed F1": 0.88, "speaker precision": 0.95}


def eval_dir() -> Path:
    """The dev set's folder: NEWSBRIEF_EVAL (set by `--eval PATH`) or `../shared/eval` beside the repository."""
    return Path(os.environ.get("NEWSBRIEF_EVAL") or DEFAULT_EVAL)


def run(sizes: Sizes, seed: int, log: Callable[[str], None]) -> list[Figure]:
    """Score the dev set and the probe set; print each one's table by group; return the overall figures."""
    folder = eval_dir()
    if not (folder / "score.py").is_file():
        print(f"dev set: skipped, no scorer at {folder / 'score.py'} (pass --eval PATH: the folder holding score.py, gold.json, articles/)")
        print("probe: skipped, it is scored with the dev set's score.py")
        return [Figure("quality: skipped", None, "", ok=False, detail=f"no dev-set scorer at {folder}")]
    scorer = _load_scorer(folder / "score.py")
    figures: list[Figure] = []
    if (folder / "gold.json").is_file():
        print("dev set:")
        totals = score_set(scorer, folder, scorer.group_of)
        figures += set_figures("quality", totals, f"from {folder}")
    else:
        print(f"dev set: skipped, no gold.json in {folder}")
    print("probe (hand-written, held out from tuning):")
    totals = score_set(scorer, PROBE, lambda article: article["group"])
    return figures + set_figures("probe", totals, f"from {PROBE.relative_to(REPO)}")


def score_set(scorer: ModuleType, folder: Path, group_of: Callable[[dict[str, Any]], str]) -> dict[str, Counter[str]]:
    """Score every article of `folder`/gold.json (texts in `folder`/articles); print the table; counts by group."""
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    totals: dict[str, Counter[str]] = {}
    for article in gold["articles"]:
        counts = score_article(scorer, article, folder / "articles" / article["file"])
        for group in (group_of(article), "overall"):
            totals.setdefault(group, Counter()).update(counts)
    print(quality_table(totals))
    return totals


def set_figures(prefix: str, totals: dict[str, Counter[str]], where: str) -> list[Figure]:
    """Quote F1, attributed F1 and speaker precision of a whole set, each against its target."""
    overall = totals["overall"]
    q = _prf(overall["tp_pred"], overall["n_pred"], overall["tp_gold"], overall["n_gold"])
    a = _prf(overall["attr_pred"], overall["n_pred"], overall["attr_gold"], overall["n_gold"])
    shown = _ratio(overall["shown_right"], overall["shown"])
    detail = f"{overall['articles']} articles, {overall['n_gold']} gold quotes, {where}"
    return [
        Figure(f"{prefix}: quote F1", round(q[2], 3), "", TARGETS["quote F1"], higher_is_better=True, detail=detail).judge(),
        Figure(f"{prefix}: attributed F1", round(a[2], 3), "", TARGETS["attributed F1"], higher_is_better=True).judge(),
        Figure(
            f"{prefix}: precision of quotes shown with a speaker", round(shown, 3), "", TARGETS["speaker precision"],
            higher_is_better=True, detail=f"{overall['shown_right']} of {overall['shown']} predicted quotes shown with a speaker",
        ).judge(),
    ]


def score_article(scorer: ModuleType, article: dict[str, Any], path: Path) -> Counter[str]:
    """The scorer's counts for one article, plus `shown`/`shown_right`: found quotes carrying a speaker, and right."""
    source = read_article_file(path)
    extraction = extract_article(source.body, source.title)
    preds = [{"speaker": q.speaker, "text": q.text} for q in extraction.quotes]
    judge = scorer.SpeakerJudge(source.raw_text)
    match = scorer.match_article(article["quotes"], preds, judge)
    counts: Counter[str] = Counter({k: match[k] for k in ("n_gold", "n_pred", "tp_gold", "tp_pred", "attr_gold", "attr_pred")})
    counts["articles"] = 1
    golds_of: dict[int, list[int]] = {}
    for gi, pi in match["credited"].items():
        if not article["quotes"][gi].get("optional"):
            golds_of.setdefault(pi, []).append(gi)
    for pi, status in match["pred_status"].items():
        if status != "optional" and preds[pi]["speaker"]:
            counts["shown"] += 1  # a title or a duplicate shown under a name counts against it too
            counts["shown_right"] += status == "hit" and all(
                judge.right(article["quotes"][gi], preds[pi]["speaker"]) for gi in golds_of[pi]
            )
    return counts


def quality_table(totals: dict[str, Counter[str]]) -> str:
    """Quote P/R/F1, attributed P/R/F1 and speaker precision for each group, overall last."""
    lines = [
        f"{'group':<14} {'arts':>4} {'gold':>5} {'pred':>5} | {'qP':>5} {'qR':>5} {'qF1':>5} | {'aP':>5} {'aR':>5} {'aF1':>5} | {'spkP':>5}"
    ]
    for group in sorted(totals, key=lambda g: (g == "overall", g)):
        c = totals[group]
        q = _prf(c["tp_pred"], c["n_pred"], c["tp_gold"], c["n_gold"])
        a = _prf(c["attr_pred"], c["n_pred"], c["attr_gold"], c["n_gold"])
        lines.append(
            f"{group:<14} {c['articles']:>4} {c['n_gold']:>5} {c['n_pred']:>5} | {q[0]:5.2f} {q[1]:5.2f} {q[2]:5.2f} | "
            f"{a[0]:5.2f} {a[1]:5.2f} {a[2]:5.2f} | {_ratio(c['shown_right'], c['shown']):5.2f}"
        )
    return "\n".join(lines)


def _load_scorer(path: Path) -> ModuleType:
    """Import the dev set's own scorer from where it lies."""
    spec = importlib.util.spec_from_file_location("newsbrief_eval_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    p, r = _ratio(tp_pred, n_pred), _ratio(tp_gold, n_gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0
