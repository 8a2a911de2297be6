"""Where the database and the corpus live: flags first, then NEWSBRIEF_DB / NEWSBRIEF_CORPUS, then defaults."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB = Path("data/newsbrief.db")
DEFAULT_CORPUS = Path("data/corpus")


def db_path(flag: str | None = None) -> Path:
    return Path(flag or os.environ.get("NEWSBRIEF_DB") or DEFAULT_DB)


def corpus_path(flag: str | None = None) -> Path:
    return Path(flag or os.environ.get("NEWSBRIEF_CORPUS") or DEFAULT_CORPUS)


ALLOW_PRIVATE_SOURCES_ENV = "NEWSBRIEF_ALLOW_PRIVATE_SOURCES"


def allow_private_sources(environ: dict[str, str] | None = None) -> bool:
    """Whether sources may be on loopback or private addresses (tests, intranets): off unless set to 1."""
    env = os.environ if environ is None else environ
    return env.get(ALLOW_PRIVATE_SOURCES_ENV, "").strip().lower() in ("1", "true", "yes")
