"""Briefings on real scraped files: `python -m bench --only briefs [--eval PATH]`, or `python -m bench.briefs --show`.

Loads the development set's articles (kept outside the repository) with their `Title:` lines removed, as a scraped
file arrives, through the real load path, then judges what a briefing would show:
- headlines: the share of inferred headlines carrying at least half of the real headline's content words (only
  articles with a real title count);
- debris: the share of top-5 facts that are page debris, by the checker below. The checker is written apart from
  the cleaning rules (briefings/extract/debris.py) and shares nothing with them, so a rule cannot grade itself.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.common import REPO, Figure

DEFAULT_EVAL = REPO.parent / "shared" / "eval"
TOP_FACTS = 5
HEADLINE_TARGET = 0.6
DEBRIS_TARGET = 0.02

_STOP = frozenset(
    "a an the and or but of to in on at by for from with as is are was were be been being it its this that these those "
    "his her their our my your he she they we you i not no will would can could should may might has have had do does "
    "did about after over into up out than then so if what who how why when where which all new says said say".split()
)
_TOKEN = re.compile(r"[a-z0-9]+")


def content_words(text: str) -> set[str]:
    """Lowercased words minus function words and possessive endings; `Clinton’s` -> `clinton`."""
    text = re.sub(r"[’']s\b", "", text.lower())
    return {w for w in _TOKEN.findall(text) if w not in _STOP and len(w) > 1}


def _same_word(a: str, b: str) -> bool:
    """Equal, or sharing their first five letters (`democrat`/`democratic`, `endorse`/`endorsement`)."""
    return a == b or (len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5])


def headline_carries(real: str, inferred: str) -> bool:
    """True when the inferred headline holds at least half of the real headline's content words."""
    wanted = content_words(real)
    have = content_words(inferred)
    if not wanted:
        return False
    found = sum(1 for w in wanted if any(_same_word(w, h) for h in have))
    return found * 2 >= len(wanted)


# The debris checker: what a reader would call page furniture rather than a news sentence.
_DEBRIS_CHECKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("url or e-mail", re.compile(r"https?://|www\.|\b[\w.+-]+@[\w-]+\.[a-z]{2,}", re.I)),
    ("social handle or post", re.compile(r"(?:^|\s)@\w{2,}|pic\.twitter|#[A-Za-z]\w+|— .{0,60}\(@\w+\)", re.I)),
    ("photo caption or credit", re.compile(
        r"\b(?:photo|image|picture|gallery|file photo|illustration)\b.{0,40}\b(?:by|credit|courtesy|getty|ap|reuters|afp|cp)\b"
        r"|\((?:photo|image|file)[^)]*\)|\bopen this photo\b|\b(?:getty images|the canadian press|associated press)\s*$"
        r"|\bphoto(?:graph)?s?\s*(?:by|credit|courtesy)\b|\(\s*[A-Z][\w. ]{2,40}\s*/\s*[A-Z][\w. ]{1,30}\)"
        r"|^[^,]{0,80}\b(?:is|are) (?:seen|shown|pictured)\b|, (?:left|right|centre|center),", re.I)),
    ("sharing or newsletter", re.compile(
        r"\b(?:read more|related\s*:|sign up|newsletter|share this|follow us|click here|download the app"
        r"|send (?:us )?your|watch(?: below)?:|listen:|video:)", re.I)),
    ("price or product list", re.compile(r"(?:[$€£]\s?\d[\d.,]*\s*,\s*[\w.-]+\.[a-z]{2,3}\b.*){2,}")),
    ("byline or agency line", re.compile(
        r"^(?:By\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z'-]+){1,2}\s*[,|—–]\s*(?:[Tt]he\s+)?[A-Z][\w ]{2,40}$"
        r"|^(?:By|Written by|Reporting by|With files from)\s+[A-Z]\w+\s+[A-Z]\w+\W*$")),
    ("question to the reader", re.compile(r"\?\s*$|\b(?:what do you think|tell us|let us know|your questions)\b", re.I)),
    ("editor's note or label", re.compile(r"^(?:editor[’']?s note|note|relevant reading|recommended|more|also)\s*:", re.I)),
    ("list or label", re.compile(r"^[A-Z][A-Z ,&'-]{3,}:|^\s*[•*·▪-]\s|(?:\s[|•·]\s.*){2,}")),
)


def debris_kind(fact: str) -> str | None:
    """Why a fact is debris, or None for a news sentence."""
    for kind, pattern in _DEBRIS_CHECKS:
        if pattern.search(fact):
            return kind
    if fact.lstrip().startswith("(") and fact.rstrip().endswith(")"):
        return "parenthetical aside"
    return None


@dataclass(frozen=True)
class BriefResult:
    file: str
    real_title: str | None
    headline: str
    facts: list[str]


def strip_titles(articles: Path, into: Path) -> list[Path]:
    """Copy each article without its `Title:` header line, as a scraped file arrives."""
    copies = []
    for path in sorted(articles.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        head_end = lines.index("") if "" in lines else 0
        kept = [line for i, line in enumerate(lines) if not (i < head_end and line.lower().startswith("title:"))]
        copy = into / path.name
        copy.write_text("\n".join(kept), encoding="utf-8")
        copies.append(copy)
    return copies


def brief_dev_set(eval_dir: Path) -> list[BriefResult]:
    """Load the dev set without titles into a temporary database; each article's headline and top facts."""
    from briefings.store import queries
    from briefings.store.load_corpus import load_corpus
    from briefings.store.schema import open_db

    gold = json.loads((eval_dir / "gold.json").read_text(encoding="utf-8"))
    titles = {Path(a["file"]).name: a.get("title") for a in gold["articles"]}
    with tempfile.TemporaryDirectory(prefix="newsbrief-briefs-") as tmp:
        corpus = Path(tmp) / "articles"
        corpus.mkdir()
        strip_titles(eval_dir / "articles", corpus)
        db = open_db(Path(tmp) / "briefs.db")
        report = load_corpus(db, [corpus], workers=1)
        if report.failed:
            raise RuntimeError(f"dev set files failed to load: {report.failed[:3]}")
        results = []
        for row in db.execute("SELECT id, path, title FROM articles ORDER BY path").fetchall():
            facts = [f.text for f in queries.top_facts(db, row[0], TOP_FACTS)]
            name = Path(row[1]).name
            results.append(BriefResult(name, titles.get(name), row[2], facts))
        db.close()
    return results


def figures_for(results: list[BriefResult]) -> list[Figure]:
    titled = [r for r in results if r.real_title]
    right = sum(1 for r in titled if headline_carries(r.real_title or "", r.headline))
    facts = [f for r in results for f in r.facts]
    debris = [f for f in facts if debris_kind(f)]
    return [
        Figure(f"briefs: inferred headlines carrying ≥ half the real one's words ({len(titled)} titled articles)",
               right / max(1, len(titled)), "", HEADLINE_TARGET, higher_is_better=True,
               extra={"right": right, "articles": len(titled)}).judge(),
        Figure(f"briefs: top-{TOP_FACTS} facts that are debris ({len(facts)} facts, {len(results)} articles)",
               len(debris) / max(1, len(facts)), "", DEBRIS_TARGET, extra={"debris": debris}).judge(),
    ]


def run(sizes: object, seed: int, log: Callable[[str], None]) -> list[Figure]:
    eval_dir = Path(os.environ.get("NEWSBRIEF_EVAL") or DEFAULT_EVAL)  # set by `python -m bench --eval PATH`
    if not (eval_dir / "gold.json").is_file():
        raise FileNotFoundError(f"no development set at {eval_dir} (give --eval PATH)")
    log(f"  loading {eval_dir / 'articles'} without Title: lines")
    return figures_for(brief_dev_set(eval_dir))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.briefs", description="headlines and facts, article by article")
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--show", choices=("headlines", "debris", "all"), default="all")
    args = parser.parse_args()
    results = brief_dev_set(args.eval)
    for r in results:
        if args.show in ("headlines", "all") and r.real_title:
            mark = "ok  " if headline_carries(r.real_title, r.headline) else "MISS"
            print(f"{mark} {r.file}\n     real: {r.real_title}\n     got:  {r.headline}")
        if args.show == "all" and not r.real_title:
            print(f"     {r.file}\n     got:  {r.headline}")
        if args.show in ("debris", "all"):
            for fact in r.facts:
                kind = debris_kind(fact)
                if kind:
                    print(f"  DEBRIS [{kind}] {r.file}: {fact[:160]}")
    for figure in figures_for(results):
        print(f"{figure.name}: {figure.value:.3f} (target {'≥' if figure.higher_is_better else '≤'} {figure.limit})")


if __name__ == "__main__":
    main()
