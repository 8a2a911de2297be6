"""robots.txt: read once per site and round, obeyed for feeds and pages, and an unreadable one fetches nothing."""

from __future__ import annotations

import pytest

from briefings.sources.robots import allowed, parse_robots, robots_url
from briefings.store import sources as store
from tests.sources_server import serve_harbour_site
from tests.test_sources_fetch import add, articles, run

RULES = """\
User-agent: *
Disallow: /

User-agent: newsbrief
Disallow: /news/archive/
Allow: /news/archive/today.html
"""


@pytest.mark.parametrize(
    ("rules", "url", "expected"),
    [
        (RULES, "https://gazette.example/feed.xml", True),  # our own group replaces the `*` one
        (RULES, "https://gazette.example/news/archive/1999.html", False),
        (RULES, "https://gazette.example/news/archive/today.html", True),  # the longer Allow wins
        ("User-agent: *\nDisallow: /\n", "https://gazette.example/feed.xml", False),
        ("User-agent: otherbot\nDisallow: /\n", "https://gazette.example/feed.xml", True),
        ("", "https://gazette.example/anything", True),
        ("this is not a robots file\n\x00\x01", "https://gazette.example/a", True),
    ],
)
def test_rules(rules, url, expected):
    assert allowed(parse_robots(rules.encode()), url) is expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://gazette.example/news/a.html?x=1", "https://gazette.example/robots.txt"),
        ("http://gazette.example:8080/feed.xml", "http://gazette.example:8080/robots.txt"),
    ],
)
def test_one_robots_file_per_scheme_host_and_port(url, expected):
    assert robots_url(url) == expected


def test_disallowed_pages_are_not_requested_and_the_feed_summary_stands_in(db, httpserver):
    httpserver.clear()
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /news/\n")
    [report] = run(db, add(db, serve_harbour_site(httpserver)))
    assert [r.path for r, _ in httpserver.log] == ["/robots.txt", "/feed.xml"]  # one robots.txt for four URLs
    # Items with a summary in the feed keep it, marked as such; nothing of the pages was fetched.
    assert report.failed is None and report.new == 3
    assert {a["text_origin"] for a in articles(db)} == {"feed summary"}


def test_unreadable_robots_file_fetches_nothing_and_says_why(db, httpserver):
    httpserver.clear()
    httpserver.expect_request("/robots.txt").respond_with_data("busy", status=503)
    source = add(db, serve_harbour_site(httpserver))
    [report] = run(db, source)
    assert report.failed.startswith("HTTP 503 SERVICE UNAVAILABLE (reading http://127.0.0.1:")
    assert "/robots.txt: nothing is fetched from the site until it can be read)" in report.failed
    assert [r.path for r, _ in httpserver.log] == ["/robots.txt"]
    assert store.get_source(db, source.id).failures == 1 and articles(db) == []


def test_a_source_the_site_disallows_is_refused_with_the_reason(db, httpserver):
    httpserver.clear()
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: newsbrief\nDisallow: /\n")
    [report] = run(db, add(db, serve_harbour_site(httpserver)))
    assert report.failed.endswith("/robots.txt does not allow newsbrief to fetch this URL")
    assert [r.path for r, _ in httpserver.log] == ["/robots.txt"]
