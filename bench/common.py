"""Figures, results file, machine info and small statistics shared by the benchmark sections."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # tests.fake_bot_api / tests.bot_harness are imported from the repo, not installed
    sys.path.insert(0, str(REPO))


@dataclass
class Figure:
    """One measured figure beside the limit it is judged against (both measured or fixed in the same run)."""

    name: str
    value: float | None
    unit: str
    limit: float | None = None  # None: informational
    ok: bool | None = None
    detail: str = ""
    higher_is_better: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def judge(self) -> Figure:
        if self.limit is not None and self.value is not None and self.ok is None:
            self.ok = self.value >= self.limit if self.higher_is_better else self.value <= self.limit
        return self

    def as_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["limit_kind"] = None if self.limit is None else (">=" if self.higher_is_better else "<=")
        return d


@dataclass
class Sizes:
    name: str  # tiny | quick | full
    ingest: tuple[int, ...]
    ingest_reps: dict[int, int]  # end-to-end repetitions per size
    storage_reps: dict[int, int]  # repetitions of the storage transaction and of raw sqlite3 per size
    commands_articles: int
    subscribers: int
    command_reps: int  # per command; fewer for a command slower than 20 ms (a time budget per command)
    fanout: int
    fanout_rate: float  # the fake server's limit (Telegram's 30/s scaled up) and the bot's overall_per_second
    startup_reps: int


SIZES = {
    "tiny": Sizes("tiny", (20,), {20: 1}, {20: 2}, 20, 20, 5, 20, 300.0, 1),
    "quick": Sizes("quick", (1000, 5000), {1000: 2, 5000: 1}, {1000: 3, 5000: 1}, 5000, 10_000, 60, 1000, 300.0, 2),
    "full": Sizes("full", (1000, 10_000, 100_000), {1000: 3, 10_000: 2, 100_000: 1}, {1000: 3, 10_000: 2, 100_000: 1}, 100_000, 10_000, 300, 10_000, 300.0, 3),
}


def tail_name(samples: int) -> str:
    """What a p99 of `samples` values is: under 100 samples the nearest-rank p99 is simply the maximum."""
    return f"p99 of {samples:,}" if samples >= 100 else f"max of {samples:,} (too few for a p99)"


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def median(values: list[float]) -> float:
    return statistics.median(values)


def machine_info() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import telegram

        ptb = telegram.__version__
    except Exception:  # pragma: no cover
        ptb = "?"
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    return {
        "cpu_model": model or platform.processor(),
        "cores": os.cpu_count(),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "python_telegram_bot": ptb,
        "platform": platform.platform(),
        "loadavg_at_start": load,
    }


def proc_cpu_seconds(pid: int) -> float:
    """utime+stime of a whole process (all threads) from /proc, in seconds (10 ms resolution)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def proc_status_kb(pid: int, key: str) -> int | None:
    """A `VmHWM`-style field of /proc/PID/status in kB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def write_results(path: Path, figures: list[Figure], meta: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps({**meta, "figures": [f.as_json() for f in figures]}, indent=2, ensure_ascii=False) + "\n")
    tmp.replace(path)


def fmt(value: float | None) -> str:
    if value is None:
        return "—"
    if value == 0:
        return "0"
    a = abs(value)
    if a >= 1000:
        return f"{value:,.0f}"
    if a >= 100:
        return f"{value:.0f}"
    if a >= 10:
        return f"{value:.1f}"
    if a >= 0.1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def table(figures: list[Figure]) -> str:
    rows = [("figure", "value", "limit", "ok")]
    for f in figures:
        limit = "—" if f.limit is None else ("≥ " if f.higher_is_better else "≤ ") + fmt(f.limit)
        ok = "—" if f.ok is None else ("ok" if f.ok else "MISS")
        rows.append((f.name, f"{fmt(f.value)} {f.unit}".strip(), f"{limit} {f.unit if f.limit is not None else ''}".strip(), ok))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


class Stopwatch:
    def __enter__(self) -> Stopwatch:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start
