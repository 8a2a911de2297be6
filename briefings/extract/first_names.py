"""First names and the gender they tell, from the gender-guesser name table (about 40,000 names, many countries)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=8192)
def first_name_gender(name: str) -> str | None:
    """"m" or "f" for a first name the table gives as always one gender; else None."""
    kind = first_name_kind(name)
    return "m" if kind == "male" else "f" if kind == "female" else None


@lru_cache(maxsize=8192)
def first_name_lean(name: str) -> str | None:
    """"m" or "f" for a first name the table gives as always or mostly one gender (`Mary` is mostly female)."""
    kind = first_name_kind(name)
    return "m" if kind in ("male", "mostly_male") else "f" if kind in ("female", "mostly_female") else None


@lru_cache(maxsize=8192)
def first_name_kind(name: str) -> str:
    """The table's answer: male, female, mostly_male, mostly_female, andy (either) or unknown (not a first name it knows)."""
    return str(_detector().get_gender(name.strip(".")))


@lru_cache(maxsize=8192)
def same_first_name(one: str, other: str) -> bool:
    """Whether two first names can name one person: equal, or one a nickname of the other (`Bobby`, `Robert`)."""
    one, other = one.strip(".").lower(), other.strip(".").lower()
    if one == other:
        return True
    if len(one) < 2 or len(other) < 2 or not one.isalpha() or not other.isalpha():
        return False
    namer = _nicknamer()
    if other in namer.nicknames_of(one) or one in namer.nicknames_of(other):
        return True
    # `Xander` for `Alexander`, `Drew` for `Andrew`: a short form made of the name's ending, which the table lacks.
    short, full = sorted((one, other), key=len)
    return len(short) >= 4 and len(full) - len(short) >= 2 and full.endswith(short)


@lru_cache(maxsize=1)
def _nicknamer():  # type: ignore[no-untyped-def]
    import nicknames  # loaded once, on first use

    return nicknames.NickNamer()


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    import gender_guesser.detector  # loaded once, on first use: reading its name table takes ~0.2 s

    return gender_guesser.detector.Detector(case_sensitive=False)
