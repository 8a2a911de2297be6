"""One entry per person across articles: short forms and titled forms go under the fullest name."""

from __future__ import annotations

from typing import Iterable, Sequence


def merge_speakers(counts: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """Quote counts summed under each speaker's fullest name (see `fullest_names`); most quoted first."""
    target = fullest_names(name for name, _ in counts)
    merged: dict[str, int] = {}
    for name, count in counts:
        merged[target[name]] = merged.get(target[name], 0) + count
    return sorted(merged.items(), key=lambda item: (-item[1], item[0]))


def fullest_names(names: Iterable[str]) -> dict[str, str]:
    """Each name's entry: `Trump`, `Mr. Trump` and `Donald Trump` go under `Donald J. Trump` when every longer name
    they abbreviate ends up there (with `Melania Trump` also named, a bare `Trump` stays apart)."""
    target: dict[str, str] = {}
    for name in sorted(set(names), key=lambda n: (-len(_core(n)), len(n), n)):
        # longest first, so a longer name's own target is known when a shorter one asks
        core = _core(name)
        same = next((full for full in target if _core(full) == core), None)  # `The Tidewater Trust`
        fuller = {target[full] for full in target if len(_core(full)) > len(core) and _abbreviates(core, _core(full))}
        target[name] = target[same] if same else fuller.pop() if len(fuller) == 1 else name
    return target


def _core(name: str) -> list[str]:
    """The name's words without a dotted title (`Mr.`, `Dr.`, `Sen.`) or a leading `The`."""
    words = name.split()
    core = [w for w in words if not (w.endswith(".") and 2 <= len(w) <= 5 and w[0].isupper() and w[1:-1].islower())]
    if len(core) > 1 and core[0] == "The":
        core = core[1:]
    return core or words


def _abbreviates(short: Sequence[str], full: Sequence[str]) -> bool:
    """Same surname, and the short form's words appear in the full name in order."""
    if not short or short[-1] != full[-1]:
        return False
    words = iter(full)
    return all(token in words for token in short)
