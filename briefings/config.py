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
