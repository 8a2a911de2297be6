"""`newsbrief sources ...` and `newsbrief fetch` against a local server, as an operator would run them."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from briefings.cli import main
from briefings.store.schema import open_db
from briefings.store.sources import add_source
from tests.sources_server import serve_harbour_site


@pytest.fixture
def run(tmp_path: Path, corpus: Path, capsys, monkeypatch):
    monkeypatch.setenv("NEWSBRIEF_DB", str(tmp_path / "cli.db"))
    monkeypatch.setenv("NEWSBRIEF_CORPUS", str(corpus))
    monkeypatch.setenv("NEWSBRIEF_ALLOW_PRIVATE_SOURCES", "1")

    def invoke(*args: str) -> tuple[int, str, str]:
        status = main(list(args))
        out, err = capsys.readouterr()
        return status, out, err

    return invoke


def test_add_fetch_fetch_again_list_and_remove(run, httpserver):
    feed = serve_harbour_site(httpserver)
    status, out, _ = run("sources", "add", feed, "--every", "2h")
    assert (status, out) == (0, f"added #1: feed {feed} (The Harbour Gazette), every 2h\n")
    status, out, _ = run("fetch")
    assert (status, out) == (0, f"#1 {feed}: 3 new, 0 updated, 0 unchanged\n")
    status, out, _ = run("fetch")
    assert (status, out) == (0, f"#1 {feed}: 0 new, 0 updated, 3 unchanged (not modified)\n")
    status, out, _ = run("sources", "list")
    assert status == 0 and f"#1 feed · every 2h · {feed} — The Harbour Gazette" in out and "ok, last fetched" in out
    status, out, _ = run("sources", "remove", "1")
    assert (status, out) == (0, f"removed #1: {feed} (its articles stay)\n")
    status, out, _ = run("sources", "list")
    assert "No sources yet" in out


def test_fetch_exits_1_and_names_the_failing_source(run, httpserver):
    feed = serve_harbour_site(httpserver)
    httpserver.expect_request("/gone.xml").respond_with_data("", status=404)
    run("sources", "add", feed)
    db = open_db(os.environ["NEWSBRIEF_DB"])  # a source that was fine when added and is gone now
    add_source(db, httpserver.url_for("/gone.xml"), "feed", None, 1800, datetime.now(timezone.utc))
    db.close()
    status, out, _ = run("fetch")
    assert status == 1
    assert f"#1 {feed}: 3 new, 0 updated, 0 unchanged" in out
    assert f"#2 {httpserver.url_for('/gone.xml')}: failed: HTTP 404 NOT FOUND (next try in 1h)" in out
    status, out, _ = run("fetch", "--source", "1")
    assert status == 0 and "#2" not in out
    status, out, _ = run("sources", "list")
    assert "failing (1 in a row): HTTP 404 NOT FOUND" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("sources", "add", "ftp://example.org/feed"), "only http and https"),
        (("sources", "add", "http://127.0.0.1:9/feed.xml", "--every", "soon"), "interval must look like 30m"),
        (("sources", "remove", "x"), "source ID must be a number"),
        (("sources", "remove", "7"), "no source with ID 7"),
        (("fetch", "--source", "7"), "no source with ID 7"),
    ],
)
def test_bad_arguments_say_what_is_expected(run, args, message):
    status, _, err = run(*args)
    assert status != 0 and message in err


def test_private_address_refused_without_the_opt_in(run, httpserver, monkeypatch):
    monkeypatch.delenv("NEWSBRIEF_ALLOW_PRIVATE_SOURCES")
    status, _, err = run("sources", "add", serve_harbour_site(httpserver))
    assert status == 1 and "refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address" in err
    assert httpserver.log == []


def test_opml_import_and_export_round_trip(run, tmp_path):
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>'
        '<outline text="News"><outline text="Harbour" title="The Harbour Gazette" type="rss" '
        'xmlUrl="https://harbour.example/feed.xml"/><outline text="Bad" xmlUrl="javascript:alert(1)"/></outline>'
        '<outline text="Riverside" xmlUrl="https://river.example/atom"/></body></opml>'
    )
    status, out, err = run("sources", "import", str(opml))
    assert (status, out) == (0, "imported: 2, skipped: 1\n") and "javascript:alert(1)" in err
    status, out, _ = run("sources", "export")
    assert 'title="The Harbour Gazette" type="rss" xmlUrl="https://harbour.example/feed.xml"' in out
    assert 'xmlUrl="https://river.example/atom"' in out
    again = tmp_path / "again.opml"
    again.write_text(out)
    status, out, err = run("sources", "import", str(again))
    assert out == "imported: 0, skipped: 2\n" and "already following" in err


def test_import_of_a_file_that_is_not_opml(run, tmp_path):
    bad = tmp_path / "bad.opml"
    bad.write_text("<html><body>no</body></html>")
    status, _, err = run("sources", "import", str(bad))
    assert status == 1 and "not OPML" in err
