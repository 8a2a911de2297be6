"""The benchmark suite still runs: `python -m bench --tiny` end to end (20 articles, 20 subscribers).

No timing is asserted - only that every section ran and produced figures of sane structure,
and that the digest fan-out lost and duplicated nothing.
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

SECTIONS_PREFIXES = ("ingest 20:", "/brief", "/quotes", "/search typical", "/search common", "/digest", "fan-out", "start-up")


def test_bench_tiny_runs_and_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    env = {**os.environ, "NEWSBRIEF_BENCH_CACHE": str(tmp_path / "cache")}
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--tiny", "--out", str(out)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=90,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "figure" in proc.stdout and "limit" in proc.stdout  # the table was printed

    results = json.loads(out.read_text())
    assert results["mode"] == "tiny"
    assert results["errors"] == {}
    machine = results["machine"]
    assert machine["cores"] >= 1 and machine["sqlite"] and machine["python"]
    assert results["command"].startswith("python -m bench")

    figures = results["figures"]
    names = [f["name"] for f in figures]
    for prefix in SECTIONS_PREFIXES:
        assert any(n.startswith(prefix) for n in names), (prefix, names)
    for f in figures:
        assert set(f) >= {"name", "value", "unit", "limit", "ok", "detail"}, f
        assert isinstance(f["value"], (int, float)) and f["value"] >= 0, f
        if f["limit"] is not None:
            assert isinstance(f["ok"], bool), f

    by_name = {f["name"]: f for f in figures}
    assert by_name["fan-out 20: messages lost"]["value"] == 0
    assert by_name["fan-out 20: messages duplicated"]["value"] == 0
    uncapped = [f for f in figures if "uncapped" in f["name"]]
    assert len(uncapped) == 3 and all(f["extra"]["lost"] == 0 and f["extra"]["dups"] == 0 for f in uncapped)
    e2e = by_name["ingest 20: load_corpus end to end"]
    assert e2e["extra"]["loaded"] == 20 and e2e["extra"]["failed"] == 0
