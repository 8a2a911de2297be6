"""The fault campaign of the benchmark at tiny size: `python -m bench --tiny --only faults`.

No timing is asserted: that under 429s, 5xx, timeouts, slow sends, connection resets and a kill -9
with a restart, no digest message is lost and every duplicate falls in the documented window.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.bench


def test_fault_campaign_loses_nothing_and_every_duplicate_is_explained(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    env = {**os.environ, "NEWSBRIEF_BENCH_CACHE": str(tmp_path / "cache")}
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--tiny", "--only", "faults", "--out", str(out)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=150,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    by_name = {f["name"]: f for f in json.loads(out.read_text())["figures"]}
    assert by_name["faults 20: messages lost"]["value"] == 0, by_name
    assert by_name["faults 20: duplicates outside the documented window"]["value"] == 0, by_name
    assert by_name["faults 20: duplicates in flight at a kill -9 (worst kill)"]["ok"] is True
