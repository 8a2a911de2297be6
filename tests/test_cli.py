"""The `newsbrief` command: the views, the export schema, exit statuses, and the database it makes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from click.testing import CliRunner

from briefings.cli import cli
from briefings.settings import specs
from briefings.store.schema import SCHEMA_VERSION, open_db
from tests.telegram_html_check import check_telegram_html

# Nothing from the environment of the test run reaches the command unless a test says so.
NO_ENV = {spec.env: None for spec in specs()}


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={**NO_ENV, **(env or {})}, prog_name="newsbrief")
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def run(tmp_path: Path, corpus: Path):
    """`newsbrief --db … --corpus … ARGS` on a database of the test's own."""

    def run_with_flags(*args: str) -> tuple[int, str, str]:
        return invoke("--db", str(tmp_path / "cli.db"), "--corpus", str(corpus), *args)

    return run_with_flags


def test_brief_loads_an_empty_database_first_and_prints_the_seed_briefing(run) -> None:
    status, out, err = run("brief")
    assert status == 0 and "loaded: 1" in err
    assert out.startswith("📰 Russia and Ukraine launched notable drone attacks")
    for figure in ("34 Ukrainian drones", "36 drones", "145 Russian drones", "62 of the 145"):
        assert figure in out
    assert "— Dmitri Peskov, the spokesman for the Russian presidency" in out
    assert "— Dr. Elena Vasilyeva, International Relations Expert" in out
    for artifact in ("“>", " y ", "Trumpthe", "You may be interested", "Related", "<b>"):
        assert artifact not in out


def test_brief_html_is_valid_telegram_html(run) -> None:
    status, out, _ = run("brief", "--format", "html")
    messages = out.rstrip("\n").split("\n\f\n")
    assert status == 0 and messages[0].startswith("📰 <b>")
    assert all(check_telegram_html(m) == [] for m in messages)


def test_long_output_is_split_by_form_feed_lines(run) -> None:
    status, out, _ = run("article", "1", "--format", "html")
    messages = out.rstrip("\n").split("\n\f\n")
    assert status == 0 and len(messages) == 2
    assert all(len(m) <= 4096 and check_telegram_html(m) == [] for m in messages)


def test_export_json_schema(run) -> None:
    status, out, _ = run("export", "--format", "json")
    [article] = json.loads(out)["articles"]
    assert set(article) == {
        "id", "title", "source", "published", "url", "outlet", "story", "facts", "quotes", "people"
    }
    assert (article["url"], article["outlet"], article["story"]) == (None, "2024-11-ukraine-drones-trump-putin.txt", 1)
    assert {"34", "36", "145", "62"} <= {n for f in article["facts"] for n in f["numbers"]}
    assert all(set(f) == {"text", "numbers", "sentence"} for f in article["facts"])
    assert all(set(q) == {"speaker", "role", "text", "kind", "sentence", "cue", "speaker_mention"} for q in article["quotes"])
    assert peskov_cue(article["quotes"]) == ("Dmitri Peskov", "said the spokesman for the Russian presidency, Dmitri Peskov, in an interview with state media")
    assert {q["kind"] for q in article["quotes"]} == {"direct", "partial", "interview"}
    peskov = [q for q in article["quotes"] if q["speaker"] == "Dmitri Peskov"]
    assert peskov[0]["kind"] == "direct" and peskov[0]["text"].startswith("The signs are positive.")
    assert any(q["speaker"] == "Dr. Elena Vasilyeva" and q["kind"] == "interview" for q in article["quotes"])
    assert not any(q["speaker"] and "Editor" in q["speaker"] for q in article["quotes"])
    vasilyeva = next(p for p in article["people"] if p["name"] == "Dr. Elena Vasilyeva")
    assert vasilyeva["role"] == "International Relations Expert" and "Dr. Vasilyeva" in vasilyeva["aliases"]


def test_quotes_search_facts_people_views(run) -> None:
    assert "Dmitri Peskov" in run("quotes", "peskov")[1]
    assert "Known speakers" in run("quotes", "nobody")[1]
    assert "airports" in run("search", "airports")[1]
    assert "Nothing found" in run("search", '"(zzyzx* NEAR')[1]  # FTS5 syntax is taken as words
    assert "[34, February 24, 2022]" in run("facts")[1]
    assert "Volodimir Zelensky — Ukrainian President" in run("people")[1]


def test_article_with_a_bad_or_unknown_id(run) -> None:
    status, _, err = run("article", "x1")
    assert status == 2 and "must be a number" in err
    status, _, err = run("article", "99")
    assert status == 1 and "no article with ID 99" in err


def test_load_exit_status_says_whether_anything_failed(run, corpus: Path) -> None:
    assert run("load")[0] == 0
    (corpus / "bad.txt").write_bytes(b"\x00\x01")
    status, out, _ = run("load")
    assert status == 1
    assert out.splitlines()[:4] == ["loaded: 0", "unchanged: 1", "removed: 0", "failed: 1"]
    assert "bad.txt: binary file" in out


def test_schema_is_created_by_migrations_and_reopening_is_harmless(tmp_path: Path) -> None:
    db = open_db(tmp_path / "s.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"articles", "sentences", "facts", "quotes", "people", "subscriptions", "deliveries", "articles_fts"} <= set(
        db.table_names() + db.view_names()
    )
    db.close()
    again = open_db(tmp_path / "s.db")
    assert again.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_an_older_schema_is_upgraded_in_place(tmp_path: Path) -> None:
    import sqlite_utils

    from briefings.store import schema as store

    old = sqlite_utils.Database(tmp_path / "old.db")
    store.MIGRATIONS[0](old)
    old.execute("PRAGMA user_version = 1")
    old["articles"].insert(
        {"path": "/x.txt", "content_hash": "h", "size": 1, "mtime_ns": 1, "title": "T", "raw_text": "r",
         "clean_text": "c", "loaded_at": "2026-01-01"}
    )
    old.close()
    db = open_db(tmp_path / "old.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("SELECT title FROM articles").fetchall() == [("T",)]
    assert "subscriptions" in db.table_names()


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    import sqlite_utils

    newer = sqlite_utils.Database(tmp_path / "new.db")
    newer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    newer.close()
    with pytest.raises(RuntimeError, match="newer than this newsbrief"):
        open_db(tmp_path / "new.db")


def test_quotes_match_the_start_of_name_words(run) -> None:
    assert "Dmitri Peskov" in run("quotes", "pesk")[1]  # a prefix of a name word
    assert "Dr. Elena Vasilyeva" in run("quotes", "elena", "vasil")[1]  # every word must match
    assert "Known speakers" in run("quotes", "eskov")[1]  # not a word start
    assert "Known speakers" in run("quotes", '"*)(')[1]  # FTS5 syntax is no name


def test_flags_win_over_the_environment_for_every_command(tmp_path: Path, corpus: Path) -> None:
    env = {"NEWSBRIEF_DB": str(tmp_path / "env.db"), "NEWSBRIEF_CORPUS": str(tmp_path / "missing")}
    status, _, err = invoke("--db", str(tmp_path / "flag.db"), "--corpus", str(corpus), "brief", env=env)
    assert status == 0 and "loaded: 1" in err
    assert (tmp_path / "flag.db").is_file() and not (tmp_path / "env.db").exists()


def test_the_environment_is_read_when_no_flag_is_given(tmp_path: Path, corpus: Path) -> None:
    status, out, _ = invoke("people", env={"NEWSBRIEF_DB": str(tmp_path / "env.db"), "NEWSBRIEF_CORPUS": str(corpus)})
    assert status == 0 and "Dmitri Peskov" in out
    assert (tmp_path / "env.db").is_file()


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        ((), {"NEWSBRIEF_DIGEST_INTERVAL": "-5"}, "NEWSBRIEF_DIGEST_INTERVAL (--digest-interval): expected"),
        ((), {"NEWSBRIEF_DIGEST_INTERVAL": "abc"}, "expected a number of seconds, got 'abc'"),
        ((), {"NEWSBRIEF_DIGEST_INTERVAL": "nan"}, "got 'nan'"),
        ((), {"NEWSBRIEF_DIGEST_INTERVAL": "inf"}, "got 'inf'"),
        (("--digest-interval", "0"), {}, "got '0'"),
        ((), {"NEWSBRIEF_ADMIN_IDS": "²"}, "NEWSBRIEF_ADMIN_IDS (--admin-ids): expected numeric Telegram user ids"),
        ((), {"NEWSBRIEF_ADMIN_IDS": "12,@alice"}, "got '@alice'"),
        ((), {"NEWSBRIEF_DB": ":memory:"}, "NEWSBRIEF_DB (--db): an in-memory database"),
        ((), {"NEWSBRIEF_DEFAULT_TZ": "Mars/Olympus"}, "NEWSBRIEF_DEFAULT_TZ (--default-tz): “Mars/Olympus” is not"),
        ((), {"TELEGRAM_API_BASE_URL": "api.telegram.org"}, "expected an http:// or https:// address"),
        ((), {"NEWSBRIEF_DIGEST_SENDERS": "0"}, "from 1 to 9999, got '0'"),
    ],
)
def test_a_bad_setting_is_one_line_and_status_2_for_any_command(args, env, expected) -> None:
    for command in (["brief"], ["run"]):
        status, out, err = invoke(*args, *command, env=env)
        assert status == 2 and out == ""
        assert expected in err and err.startswith("newsbrief: ")
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_database_path_that_is_a_folder_is_refused_in_one_line(tmp_path: Path) -> None:
    status, _, err = invoke("--db", str(tmp_path), "search", "x")
    assert status == 2 and err.strip() == f"newsbrief: NEWSBRIEF_DB (--db): {tmp_path} is a folder; give a file path inside it"


def test_a_database_that_cannot_be_opened_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    status, _, err = invoke("--db", str(tmp_path / "file" / "x.db"), "brief")
    assert status == 2 and err.startswith("newsbrief: cannot open the database") and len(err.splitlines()) == 1


def test_dotenv_fills_in_below_the_environment(tmp_path: Path, corpus: Path, monkeypatch) -> None:
    from briefings.cli import main

    (tmp_path / ".env").write_text(
        f"NEWSBRIEF_DB={tmp_path / 'dotenv.db'}\nNEWSBRIEF_CORPUS={corpus}\nNEWSBRIEF_DIGEST_INTERVAL=abc\n"
    )
    monkeypatch.chdir(tmp_path)
    for spec in specs():
        monkeypatch.delenv(spec.env, raising=False)
    monkeypatch.setenv("NEWSBRIEF_DIGEST_INTERVAL", "15")  # the real environment wins over .env
    assert main(["people"]) == 0
    assert (tmp_path / "dotenv.db").is_file()
    monkeypatch.delenv("NEWSBRIEF_DIGEST_INTERVAL")
    assert main(["people"]) == 2  # now .env's bad value is the one read


def test_usage_errors_name_what_is_expected(run) -> None:
    status, _, err = run("search")
    assert status == 2 and "Missing argument 'WORDS...'" in err
    status, _, err = run("brief", "--format", "pdf")
    assert status == 2 and "'pdf' is not one of 'text', 'html'" in err


def test_run_uses_the_db_and_corpus_flags(api, tmp_path: Path, corpus: Path) -> None:
    """`newsbrief --db X run` serves from X, not from NEWSBRIEF_DB or data/newsbrief.db (it used to ignore --db)."""
    import os
    import signal
    import subprocess
    import sys

    from tests.test_bot_commands import ask
    from tests.test_bot_process import wait_until

    env = {k: v for k, v in os.environ.items() if k not in {s.env for s in specs()}}
    env.update(TELEGRAM_BOT_TOKEN=api.token, NEWSBRIEF_DB=str(tmp_path / "decoy.db"))
    flags = ["--db", str(tmp_path / "x.db"), "--corpus", str(corpus), "--api-base-url", api.base_url, "--admin-ids", "42"]
    command = [sys.executable, "-c", "from briefings.cli import main; raise SystemExit(main())", *flags, "run"]
    proc = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until(lambda: api.calls("getUpdates"), proc)
        assert "Dmitri Peskov" in ask(api, "/quotes peskov")
        assert "articles: 1" in ask(api, "/stats", chat_id=42)
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert (tmp_path / "x.db").is_file() and not (tmp_path / "decoy.db").exists()
    assert not (tmp_path / "data").exists()  # the default data/newsbrief.db was never made


@pytest.mark.e2e  # newsbrief as a child process: a fresh interpreter is the only honest sys.modules
@pytest.mark.parametrize("command", [["search", "drones"], ["people"], ["--help"]])
def test_commands_that_do_not_extract_do_not_import_the_extractor(tmp_path: Path, corpus: Path, command) -> None:
    import subprocess
    import sys

    assert invoke("--db", str(tmp_path / "x.db"), "--corpus", str(corpus), "load")[0] == 0
    script = (
        "import sys; from briefings.cli import main; main(sys.argv[1:]); "
        "print(sorted(m for m in sys.modules if m.startswith(('briefings.extract', 'briefings.store.load_corpus', 'telegram'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, "--db", str(tmp_path / "x.db"), *command],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
    ).stdout
    assert out.splitlines()[-1] == "[]"


def peskov_cue(quotes: list[dict]) -> tuple[str, str]:
    """The name that attributed the seed's Peskov quote and the words that did."""
    peskov = next(q for q in quotes if q["speaker"] == "Dmitri Peskov")
    return peskov["speaker_mention"], peskov["cue"]


def test_a_token_on_the_command_line_is_refused_and_not_echoed(run) -> None:
    # A command line shows in `ps` to every user of the machine: the token comes from the environment or .env.
    code, out, err = run("--token", "123456:SECRET-on-the-command-line", "brief")
    assert code == 2
    assert "TELEGRAM_BOT_TOKEN" in err and ".env" in err
    assert "SECRET" not in out + err
