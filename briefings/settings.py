"""Every setting, declared once: flag, environment variable, default and meaning, read at start and passed down.

To add a setting, add one field to `Settings` with `setting(...)` and one row to the README's settings
table (tests/test_settings.py keeps the two in step). The `newsbrief` command grows its flag by itself.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

TELEGRAM_API = "https://api.telegram.org/bot"


class SettingsError(ValueError):
    """A setting that cannot work; the message is the one line shown to the operator."""


def setting(env: str, default: Any, meaning: str, parse: Callable[[str], Any], flag: str | None = None, **kw: Any) -> Any:
    """A dataclass field that also says where its value comes from and what it means."""
    return field(default=default, metadata={"env": env, "flag": flag, "meaning": meaning, "parse": parse}, **kw)


def parse_db_path(text: str) -> Path:
    if text.strip() == ":memory:":
        raise ValueError("an in-memory database loses every subscription at exit; give a file path")
    return Path(text)


def parse_folder(text: str) -> Path:
    return Path(text)


def parse_token(text: str) -> str:
    return text.strip()


def parse_url(text: str) -> str:
    url = text.strip()
    if not re.match(r"https?://[^\s/]+", url):
        raise ValueError("expected an http:// or https:// address")
    return url


def parse_admin_ids(text: str) -> frozenset[int]:
    """Comma-separated numeric user ids; a username here would be a security hole, so it is refused."""
    ids = set()
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        # ASCII digits only: str.isdigit() also accepts "²", which int() then refuses.
        if not re.fullmatch(r"[0-9]{1,20}", part):
            raise ValueError(f"expected numeric Telegram user ids separated by commas, got {part!r}")
        ids.add(int(part))
    return frozenset(ids)


def parse_zone_name(text: str) -> str:
    from briefings.store.subscriptions import SubscriptionError, parse_zone

    try:
        return parse_zone(text)
    except SubscriptionError as exc:
        raise ValueError(f"{exc}; use an IANA name such as Europe/Madrid") from None


def parse_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"expected a number of seconds, got {text!r}") from None
    if not math.isfinite(value) or value <= 0 or value > 86400:
        raise ValueError(f"expected a number of seconds above 0 and at most 86400, got {text!r}")
    return value


def parse_rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"expected messages per second, got {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"expected a positive number of messages per second, got {text!r}")
    return value


def parse_switch(text: str) -> bool:
    value = text.strip().lower()
    if value not in ("0", "1", "true", "false", "yes", "no"):
        raise ValueError(f"expected 1 or 0, got {text!r}")
    return value in ("1", "true", "yes")


def parse_count(text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,4}", text.strip()) or int(text) == 0:
        raise ValueError(f"expected a whole number from 1 to 9999, got {text!r}")
    return int(text)


@dataclass(frozen=True)
class Settings:
    """What the process was told at start: one object, passed to whatever needs a part of it."""

    db_path: Path = setting("NEWSBRIEF_DB", Path("data/newsbrief.db"), "SQLite database file", parse_db_path, "--db")
    corpus_path: Path = setting(
        "NEWSBRIEF_CORPUS", Path("data/corpus"), "folder of article files (.txt)", parse_folder, "--corpus"
    )
    token: str = setting(
        "TELEGRAM_BOT_TOKEN", "", "the bot's token from BotFather; `run` needs it; never logged",
        parse_token, repr=False,  # never printed, not even by repr(); no flag: a command line shows in `ps`
    )
    api_base_url: str = setting(
        "TELEGRAM_API_BASE_URL", TELEGRAM_API, "Bot API address (the token and method are appended)",
        parse_url, "--api-base-url",
    )
    admin_ids: frozenset[int] = setting(
        "NEWSBRIEF_ADMIN_IDS", frozenset(), "comma-separated numeric Telegram user ids allowed admin commands",
        parse_admin_ids, "--admin-ids",
    )
    default_tz: str = setting(
        "NEWSBRIEF_DEFAULT_TZ", "UTC", "time zone for /subscribe without one", parse_zone_name, "--default-tz"
    )
    digest_interval: float = setting(
        "NEWSBRIEF_DIGEST_INTERVAL", 30.0, "seconds between looks at who is due a digest",
        parse_seconds, "--digest-interval",
    )
    concurrent_updates: int = setting(
        "NEWSBRIEF_CONCURRENT_UPDATES", 8, "updates handled at once", parse_count, "--concurrent-updates"
    )
    chat_send_rate: float = setting(
        "NEWSBRIEF_CHAT_SEND_RATE", 1.0, "messages per second to one private chat, in bursts of 3 (Telegram: about 1)",
        parse_rate, "--chat-send-rate",
    )
    digest_senders: int = setting(
        "NEWSBRIEF_DIGEST_SENDERS", 8, "Bot connections sharing the digest fan-out", parse_count, "--digest-senders"
    )
    allow_private_sources: bool = setting(
        "NEWSBRIEF_ALLOW_PRIVATE_SOURCES", False,
        "1 lets sources be on loopback or private addresses (tests, intranets); refused otherwise", parse_switch,
    )
    fetch_interval: float = setting(
        "NEWSBRIEF_FETCH_INTERVAL", 60.0, "seconds between looks at which sources are due a fetch",
        parse_seconds, "--fetch-interval",
    )

    @classmethod
    def from_values(cls, values: Mapping[str, str | None]) -> Settings:
        """Settings from raw strings keyed by field name; None or blank keeps the default."""
        chosen = {}
        for f in fields(cls):
            text = values.get(f.name)
            if text is None or not str(text).strip():
                continue
            try:
                chosen[f.name] = f.metadata["parse"](str(text))
            except ValueError as exc:
                raise SettingsError(f"{describe(f.name)}: {exc}") from None
        settings = cls(**chosen)
        if settings.db_path.is_dir():
            raise SettingsError(f"{describe('db_path')}: {settings.db_path} is a folder; give a file path inside it")
        return settings


@dataclass(frozen=True)
class SettingSpec:
    """One row of the settings table, as `--help`, the README and the CLI show it."""

    name: str
    env: str
    flag: str | None
    default: str
    meaning: str


def specs() -> list[SettingSpec]:
    return [
        SettingSpec(f.name, f.metadata["env"], f.metadata["flag"], _shown(f.default), f.metadata["meaning"])
        for f in fields(Settings)
    ]


def describe(name: str) -> str:
    """`NEWSBRIEF_DB (--db)`: how an error message names a setting."""
    f = next(f for f in fields(Settings) if f.name == name)
    flag = f.metadata["flag"]
    return f"{f.metadata['env']} ({flag})" if flag else f.metadata["env"]


def _shown(default: Any) -> str:
    if default in ("", frozenset()):
        return "none"
    if isinstance(default, float) and default.is_integer():
        return str(int(default))
    return str(default)
