"""Shared fixtures: a fresh database and a corpus folder per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefings.store import open_db

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "data" / "corpus" / "2024-11-ukraine-drones-trump-putin.txt"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A corpus folder holding a copy of the seed article."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    return folder


@pytest.fixture
def db(tmp_path: Path):
    database = open_db(tmp_path / "newsbrief.db")
    yield database
    database.close()
