"""Digest and time extract_article over a fixed set, so a speed-up can be shown not to change any output.

    .venv/bin/python -m bench.extract_identity --write /tmp/before.json   # digests of every Extraction
    .venv/bin/python -m bench.extract_identity --check /tmp/before.json   # exit 1 on any difference
    .venv/bin/python -m bench.extract_identity --time 250 --reps 5        # median ms/article over generated articles
    .venv/bin/python -m bench.extract_identity --time-dev --reps 7        # median CPU ms/article over the dev set

The set: the seed corpus, tests/articles, 600 generated articles and the dev set's articles, read from
/work/shared/eval at run time (never copied into the repository) when that folder exists.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import statistics
import sys
import time
from pathlib import Path

from bench.generate_articles import make_article
from briefings.extract.article import extract_article
from briefings.sources.read_corpus import read_article_file

ROOT = Path(__file__).resolve().parent.parent
# The dev set sits beside the checkouts (/work/shared next to /work/main and /work/wt/<branch>).
DEV_SET = next((p / "shared" / "eval" / "articles" for p in ROOT.parents if (p / "shared" / "eval").is_dir()), ROOT / "missing")
GENERATED = 600


def article_set(dev_set: Path) -> dict[str, tuple[str, str | None]]:
    """Name -> (body, title) of every article in the fixed set; files are read as load reads them (header apart)."""
    texts: dict[str, tuple[str, str | None]] = {}
    for folder in (ROOT / "data" / "corpus", ROOT / "tests" / "articles", dev_set):
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else ():
            source = read_article_file(path)
            texts[f"{folder.name}/{path.name}"] = (source.body, source.title)
    for i in range(GENERATED):
        name, text = make_article(1, i)
        texts[f"generated/{i}-{name}"] = (text, None)
    return texts


def digest(body: str, title: str | None) -> str:
    extraction = extract_article(body, title)
    data = json.dumps(dataclasses.asdict(extraction), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def time_generated(n: int, reps: int) -> list[float]:
    """ms/article of each of `reps` passes over the first `n` generated articles."""
    texts = [make_article(1, i)[1] for i in range(n)]
    for text in texts[:20]:
        extract_article(text)  # warm the regex cache
    per_pass = []
    for _ in range(reps):
        start = time.perf_counter()
        for text in texts:
            extract_article(text)
        per_pass.append((time.perf_counter() - start) * 1000 / n)
    return per_pass


def time_dev_set(dev_set: Path, reps: int) -> list[float]:
    """CPU ms/article of each of `reps` passes of extract_article over the dev set's articles (body and title)."""
    articles = [(source.body, source.title) for source in map(read_article_file, sorted(dev_set.glob("*.txt")))]
    if not articles:
        raise SystemExit(f"no articles in {dev_set}")
    for body, title in articles:
        extract_article(body, title)  # warm the regex and name caches
    per_pass = []
    for _ in range(reps):
        start = time.process_time()
        for body, title in articles:
            extract_article(body, title)
        per_pass.append((time.process_time() - start) * 1000 / len(articles))
    return per_pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="write the digests to this JSON file")
    parser.add_argument("--check", type=Path, help="compare the digests with this JSON file")
    parser.add_argument("--time", type=int, metavar="N", help="time N generated articles instead")
    parser.add_argument("--time-dev", action="store_true", help="time the dev set's articles instead (CPU time)")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--dev-set", type=Path, default=DEV_SET)
    args = parser.parse_args()
    if args.time:
        passes = time_generated(args.time, args.reps)
        print(f"extract_article: median {statistics.median(passes):.3f} ms/article over {args.time} generated articles, "
              f"{args.reps} passes (min {min(passes):.3f}, max {max(passes):.3f})")
        return 0
    if args.time_dev:
        passes = time_dev_set(args.dev_set, args.reps)
        print(f"extract_article: median {statistics.median(passes):.3f} ms/article (CPU) over the dev set's articles, "
              f"{args.reps} passes (min {min(passes):.3f}, max {max(passes):.3f})")
        return 0
    digests = {name: digest(*article) for name, article in article_set(args.dev_set).items()}
    total = hashlib.sha256("".join(f"{n}={d}\n" for n, d in digests.items()).encode()).hexdigest()
    print(f"{len(digests)} articles ({args.dev_set} {'read' if args.dev_set.is_dir() else 'MISSING'}), overall digest {total[:16]}")
    if args.write:
        args.write.write_text(json.dumps(digests, indent=0, sort_keys=True))
    if args.check:
        expected = json.loads(args.check.read_text())
        changed = sorted(n for n in expected.keys() | digests.keys() if expected.get(n) != digests.get(n))
        for name in changed[:20]:
            print(f"CHANGED {name}")
        print(f"{len(changed)} of {len(expected)} differ")
        return 1 if changed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
