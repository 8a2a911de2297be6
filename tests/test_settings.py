"""Settings: declared once, parsed with clear errors, documented in the README's table, read nowhere else."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from briefings.settings import Settings, SettingsError, specs

REPO = Path(__file__).resolve().parent.parent


def readme_settings_rows() -> list[tuple[str, str, str, str]]:
    section = (REPO / "README.md").read_text(encoding="utf-8").split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [tuple(cell.strip().strip("`") for cell in row.strip("|").split(" | ")) for row in rows]


def test_the_readme_table_lists_every_setting_as_the_code_declares_it() -> None:
    in_code = [(s.env, s.flag or "—", s.default, s.meaning) for s in specs()]
    assert readme_settings_rows() == in_code


def test_no_module_reads_the_environment_itself() -> None:
    """Settings come in through briefings/settings.py via the CLI; a stray os.environ would bypass --db."""
    readers = []
    for path in [*(REPO / "briefings").rglob("*.py"), *(REPO / "bot").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in {"environ", "getenv", "environb"}:
                readers.append(f"{path.relative_to(REPO)}:{node.lineno}")
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "load_dotenv":
                readers.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert readers == []


def test_defaults_when_nothing_is_given() -> None:
    settings = Settings.from_values({})
    assert settings == Settings()
    assert settings.db_path == Path("data/newsbrief.db") and settings.digest_interval == 30.0
    assert settings.admin_ids == frozenset() and settings.token == ""


def test_values_are_parsed_into_their_types() -> None:
    settings = Settings.from_values(
        {"admin_ids": " 12, 34,", "digest_interval": "0.5", "default_tz": "europe/madrid", "digest_senders": "2",
         "token": " 1:abc ", "db_path": "x.db", "api_base_url": "http://127.0.0.1:1/bot"}
    )
    assert settings.admin_ids == frozenset({12, 34}) and settings.digest_interval == 0.5
    assert settings.default_tz == "Europe/Madrid" and settings.digest_senders == 2
    assert settings.token == "1:abc" and settings.db_path == Path("x.db")


def test_blank_values_keep_the_default() -> None:
    assert Settings.from_values({"digest_interval": "  ", "db_path": ""}) == Settings()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("digest_interval", "-5", "NEWSBRIEF_DIGEST_INTERVAL (--digest-interval): expected a number of seconds above 0"),
        ("digest_interval", "abc", "expected a number of seconds, got 'abc'"),
        ("digest_interval", "nan", "got 'nan'"),
        ("digest_interval", "inf", "got 'inf'"),
        ("digest_interval", "1e9", "at most 86400"),
        ("admin_ids", "²", "NEWSBRIEF_ADMIN_IDS (--admin-ids): expected numeric Telegram user ids separated by commas, got '²'"),
        ("admin_ids", "-100", "got '-100'"),
        ("admin_ids", "alice", "got 'alice'"),
        ("db_path", ":memory:", "an in-memory database loses every subscription at exit"),
        ("concurrent_updates", "٣", "from 1 to 9999"),  # an Arabic-Indic digit: isdigit() but not ours
        ("default_tz", "Nowhere/Town", "use an IANA name"),
        ("api_base_url", "ftp://x", "http:// or https://"),
    ],
)
def test_a_bad_value_raises_one_line_naming_the_setting(name: str, value: str, message: str) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_values({name: value})
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_database_path_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="is a folder"):
        Settings.from_values({"db_path": str(tmp_path)})


def test_the_token_never_shows_in_repr() -> None:
    settings = Settings.from_values({"token": "123:secret"})
    assert "secret" not in repr(settings) and "123" not in repr(settings)


def test_every_setting_has_an_upper_case_variable_and_a_flag_named_like_it() -> None:
    for spec in specs():
        assert re.fullmatch(r"(NEWSBRIEF|TELEGRAM)_[A-Z_]+", spec.env)
        assert spec.flag is None or re.fullmatch(r"--[a-z][a-z-]+", spec.flag)
