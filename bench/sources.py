"""Sources: fetch + extract + store of pages from local servers answering with 50 ms latency, story grouping
time per article at a large archive, and peak RSS of a fetch round of 200 sources.

The servers are ThreadingHTTPServers on 127.0.0.1 ... 127.0.0.N (all loopback), one per "outlet", so the
per-host limit of 2 requests applies as it would across real outlets. Pages are the bench generator's
articles wrapped in navigation, a cookie banner, related links and comments.
"""

from __future__ import annotations

import html
import random
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.common import REPO, Figure, Sizes, median, proc_status_kb
from bench.generate_articles import make_article

LATENCY_S = 0.05
# (pages fetched, outlets) / articles grouped / sources in the RSS round, per mode
PAGES = {"tiny": (20, 4), "quick": (200, 10), "full": (1000, 20)}
GROUPED = {"tiny": 500, "quick": 10_000, "full": 100_000}
GROUPED_BENCH_CORPUS = {"tiny": 200, "quick": 5_000, "full": 20_000}  # the ingest corpus: few topics, worst case
ROUND_SOURCES = {"tiny": 20, "quick": 200, "full": 200}
ROUND_REPS = {"tiny": 1, "quick": 3, "full": 3}
ITEMS_PER_FEED = 2


def page_html(seed: int, index: int) -> bytes:
    """A generated article as a real page: the article among navigation, cookie banner, related links, comments."""
    name, text = make_article(seed, index)
    lines = [line for line in text.split("\n") if line.strip()]
    if lines and ":" in lines[0] and lines[0].split(":", 1)[0] in ("Title", "Source", "Published"):
        lines = [line for line in lines if not line.split(":", 1)[0] in ("Title", "Source", "Published", "URL", "Date")]
    title = html.escape(lines[0][:90]) if lines else f"Article {index}"
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta property='og:site_name' content='Outlet {index % 50}'></head><body>"
        "<div class='cookie-banner'>We use cookies. <button>Accept all</button></div>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<aside class='related'><h3>Related</h3><a href='/x'>Other story</a> <a href='/y'>Another</a></aside>"
        "<section id='comments'><p>First! - reader</p></section></body></html>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    """/feed/K.xml: a feed of ITEMS_PER_FEED items; /page/I.html: article I. Every answer waits LATENCY_S."""

    seed = 1
    items_per_feed = ITEMS_PER_FEED

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        time.sleep(LATENCY_S)
        host = self.headers.get("Host", "")
        if self.path.startswith("/page/"):
            body, kind = page_html(self.seed, int(self.path[6:].split(".")[0])), "text/html; charset=utf-8"
        elif self.path.startswith("/feed/"):
            k = int(self.path[6:].split(".")[0])
            items = "".join(
                f"<item><title>Item {k}-{i}</title><link>http://{host}/page/{k * self.items_per_feed + i}.html</link>"
                f"<description>Summary {k}-{i}</description></item>"
                for i in range(self.items_per_feed)
            )
            body, kind = f'<rss version="2.0"><channel><title>Feed {k}</title>{items}</channel></rss>'.encode(), "application/rss+xml"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class Outlets:
    """N loopback servers (127.0.0.1 ... 127.0.0.N), each its own host for the per-host limit."""

    def __init__(self, count: int, seed: int) -> None:
        handler = type("Handler", (_Handler,), {"seed": seed})
        self.servers = [ThreadingHTTPServer((f"127.0.0.{i + 1}", 0), handler) for i in range(count)]
        self.threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in self.servers]

    def base(self, i: int) -> str:
        host, port = self.servers[i % len(self.servers)].server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> Outlets:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for s in self.servers:
            s.shutdown()
            s.server_close()


def bench_pages(mode: str, seed: int, log: Callable[[str], None]) -> list[Figure]:
    from briefings.store import sources as store
    from briefings.store.fetch_sources import fetch_round
    from briefings.store.schema import open_db

    pages, outlets = PAGES[mode]
    now = datetime.now(timezone.utc)
    with Outlets(outlets, seed) as servers, tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "pages.db")
        chosen = [store.add_source(db, f"{servers.base(i)}/page/{i}.html", "page", None, 1800, now) for i in range(pages)]
        log(f"  fetching {pages} pages from {outlets} loopback outlets at {LATENCY_S * 1000:.0f} ms latency")
        started = time.perf_counter()
        reports = fetch_round(db, chosen, allow_private=True)
        elapsed = time.perf_counter() - started
        stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        failed = [r.failed for r in reports if r.failed]
        again = time.perf_counter()
        fetch_round(db, [store.get_source(db, s.id) for s in chosen], allow_private=True)
        unchanged_s = time.perf_counter() - again
        db.close()
    ceiling = outlets * 2 / LATENCY_S  # 2 requests per host at a time, each LATENCY_S long
    return [
        Figure(f"sources: fetch+extract+store {pages} pages @50 ms", stored / elapsed, "pages/s", limit=None,
               detail=f"{stored} stored, {len(failed)} failed, {elapsed:.1f} s; network ceiling {ceiling:.0f} pages/s "
                      f"({outlets} hosts x 2 at a time)", higher_is_better=True,
               extra={"failed": failed[:5], "seconds": elapsed}),
        Figure(f"sources: same {pages} pages again, unchanged", unchanged_s, "s",
               detail="no ETag from the server: every page is fetched and compared by content hash"),
        Figure(f"sources: pages lost of {pages}", pages - stored, "pages", limit=0),
    ]


def story_articles(count: int, seed: int) -> list[tuple[str, str]]:
    """Stories of 1-6 articles, each story with its own names, place and figures, outlets rewording it."""
    rng = random.Random(seed)
    syllables = "ka lo mi ra ten vos dun pel ar is o ur bel mar sen tor fi la ne go ru va zel pri".split()
    vocab = [rng.choice(syllables) + rng.choice(syllables) + rng.choice(syllables) for _ in range(3000)]

    def name() -> str:
        return (rng.choice(syllables) + rng.choice(syllables)).capitalize()

    out: list[tuple[str, str]] = []
    while len(out) < count:
        place, person, org = name(), f"{name()} {name()}", f"{name()} Council"
        figures = [str(rng.randint(2, 900)) for _ in range(2)]
        topic = rng.sample(vocab, 25)
        for _ in range(rng.randint(1, 6)):
            words = rng.sample(topic, 12) + rng.sample(vocab, 30)
            rng.shuffle(words)
            title = f"{place}: {' '.join(words[:5])} {figures[0]}"
            body = (f"{person} of the {org} said {figures[1]} {' '.join(words[5:25])} in {place}. "
                    f"{' '.join(words[25:])}.")
            out.append((title, body))
    return out[:count]


def bench_grouping(mode: str, seed: int, log: Callable[[str], None]) -> list[Figure]:
    from briefings.stories.similarity import WINDOW, StoryIndex, content_words, signature

    count = GROUPED[mode]
    log(f"  grouping {count:,} generated articles (stories of 1-6)")
    articles = story_articles(count, seed)
    index = StoryIndex()
    tail = min(1000, count // 5)
    per_article: list[float] = []
    started = time.perf_counter()
    for i, (title, body) in enumerate(articles, 1):
        t = time.perf_counter()
        index.assign(i, signature(content_words(title, body)))
        if i > count - tail:
            per_article.append(time.perf_counter() - t)
    total = time.perf_counter() - started
    worst = _grouping_bench_corpus(GROUPED_BENCH_CORPUS[mode], seed, log)
    return [
        Figure(f"stories: grouping per article at {count:,} articles", median(per_article) * 1000, "ms", limit=5.0,
               detail=f"median of the last {tail} (signature + LSH query + insert); index window {WINDOW:,}; "
                      f"whole run {total:.1f} s"),
        Figure(f"stories: grouping per article, ingest corpus ({GROUPED_BENCH_CORPUS[mode]:,}, few topics)",
               worst * 1000, "ms", limit=5.0,
               detail="the generator's articles share a handful of topics' words: LSH returns many candidates; "
                      "this is what load_corpus adds per article in the ingest section"),
    ]


def _grouping_bench_corpus(count: int, seed: int, log: Callable[[str], None]) -> float:
    """Median seconds per article grouping the ingest section's generated corpus, over its last fifth."""
    from briefings.sources.read_corpus import parse_article_bytes
    from briefings.stories.similarity import StoryIndex, content_words, signature

    log(f"  grouping {count:,} articles of the ingest generator")
    index = StoryIndex()
    times: list[float] = []
    for i in range(count):
        name, text = make_article(seed, i)
        source = parse_article_bytes(name, text.encode())
        t = time.perf_counter()
        index.assign(i + 1, signature(content_words(source.title, source.body)))
        if i >= count - count // 5:
            times.append(time.perf_counter() - t)
    return median(times)


def bench_round_rss(mode: str, seed: int, log: Callable[[str], None]) -> list[Figure]:
    count = ROUND_SOURCES[mode]
    outlets = min(20, count)
    peaks: list[float] = []
    with Outlets(outlets, seed) as servers:
        bases = [servers.base(i) for i in range(count)]
        for rep in range(ROUND_REPS[mode]):
            log(f"  fetch round of {count} feeds ({ITEMS_PER_FEED} items each) in a child process ({rep + 1})")
            with tempfile.TemporaryDirectory() as tmp:
                started = time.perf_counter()
                proc = subprocess.run(
                    [sys.executable, "-m", "bench.sources", "round", str(Path(tmp) / "round.db"), *bases],
                    cwd=REPO, capture_output=True, text=True, timeout=600,
                )
                elapsed = time.perf_counter() - started
            if proc.returncode != 0:
                raise RuntimeError(proc.stderr[-2000:])
            peak_kb, stored, failed = (int(x) for x in proc.stdout.split())
            peaks.append(peak_kb / 1024)
    return [
        Figure(f"sources: peak RSS, fetch round of {count} feeds", median(peaks), "MB", limit=200.0,
               detail=f"median of {len(peaks)} child processes (VmHWM), max {max(peaks):.0f} MB; last: "
                      f"{stored} articles stored, {failed} sources failed, {elapsed:.1f} s",
               extra={"peaks_mb": peaks}),
    ]


def _round_child(db_path: str, bases: list[str]) -> None:
    """Child process: one fetch round over a feed per base URL; prints peak RSS (KB), articles, failures."""
    from briefings.store import sources as store
    from briefings.store.fetch_sources import fetch_round
    from briefings.store.schema import open_db

    db = open_db(db_path)
    now = datetime.now(timezone.utc)
    chosen = [store.add_source(db, f"{base}/feed/{k}.xml", "feed", None, 1800, now) for k, base in enumerate(bases)]
    reports = fetch_round(db, chosen, allow_private=True)
    stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss across fork+exec, so a big parent inflates it (322 vs 157 MB).
    print(proc_status_kb(os.getpid(), "VmHWM"), stored, sum(1 for r in reports if r.failed))


def run(sizes: Sizes, seed: int, log: Callable[[str], None]) -> list[Figure]:
    figures = [
        *bench_pages(sizes.name, seed, log),
        *bench_grouping(sizes.name, seed, log),
        *bench_round_rss(sizes.name, seed, log),
    ]
    return [f.judge() for f in figures]


if __name__ == "__main__" and sys.argv[1:2] == ["round"]:
    _round_child(sys.argv[2], sys.argv[3:])
