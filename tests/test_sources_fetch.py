"""Fetching feeds and pages from a local server: conditional GET, dedup, changes, and every bad input reported."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from briefings.sources import fetch as fetch_module
from briefings.sources.feeds import MAX_ITEMS
from briefings.store import sources as store
from briefings.store.fetch_sources import fetch_round, follow_source
from tests.sources_server import RawServer, fixture_text, serve, serve_fixture, serve_harbour_site, without_robots_txt

NOW = datetime(2026, 11, 18, 9, 0, tzinfo=timezone.utc)
FAST = {"timeout": httpx.Timeout(1.0), "deadline_s": 2.0}


def add(db, url: str, kind: str = "feed", interval_s: int = 1800) -> store.Source:
    return store.add_source(db, url, kind, None, interval_s, NOW)


def run(db, *sources: store.Source, allow_private: bool = True):
    return fetch_round(db, list(sources), allow_private=allow_private, clock=lambda: NOW, fetcher_options=FAST)


def articles(db) -> list[dict]:
    return list(db.query("SELECT id, path, url, outlet, title, text_origin, clean_text, story_id FROM articles ORDER BY id"))


def test_feed_items_are_fetched_extracted_and_stored_with_outlet_and_url(db, httpserver):
    [report] = run(db, add(db, serve_harbour_site(httpserver)))
    assert (report.failed, report.new, report.updated, report.unchanged) == (None, 3, 0, 0)
    stored = {a["title"]: a for a in articles(db)}
    flood = stored["Storm surge floods Portmere harbour, 300 homes evacuated"]
    assert flood["outlet"] == "The Harbour Gazette"
    assert flood["url"] == httpserver.url_for("/news/portmere-flood.html")  # canonical: no utm_ parameter
    assert flood["text_origin"] == "page"
    assert "300 homes" in flood["clean_text"]
    for boilerplate in ("cookies", "Accept all", "Subscribe", "Tide tables", "seagull77", "warned about that wall"):
        assert boilerplate not in flood["clean_text"]
    quote = db.execute("SELECT speaker FROM quotes WHERE text LIKE 'The water came over%'").fetchone()
    assert quote == ("Harbour Master Tomas Lind",) or quote[0].endswith("Tomas Lind")
    # The third item's page is missing: its own summary is used, marked as such.
    quota = stored["Fishing quota talks stall in Brussels"]
    assert quota["text_origin"] == "feed summary"
    assert "14 hours of negotiation" in quota["clean_text"]


def test_second_fetch_is_conditional_and_reports_everything_unchanged(db, httpserver):
    source = add(db, serve_harbour_site(httpserver))
    run(db, source)
    [report] = run(db, store.get_source(db, source.id))
    assert report.not_modified and (report.new, report.updated, report.unchanged) == (0, 0, 3)
    feed_requests = [r for r, _ in httpserver.log if r.path == "/feed.xml"]
    assert feed_requests[-1].headers.get("If-None-Match") == '"harbour-1"'
    assert len(articles(db)) == 3


def test_user_agent_names_newsbrief_and_its_version(db, httpserver):
    run(db, add(db, serve_harbour_site(httpserver)))
    agent = httpserver.log[0][0].headers["User-Agent"]
    assert agent.startswith("newsbrief/") and agent.split("/")[1].split()[0] == fetch_module._newsbrief_version()


def test_same_item_in_two_feeds_is_stored_once(db, httpserver):
    harbour = add(db, serve_harbour_site(httpserver))
    serve_fixture(httpserver, "/river.atom", "river_feed.atom")
    serve_fixture(httpserver, "/river/surge.html", "river_surge.html")
    river = add(db, httpserver.url_for("/river.atom"))
    run(db, harbour)
    [report] = run(db, river)
    assert (report.failed, report.new, report.unchanged) == (None, 1, 1)
    flood_url = httpserver.url_for("/news/portmere-flood.html")
    assert db.execute("SELECT count(*) FROM articles WHERE url = ?", [flood_url]).fetchone()[0] == 1


def test_same_text_under_another_url_is_not_stored_twice(db, httpserver):
    page = fixture_text(httpserver, "ferry_terminal.html")
    serve(httpserver, "/a.html", page, "text/html")
    serve(httpserver, "/b.html", page, "text/html")
    run(db, add(db, httpserver.url_for("/a.html"), kind="page"))
    [report] = run(db, add(db, httpserver.url_for("/b.html"), kind="page"))
    assert (report.new, report.unchanged) == (0, 1)
    assert len(articles(db)) == 1


def test_item_changed_after_load_replaces_the_old_version(db, httpserver):
    feed = fixture_text(httpserver, "harbour_feed.xml")
    serve(httpserver, "/feed.xml", feed, "application/rss+xml")
    serve_fixture(httpserver, "/news/portmere-flood.html", "portmere_flood.html")
    serve_fixture(httpserver, "/news/ferry-terminal.html", "ferry_terminal.html")
    source = add(db, httpserver.url_for("/feed.xml"))
    run(db, source)
    before = {a["url"]: a for a in articles(db)}
    httpserver.clear()
    without_robots_txt(httpserver)
    changed = feed.replace("The terminal will cost 42 million euros.", "Cost revised to 47 million euros.")
    serve(httpserver, "/feed.xml", changed, "application/rss+xml")
    serve_fixture(httpserver, "/news/portmere-flood.html", "portmere_flood.html")
    page = fixture_text(httpserver, "ferry_terminal.html").replace("42 million", "47 million")
    serve(httpserver, "/news/ferry-terminal.html", page, "text/html")
    [report] = run(db, store.get_source(db, source.id))
    assert (report.failed, report.new, report.updated, report.unchanged) == (None, 0, 1, 0)
    after = {a["url"]: a for a in articles(db)}
    ferry = httpserver.url_for("/news/ferry-terminal.html")
    assert "47 million" in after[ferry]["clean_text"] and "42 million" not in after[ferry]["clean_text"]
    assert len(after) == len(before) == 3
    # Unchanged items were not fetched again: only the changed item's page was asked for.
    assert [r.path for r, _ in httpserver.log if r.path.startswith("/news/")] == ["/news/ferry-terminal.html"]


def test_feed_with_1000_items_takes_the_newest_and_reports_them(db, httpserver):
    items = "".join(
        f"<item><title>Item {i}</title><link>{httpserver.url_for(f'/gone/{i}')}</link>"
        f"<description>Report number {i} says 12 boats left the harbour at dawn.</description>"
        f"<pubDate>Mon, 16 Nov 2026 {i % 24:02d}:{i % 60:02d}:00 GMT</pubDate></item>"
        for i in range(1000)
    )
    serve(httpserver, "/big.xml", f'<rss version="2.0"><channel><title>Big</title>{items}</channel></rss>', "application/rss+xml")
    [report] = run(db, add(db, httpserver.url_for("/big.xml")))
    assert report.failed is None
    assert report.new + report.unchanged == MAX_ITEMS  # same summaries share no text, so all new
    assert len(articles(db)) == report.new


def bad_source(db, httpserver, path: str, body, content_type: str = "text/html", kind: str = "feed", status: int = 200):
    httpserver.expect_request(path).respond_with_data(body, status=status, content_type=content_type)
    return add(db, httpserver.url_for(path), kind=kind)


@pytest.mark.parametrize(
    ("path", "body", "content_type", "kind", "status", "reason"),
    [
        ("/missing.xml", "gone", "text/plain", "feed", 404, "HTTP 404 NOT FOUND"),
        ("/broken.xml", "oops", "text/plain", "feed", 500, "HTTP 500 INTERNAL SERVER ERROR"),
        ("/malformed.xml", "<rss><channel><title>x</title><item><title>a & b</item>", "application/rss+xml", "feed", 200,
         "malformed feed"),
        ("/page-as-feed.xml", "<!DOCTYPE html><html><body><p>Hello</p></body></html>", "text/html", "feed", 200,
         "not a feed: the server sent an HTML page"),
        ("/photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png", "page", 200, "not an HTML page (image/png)"),
        ("/huge.html", b"<html><body>" + b"x" * (20 * 1024 * 1024), "text/html", "page", 200,
         "body larger than the 5 MB limit"),
    ],
    ids=["404", "500", "malformed-xml", "html-as-feed", "non-html-page", "20MB-body"],
)
def test_bad_source_is_reported_with_its_reason_and_the_others_still_load(
    db, httpserver, path, body, content_type, kind, status, reason
):
    good = add(db, serve_harbour_site(httpserver))
    bad = bad_source(db, httpserver, path, body, content_type, kind, status)
    reports = {r.source_id: r for r in run(db, good, bad)}
    assert reports[bad.id].failed is not None and reports[bad.id].failed.startswith(reason), reports[bad.id].failed
    assert reports[good.id].failed is None and reports[good.id].new == 3
    failing = store.get_source(db, bad.id)
    assert failing.failures == 1 and failing.last_error == reports[bad.id].failed


@pytest.mark.e2e  # a real socket that never answers
def test_timeout_is_reported(db):
    with RawServer("silent") as server:
        [report] = run(db, add(db, f"http://127.0.0.1:{server.port}/slow.xml"))
    assert report.failed is not None and report.failed.startswith("timed out"), report.failed


@pytest.mark.e2e
def test_connection_reset_is_reported(db):
    with RawServer("reset") as server:
        [report] = run(db, add(db, f"http://127.0.0.1:{server.port}/feed.xml"))
    assert report.failed is not None and report.failed.startswith("connection reset"), report.failed


def test_redirect_loop_is_reported(db, httpserver):
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    [report] = run(db, add(db, httpserver.url_for("/a")))
    assert report.failed == f"redirect loop (back to {httpserver.url_for('/a')})"


def test_too_many_redirects_are_reported(db, httpserver):
    for i in range(10):
        httpserver.expect_request(f"/r{i}").respond_with_data("", status=301, headers={"Location": f"/r{i + 1}"})
    [report] = run(db, add(db, httpserver.url_for("/r0")))
    assert report.failed == "too many redirects (more than 5)"


def test_private_address_is_refused_without_the_opt_in_and_nothing_is_requested(db, httpserver):
    source = add(db, serve_harbour_site(httpserver))
    [report] = run(db, source, allow_private=False)
    assert report.failed.startswith("refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address")
    assert "NEWSBRIEF_ALLOW_PRIVATE_SOURCES=1" in report.failed
    assert httpserver.log == []


def test_redirect_to_a_private_address_is_refused(db, httpserver, monkeypatch):
    # 127.0.0.1 stands in for a public host here; the redirect's target, 127.0.0.2, is refused.
    monkeypatch.setattr(fetch_module, "refusal", lambda address: None if address == "127.0.0.1" else f"{address}, a private address")
    port = httpserver.port
    httpserver.expect_request("/jump").respond_with_data("", status=302, headers={"Location": f"http://127.0.0.2:{port}/x"})
    [report] = run(db, add(db, httpserver.url_for("/jump")), allow_private=False)
    assert report.failed.startswith("refused: 127.0.0.2 resolves to 127.0.0.2, a private address")
    assert [r.path for r, _ in httpserver.log] == ["/robots.txt", "/jump"]


def test_address_that_changes_after_the_check_is_refused_before_anything_is_sent(db, httpserver, monkeypatch):
    # DNS rebinding: the host looks public when checked, and the connection lands on a private address.
    # 127.0.0.1 passes the first check (standing in for the public answer) and is refused when it is the peer.
    verdicts = iter([None])
    monkeypatch.setattr(fetch_module, "refusal", lambda address: next(verdicts, f"{address}, a loopback address"))
    httpserver.expect_request("/feed.xml").respond_with_data("<rss/>")
    [report] = run(db, add(db, httpserver.url_for("/feed.xml")), allow_private=False)
    assert "127.0.0.1, a loopback address" in report.failed
    assert httpserver.log == []


@pytest.mark.parametrize(
    ("address", "refused"),
    [
        ("127.0.0.1", "127.0.0.1, a loopback address"),
        ("::1", "::1, a loopback address"),
        ("10.1.2.3", "10.1.2.3, a private address"),
        ("192.168.0.10", "192.168.0.10, a private address"),
        ("172.16.5.4", "172.16.5.4, a private address"),
        ("169.254.169.254", "169.254.169.254, a link-local address"),
        ("fe80::1", "fe80::1, a link-local address"),
        ("224.0.0.1", "224.0.0.1, a multicast address"),
        ("0.0.0.0", "0.0.0.0, a private address"),
        ("::ffff:10.0.0.1", "10.0.0.1, a private address"),
        ("100.64.0.1", "100.64.0.1, not a public address"),
        ("93.184.216.34", None),
        ("2606:2800:220:1:248:1893:25c8:1946", None),
    ],
)
def test_address_rule(address, refused):
    assert fetch_module.refusal(address) == refused


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/feed.xml", "gopher://x", "http://"])
def test_only_http_and_https_urls(db, url):
    with pytest.raises(fetch_module.FetchError):
        follow_source(db, url, 1800, allow_private=True)


def test_failing_source_backs_off_exponentially_up_to_six_hours_with_the_reason_kept(db, httpserver):
    httpserver.expect_request("/down.xml").respond_with_data("no", status=503)
    source = add(db, httpserver.url_for("/down.xml"), interval_s=1800)
    waits = []
    for _ in range(6):
        run(db, store.get_source(db, source.id))
        current = store.get_source(db, source.id)
        waits.append(datetime.fromisoformat(current.next_fetch) - NOW)
    assert waits == [timedelta(hours=h) for h in (1, 2, 4, 6, 6, 6)]
    assert current.failures == 6 and current.last_error == "HTTP 503 SERVICE UNAVAILABLE"
    httpserver.clear()
    without_robots_txt(httpserver)
    serve_harbour_site(httpserver)
    httpserver.expect_request("/down.xml").respond_with_data(fixture_text(httpserver, "harbour_feed.xml"), content_type="application/rss+xml")
    run(db, current)
    healed = store.get_source(db, source.id)
    assert (healed.failures, healed.last_error) == (0, None)
    assert datetime.fromisoformat(healed.next_fetch) - NOW == timedelta(minutes=30)


def test_sources_add_detects_a_feed_and_a_page(db, httpserver):
    feed_url = serve_harbour_site(httpserver)
    feed = follow_source(db, feed_url, 1800, allow_private=True)
    page = follow_source(db, httpserver.url_for("/news/ferry-terminal.html"), 3600, allow_private=True)
    assert (feed.kind, feed.title) == ("feed", "The Harbour Gazette")
    assert (page.kind, page.title) == ("page", "Council approves new ferry terminal")
    with pytest.raises(store.SourceError, match="already following"):
        follow_source(db, feed_url, 1800, allow_private=True)


def test_at_most_two_requests_per_host_at_a_time(db, httpserver, monkeypatch):
    in_flight: dict[str, int] = {}
    peak: dict[str, int] = {}
    original = fetch_module.Fetcher._one_request

    async def counting(self, url, headers):
        host = url.split("/")[2]
        in_flight[host] = in_flight.get(host, 0) + 1
        peak[host] = max(peak.get(host, 0), in_flight[host])
        try:
            await asyncio.sleep(0.05)  # hold the slot so that concurrent requests would overlap
            return await original(self, url, headers)
        finally:
            in_flight[host] -= 1

    monkeypatch.setattr(fetch_module.Fetcher, "_one_request", counting)
    sources = [add(db, serve_harbour_site(httpserver))]
    for i in range(4):
        serve_fixture(httpserver, f"/p{i}.html", "ferry_terminal.html")
        sources.append(add(db, httpserver.url_for(f"/p{i}.html"), kind="page"))
    run(db, *sources)
    assert peak == {f"127.0.0.1:{httpserver.port}": 2}


def test_storing_fetched_articles_takes_the_write_lock_before_it_reads(db, tmp_path) -> None:
    """Storing a fetch reads (is this URL known?) before it writes: begun DEFERRED, a commit from another
    connection in between (a digest being marked sent) fails it with BUSY_SNAPSHOT, never retried."""
    import sqlite3

    from briefings.models import FetchedArticle, SourceReport
    from briefings.store.fetch_sources import store_articles

    source = store.add_source(db, "http://127.0.0.1:9/feed.xml", "feed", None, 1800, datetime(2026, 1, 1, tzinfo=timezone.utc))
    article = FetchedArticle(
        url="http://127.0.0.1:9/a", outlet="The Harbour Gazette", title="Ferry fares rise",
        text="The harbour board raised ferry fares by 12 percent on Monday, the board said.", published="2026-01-01",
        text_origin="page",
    )
    other = sqlite3.connect(tmp_path / "newsbrief.db", timeout=0, isolation_level=None)
    other_writes: list[str] = []

    def commit_from_another_connection(sql: str) -> None:
        if sql.startswith("SELECT") and "FROM articles" in sql and not other_writes:
            try:
                other.execute("INSERT INTO subscriptions (chat_id, time, tz, start_date) VALUES (1, '08:00', 'UTC', '2026-01-01')")
                other_writes.append("committed")
            except sqlite3.OperationalError as exc:  # the store holds the write lock: what the fix does
                other_writes.append(str(exc))

    report = SourceReport(source_id=source.id, url=source.url)
    db.conn.set_trace_callback(commit_from_another_connection)
    try:
        store_articles(db, source.id, [article], report, lambda: datetime(2026, 1, 1, tzinfo=timezone.utc))
    finally:
        db.conn.set_trace_callback(None)
        other.close()
    assert other_writes == ["database is locked"]
    assert report.new == 1


@pytest.mark.parametrize(
    ("next_in", "failures", "due"),
    [
        (timedelta(minutes=-1), 0, True),  # its time has come
        (timedelta(minutes=29), 0, False),  # fetched a minute ago, every 30 minutes
        (timedelta(minutes=90), 0, True),  # fetched, then the wall clock was set back an hour
        (timedelta(days=1, minutes=30), 0, True),  # fetched while the wall clock was a day ahead
        (timedelta(minutes=110), 2, False),  # two failures: its backoff is 2 hours
        (timedelta(hours=7), 5, True),  # beyond the 6-hour backoff cap
    ],
)
def test_a_source_is_due_when_its_time_came_or_this_clock_could_not_have_scheduled_it(db, next_in, failures, due):
    source = add(db, "http://127.0.0.1:9/feed.xml")
    db.execute(
        "UPDATE sources SET next_fetch = ?, failures = ? WHERE id = ?",
        [(NOW + next_in).isoformat(timespec="seconds"), failures, source.id],
    )
    db.conn.commit()
    assert [s.id for s in store.due_sources(db, NOW)] == ([source.id] if due else [])
