"""newsbrief benchmark suite: `python -m bench [--quick | --tiny] [--only ingest|commands|fanout|faults|startup|quality|briefs|sources] [--out PATH]`.

Measures the real code paths (load_corpus, the Application with its handlers and digest job, against the
FakeBotApi on 127.0.0.1) and prints each figure beside its limit; writes bench/results.json.
Generated corpora and their databases are cached in bench/.cache/ (per seed and size).
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

from bench.common import SIZES, Figure, machine_info, table, write_results

SECTIONS = ("ingest", "commands", "fanout", "faults", "startup", "quality", "briefs", "sources")
# `quality` and `briefs` need the dev set, which lives outside the repository: they run only when asked for.
DEFAULT_SECTIONS = tuple(s for s in SECTIONS if s not in ("quality", "briefs"))
DEFAULT_OUT = Path(__file__).resolve().parent / "results.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="small sizes, under a minute")
    size.add_argument("--tiny", action="store_true", help="20 articles / 20 subscribers: checks the suite runs")
    parser.add_argument("--only", choices=SECTIONS, action="append", help="run only this section (repeatable)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="results JSON (default bench/results.json)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--eval", type=Path, help="dev-set folder for --only quality/briefs (default ../shared/eval)")
    args = parser.parse_args(argv)
    if args.eval:
        os.environ["NEWSBRIEF_EVAL"] = str(args.eval)
    sizes = SIZES["tiny" if args.tiny else "quick" if args.quick else "full"]
    # The fault campaign restarts the bot several times: --tiny (the smoke test) runs it only when asked.
    sections = args.only or [s for s in DEFAULT_SECTIONS if not (args.tiny and s == "faults")]

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    meta = {
        "command": "python -m bench " + " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:])),
        "mode": sizes.name,
        "seed": args.seed,
        "started_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "sizes": {k: v for k, v in vars(sizes).items() if k != "ingest_reps"},
    }
    figures: list[Figure] = []
    errors: dict[str, str] = {}
    timings: dict[str, float] = {}
    started = time.perf_counter()
    for name in sections:
        log(f"[{name}] ({sizes.name})")
        t = time.perf_counter()
        try:
            module = __import__(f"bench.{name}", fromlist=["run"])
            figures.extend(module.run(sizes, args.seed, log))
        except Exception as exc:  # one broken section must not hide the others' figures
            errors[name] = "".join(traceback.format_exception(exc))
            log(errors[name])
            figures.append(Figure(f"{name}: section failed", None, "", ok=False, detail=f"{type(exc).__name__}: {exc}"))
        timings[name] = time.perf_counter() - t
    meta["section_seconds"] = timings
    meta["total_seconds"] = time.perf_counter() - started
    meta["errors"] = errors
    write_results(args.out, figures, meta)
    m = meta["machine"]
    print(f"newsbrief bench ({sizes.name}) — {m['cpu_model']}, {m['cores']} cores, Python {m['python']}, "
          f"SQLite {m['sqlite']}, PTB {m['python_telegram_bot']}; {meta['total_seconds']:.0f} s")
    print(table(figures))
    print(f"results: {args.out}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
