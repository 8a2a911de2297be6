"""One story told once: /brief leads with the story most outlets carry, quotes shown once with every source,
one digest entry per story, /story N, and the export's url, outlet and story."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from briefings.store import sources as store
from briefings.store.fetch_sources import fetch_round
from briefings.views import render
from briefings.views.compose import compose_briefing, compose_digest
from briefings.views.export_json import export_articles
from tests.sources_server import serve_fixture, serve_harbour_site
from tests.telegram_html_check import check_telegram_html

NOW = datetime.now(timezone.utc)


def fetch_two_outlets(db, httpserver) -> None:
    """The Harbour Gazette (flood, ferry, quotas) and the Riverside Post (its own flood report + the wire copy)."""
    harbour = store.add_source(db, serve_harbour_site(httpserver), "feed", None, 1800, NOW)
    serve_fixture(httpserver, "/river.atom", "river_feed.atom")
    serve_fixture(httpserver, "/river/surge.html", "river_surge.html")
    river = store.add_source(db, httpserver.url_for("/river.atom"), "feed", None, 1800, NOW)
    reports = fetch_round(db, [harbour, river], allow_private=True)
    assert all(r.failed is None for r in reports), reports


def test_brief_leads_with_the_story_most_outlets_carry_and_names_the_others(db, httpserver):
    fetch_two_outlets(db, httpserver)
    view = compose_briefing(db, now=NOW)
    assert "Portmere" in view.lead.article.title
    assert {a.outlet for a in view.lead.articles} == {"The Harbour Gazette", "Riverside Post"}
    [html] = render.render_briefing(db)
    assert check_telegram_html(html) == []
    river = httpserver.url_for("/river/surge.html")
    flood = httpserver.url_for("/news/portmere-flood.html")
    assert f'Also reported by: <a href="{flood}">The Harbour Gazette</a>' in html or (
        f'Also reported by: <a href="{river}">Riverside Post</a>' in html
    )
    # The sea-wall quote was carried by both outlets: shown once, with both sources.
    assert html.count("<blockquote>“The water came over the sea wall") == 1
    assert (
        f'(reported by <a href="{flood}">The Harbour Gazette</a>, <a href="{river}">Riverside Post</a>)' in html
        or f'(reported by <a href="{river}">Riverside Post</a>, <a href="{flood}">The Harbour Gazette</a>)' in html
    )


def test_recency_decides_between_stories_carried_by_as_many_outlets(db, httpserver):
    fetch_two_outlets(db, httpserver)
    # A day later nothing is from the last 24 hours: the newest story leads.
    later = compose_briefing(db, now=NOW + timedelta(days=3))
    newest = max(a.published for a in later.lead.articles)
    assert all(newest >= (o.published or "") for o in later.others)


def test_digest_has_one_entry_per_story(db, httpserver):
    fetch_two_outlets(db, httpserver)
    stories = compose_digest(db, after_id=0, now=NOW)
    titles = [s.article.title for s in stories]
    assert len(titles) == 3  # flood (2 outlets, 2 articles), ferry, quotas
    assert sum("Portmere" in t for t in titles) == 1
    messages, newest = render.render_digest(db, 0)
    assert newest == max(s.newest_id for s in stories)
    assert all(check_telegram_html(m) == [] for m in messages)


def test_story_view_lists_articles_outlets_and_quotes(db, httpserver):
    fetch_two_outlets(db, httpserver)
    lead = compose_briefing(db, now=NOW).lead
    [html] = render.render_story(db, lead.story_id)
    assert check_telegram_html(html) == []
    assert f"Story {lead.story_id}: 2 articles" in html
    for article in lead.articles:
        assert f'<a href="{article.url}">{article.outlet}</a>' in html and f"/article {article.id}" in html
    assert "Harbour Master Tomas Lind" in html
    assert render.render_story(db, 9999) is None


def test_export_carries_url_outlet_and_story(db, httpserver):
    fetch_two_outlets(db, httpserver)
    exported = export_articles(db)["articles"]
    flood = [a for a in exported if "Portmere" in a["title"]]
    assert len(flood) == 2 and len({a["story"] for a in flood}) == 1
    assert {a["outlet"] for a in flood} == {"The Harbour Gazette", "Riverside Post"}
    assert all(a["url"].startswith("http://127.0.0.1:") for a in exported)


def test_outlet_names_and_urls_are_escaped_in_links(db, httpserver):
    page = (
        '<html><head><meta property="og:site_name" content="Fish &amp; &lt;Chips&gt; Weekly"></head><body><article>'
        "<h1>Harbour cafe reopens after flood</h1><p>The cafe on Quay Street reopened on Friday, 12 days after "
        "the flood, its owner said.</p><p>It had been closed since the storm surge of 17 November.</p></article></body></html>"
    )
    httpserver.expect_request("/cafe", query_string="a=1&b=2").respond_with_data(page, content_type="text/html")
    source = store.add_source(db, httpserver.url_for("/cafe") + "?a=1&b=2", "page", None, 1800, NOW)
    [report] = fetch_round(db, [source], allow_private=True)
    assert report.new == 1, report
    [html] = render.render_briefing(db)
    assert check_telegram_html(html) == []
    assert '?a=1&amp;b=2">Fish &amp; &lt;Chips&gt; Weekly</a>' in html


def test_an_article_built_from_the_feed_summary_says_so(db, httpserver):
    fetch_two_outlets(db, httpserver)
    [quota] = db.execute("SELECT id, story_id FROM articles WHERE title LIKE 'Fishing quota%'").fetchall()
    [html] = render.render_story(db, quota[1])
    assert "Fishing quota talks stall in Brussels (only the feed&#39;s summary)" in html
    assert "only the feed&#39;s summary (the page could not be fetched)" in render.render_article(db, quota[0])[0]
    flood = render.render_article(db, db.execute("SELECT id FROM articles WHERE url LIKE '%portmere-flood%'").fetchone()[0])
    assert "only the feed&#39;s summary" not in flood[0]
