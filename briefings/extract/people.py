"""Find the people and organisations an article names, with roles and the short forms it uses for them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

from briefings.extract.first_names import first_name_kind, first_name_lean, same_first_name
from briefings.extract.lexicon import (
    DATELINE,
    DEMONYMS,
    FEMALE_HONORIFICS,
    HONORIFICS,
    LOWERCASE_ORG_NOUNS,
    MALE_HONORIFICS,
    NAME_PARTICLES,
    NOT_NAMES,
    ORG_WORDS,
    PERSON_DESCRIPTIONS,
    PLACES,
    ROLE_MODIFIERS,
    ROLE_WORDS,
    SPEECH_VERB,
    SURNAME_PLACES,
    THING_HEADS,
    TITLE_ABBREVIATIONS,
    WEEKDAYS,
    alternation,
)
from briefings.models import Person, Sentence

_PARTICLES = alternation(NAME_PARTICLES)
# A capitalised word after its first letter: a title (`Dr.`), an initial (`J.`, `U.S.`) or a word (`O’Brien`, `Na'moks`,
# `Time.news`; not the possessive `’s`).
_CAPW_REST = r"(?:(?:r|rs|s|x|rof|en|ep|ov|t|ol|gt|apt|aj|dm|ev)\.(?=\s)|\.(?:[A-Z]\.)*|[\w-]*(?:[’'](?:[A-Z]|[a-rt-z]|s\w)[\w-]*)?(?:\.[a-z]+)?)"
_CAPW = rf"[A-Z]{_CAPW_REST}"
# Starts with a plain character class (not a lookbehind) so the regex engine can skip ahead quickly.
CAPITALISED_RUN = re.compile(
    rf"[A-Z](?<![\w’'.-][A-Z]){_CAPW_REST}(?:[’']s(?=\s+[A-Z]))?(?:\s+(?:(?:{_PARTICLES}\s+){{1,2}}|(?:of|for|and)\s+(?:the\s+)?)?{_CAPW}(?:[’']s(?=\s+[A-Z]))?)*"
)
# `Mary “Molly” Hart`, `Dmitri "Iceberg" Volkov`: a nickname in quote marks between the parts of a name.
_NICKNAME = re.compile(r"\b[A-Z][\w.’'-]*\s(?P<nick>[“\"][A-Z][\w.’'-]*(?:\s[A-Z][\w’'-]*)?[”\"])(?=\s[A-Z][\w’'-])")
# Words that every `_LOWERCASE_ORG` match contains: plain substring tests are far cheaper than running that regex.
_ORG_NOUN_HINTS = ("force", "army", "navy", "military", "government", "police", "guard")
# Organisations written with a lowercase noun: `the Ukrainian air forces`.
_LOWERCASE_ORG = re.compile(rf"\b(?:[A-Z][a-z]+\s+){alternation(LOWERCASE_ORG_NOUNS)}\b")
_SENTENCE_OPENER_SHAPE = re.compile(r"(?:ing|ed|ly|ment|ness|tion|ever)$")
_INITIAL = re.compile(r"[A-Z]\.")
_ARTICLE = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s")
# A body's name that goes on past a lowercase word the capitalised run stops at: `Council on Foreign Relations`.
_ORG_NAME_GOES_ON = re.compile(rf"\b(?:{alternation(ORG_WORDS)})\s+(?:on|to|against)\s+(?:the\s+)?$")
# After a single word, what only a person's name takes: `, who`, `, 23,`, `, a resident of…`, `, the coach`.
_PERSON_APPOSITIVE = re.compile(
    rf",\s+(?:who\b|\d{{1,3}},|(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?(?:{alternation(ROLE_WORDS | PERSON_DESCRIPTIONS)})\b)"
)
_SPEECH_AFTER = re.compile(rf"\s+(?:\w+ly\s+)?{SPEECH_VERB}\b")
_APPOSITIVE_AFTER = re.compile(r",\s+((?i:the|a|an)\s+[^,.;:“”\"]{2,80}?|[a-z][\w-]*\s+(?:of|for|at)\s+[^,.;:“”\"]{2,60}?)(?=,|\.|;|$)")
_RELATIVE_CLAUSE = re.compile(r"\s+(?:who|whom|whose|that|which)\s")
_APPOSITIVE_BEFORE = re.compile(r"\b((?i:the|a|an)\s+[^,.;:“”\"]{2,80}),\s+$")


@dataclass
class _Candidate:
    """What the scan learned about one name so far."""

    name: str
    kind: str = "person"
    role: str | None = None
    first_seen: int = 0
    aliases: set[str] = field(default_factory=set)


def blank_nicknames(text: str) -> str:
    """The text with each nickname inside a name blanked out, offsets kept: `Mary “Molly” Hart` reads as one name."""
    if "“" not in text and '"' not in text:
        return text
    for match in _NICKNAME.finditer(text):
        start, end = match.span("nick")
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def split_role_and_name(tokens: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split `Ukrainian President Volodimir Zelensky` into role tokens and name tokens."""
    role, name = _split_role_and_name(tuple(tokens))
    return list(role), list(name)


@lru_cache(maxsize=16384)
def _split_role_and_name(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`split_role_and_name` on a tuple, cached: the same runs come back sentence after sentence."""
    while len(tokens) > 1 and tokens[0] in NOT_NAMES and tokens[0].rstrip(".").lower() not in HONORIFICS:
        tokens = tokens[1:]  # `Besides Ana Ruiz`, `Perhaps Ruiz`: a sentence word, neither role nor name
    for i, token in enumerate(tokens):
        if token.rstrip(".").lower() in HONORIFICS and i + 1 < len(tokens):
            return tokens[:i], tokens[i:]
    last_role = -1
    # A role word ending a run after a non-role word is a surname: `Charlie King`, `Ann Bishop`.
    surname_role = (
        len(tokens) > 1 and tokens[-1].lower() in ROLE_WORDS and tokens[-2].lower() not in ROLE_WORDS | ROLE_MODIFIERS
        and tokens[-2] not in DEMONYMS and tokens[-2] not in PLACES and first_name_kind(tokens[-2]) != "unknown"
    )
    for i, token in enumerate(tokens[:-1] if surname_role else tokens):
        if token.lower() in ROLE_WORDS:
            last_role = i
    if last_role >= 0:
        cut = last_role + 1
        if cut < len(tokens) and tokens[cut] in ("of", "for"):
            # `Minister of Innovation Ana Ruiz`: the role runs on to the first known first name, if any.
            cut = next((i for i in range(cut + 1, len(tokens)) if first_name_kind(tokens[i]) != "unknown"), len(tokens))
        return tokens[:cut], tokens[cut:]
    cut = 0
    while cut < len(tokens) - 1 and tokens[cut] in DEMONYMS:
        cut += 1
    return tokens[:cut], tokens[cut:]


@lru_cache(maxsize=16384)
def is_organisation(name: str) -> bool:
    """True for names such as `Kremlin`, `Washington Post`, `Russian Ministry of Defense`."""
    if _LOWERCASE_ORG.fullmatch(name):
        return True
    tokens = name.replace("’s", "").split()
    if any(t in ORG_WORDS for t in tokens):
        return True
    if tokens and tokens[0].isalpha() and tokens[0].isupper() and len(tokens[0]) > 1 and tokens[0].lower() not in ROLE_WORDS:
        # `NATO`, and an acronym leading a name (`BCX Hydro`, `KTV News`), unless the whole name is in capitals
        return len(tokens) == 1 or not name.isupper()
    return False


def _names_a_body(tokens: Sequence[str]) -> bool:
    """`Health Canada`, `Statistics Ontario`; `Toronto Raptors`, `Ottawa Senators`; `Burnaby RCMP`: a name no first
    name opens that ends with a place or initials, or opens with a place and ends in a plural, is a body or a team,
    not a person."""
    if len(tokens) < 2 or first_name_kind(tokens[0]) != "unknown" or tokens[0].rstrip(".").lower() in HONORIFICS:
        return False
    last = tokens[-1]
    if last.isalpha() and last.isupper() and len(last) > 1 and not set(last) <= set("IVX"):
        return True  # `Burnaby RCMP`, `Toronto FC`: a place's branch of a body known by its initials
    if last in PLACES:
        return last not in SURNAME_PLACES
    return (tokens[0] in PLACES or tokens[0] in DEMONYMS) and last.endswith("s") and not last.endswith("ss")


@lru_cache(maxsize=16384)
def is_place(name: str) -> bool:
    """True when every word is a place or demonym word: `Moscow`, `North Korean`, `New York`, `Russia-Ukraine`."""
    words = [w for part in name.split() for w in part.split("-")]
    return bool(words) and all(w in PLACES or w in DEMONYMS or w in ("New", "Saint", "St.") for w in words)


@lru_cache(maxsize=16384)
def is_name_like(name: str) -> bool:
    """Reject junk such as `You`, `Sunday`, `Related`, places and demonyms."""
    tokens = name.split()
    if not tokens or all(t in NOT_NAMES for t in tokens) or len(tokens) > 3 and name.isupper():
        return False  # `HE'S BEEN CALLED OUT BY PEERS`: a heading in capitals
    if is_place(name):
        return False
    if _is_demonym(tokens[-1]) and (len(tokens) > 1 or tokens[-1] not in DEMONYMS):
        return False  # `Kent County Republican`, `Canadians`: a description, not a name
    if len(tokens) > 1 and tokens[-1] in THING_HEADS and first_name_kind(tokens[-2]) == "unknown":
        return False  # `Harbour Street`, `Clean Water Act`; but `Grant Hill` is a name
    return not (len(tokens) == 1 and (tokens[0] in DEMONYMS or tokens[0].lower() in ROLE_WORDS))


def _is_demonym(word: str) -> bool:
    """`Canadian` or its plural `Canadians`, `Democrats`."""
    return word in DEMONYMS or word.endswith("s") and word[:-1] in DEMONYMS


def extract_people(
    sentences: Sequence[Sentence],
    speakers: Iterable[tuple[str, str | None]] = (),
) -> list[Person]:
    """People and organisations, in order of first mention; `speakers` are (name, role) pairs already attributed."""
    candidates: dict[str, _Candidate] = {}
    singles: dict[str, int] = {}
    lone: dict[str, int] = {}  # single words the text itself marks as a person: `Yuni, a resident of…`
    # Most articles name no lowercase-noun organisation: look for the hint words once, not per sentence.
    article_text = "\n".join(sentence.text for sentence in sentences)
    hints = [word for word in _ORG_NOUN_HINTS if word in article_text]
    for sentence in sentences:
        text = blank_nicknames(sentence.text)
        dateline = DATELINE.match(text)
        for match in CAPITALISED_RUN.finditer(text, dateline.end() if dateline else 0):
            _consider_run(text, match, sentence.index, candidates, singles, lone)
        if not hints or not any(word in text for word in hints):
            continue
        for match in _LOWERCASE_ORG.finditer(text):
            name = match.group(0)
            if name.split()[0] not in NOT_NAMES:
                _add(candidates, name, "organisation", None, sentence.index)
    for name, role in speakers:
        if name and name[0].isupper() and is_name_like(name):
            kind = "organisation" if is_organisation(name) else "person"
            _add(candidates, name, kind, role, len(sentences))
    return _finish(candidates, singles, lone)


def _consider_run(
    text: str, match: re.Match[str], index: int, candidates: dict[str, _Candidate], singles: dict[str, int],
    lone: dict[str, int],
) -> None:
    """Record the names in one capitalised run as people, organisations or possible aliases (`lone`: single words
    the sentence shows to be a person's whole name)."""
    before = text[max(0, match.start() - 40) : match.start()]
    if before.endswith((" on ", " to ", " against ", " the ")) and _ORG_NAME_GOES_ON.search(before):
        return  # `Commission on Presidential Debates`, `Committee to Protect Journalists`: the rest of a body's name
    for kind, name, role in _classify(match.group(0), _at_sentence_start(text, match.start())):
        if kind == "single":
            singles.setdefault(name, index)
            if _single_is_person(text, match, name):
                lone.setdefault(name, index)
        elif kind == "organisation":
            _add(candidates, name, kind, None, index)
        else:
            role = role or _role_before(text[max(0, match.start() - 60) : match.start()]) or _appositive(text, match)
            _add(candidates, name, kind, role, index)


def _single_is_person(text: str, match: re.Match[str], name: str) -> bool:
    """`Yuni, a resident of Lampung`, `Demi, who is 23`, `interior designer Demi`, `Kim told reporters`: a single
    word the sentence shows to be someone's whole name (a first name the table knows, for a speech verb)."""
    start = match.end() - len(name)  # the name must end the run (read from `text`: a run can be very long)
    if text[start : match.end()] != name or start > match.start() and text[start - 1] != " ":
        return False
    if not name.isalpha() or is_organisation(name) or not is_name_like(name):
        return False
    if name.lower() in PERSON_DESCRIPTIONS or name.lower() in ROLE_WORDS:
        return False  # `Man charged in…`: a headline's noun
    after = text[match.end() : match.end() + 80]
    if _PERSON_APPOSITIVE.match(after) or _role_before(text[max(0, match.start() - 60) : match.start()]):
        return True
    return first_name_kind(name) != "unknown" and _SPEECH_AFTER.match(after) is not None


def _at_sentence_start(text: str, position: int) -> bool:
    """True when only an opening quote, colon or nothing precedes `position` in its sentence."""
    i = position - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    return i < 0 or text[i] in ".“\":"


@lru_cache(maxsize=16384)
def _classify(run: str, at_start: bool) -> tuple[tuple[str, str, str | None], ...]:
    """(kind, name, role) for each name in a run; kind `single` marks a lone word that may be an alias.

    Pure and cached: the same runs (`Trump`, `The Kremlin`) recur across sentences and articles.
    """
    found: list[tuple[str, str, str | None]] = []
    for number, piece in enumerate(_name_pieces(run)):
        found.extend(_classify_tokens(list(piece), at_start and number == 0))
    return tuple(found)


def _classify_tokens(tokens: list[str], at_start: bool) -> list[tuple[str, str, str | None]]:
    """Classify one name-shaped token sequence."""
    while tokens and (tokens[0] in NOT_NAMES and tokens[0].rstrip(".").lower() not in HONORIFICS or tokens[0] == "The"):
        tokens = tokens[1:]
    while len(tokens) > 1 and (tokens[-1] in WEEKDAYS or tokens[-1] == "I"):
        tokens = tokens[:-1]  # `Ana Ruiz Friday`, `Leeds I`: no part of a name (`May` may be)
    if at_start and tokens and _SENTENCE_OPENER_SHAPE.search(tokens[0]) and first_name_kind(tokens[0]) == "unknown":
        tokens = tokens[1:]  # `Involving North Korean soldiers`: a capitalised verb, not a first name (`Ted`, `Ahmed`)
    if not tokens or all(_INITIAL.fullmatch(t) for t in tokens):
        return []
    role_tokens, name_tokens = split_role_and_name(tokens)
    if (
        len(name_tokens) >= 3 and name_tokens[0].isalpha() and len(name_tokens[0]) > 2
        and name_tokens[0].lower() not in HONORIFICS
        and first_name_kind(name_tokens[0]) == "unknown" and first_name_lean(name_tokens[1]) is not None
        and name_tokens[1].lower() not in NAME_PARTICLES  # `Fouzia Al Hashish`: `Al` opens the surname
    ):
        # `Rival Ana Ruiz`, `Crooked Ana Ruiz`: a capitalised word before a first name describes the person.
        role_tokens, name_tokens = [*role_tokens, name_tokens[0]], name_tokens[1:]
    titled = any(t.lower() in ROLE_WORDS for t in role_tokens) and name_tokens and tokens[-1] not in ORG_WORDS
    run = " ".join(tokens)
    if not titled and (is_organisation(run) or _names_a_body(name_tokens)) and not is_place(run):
        if at_start and len(tokens) == 1 and tokens[0] not in ORG_WORDS:
            return []
        return [("organisation", run, None)]
    name = " ".join(name_tokens)
    if not name or not is_name_like(name) or is_organisation(name):
        return []
    role = " ".join(role_tokens) or None
    if len(name_tokens) == 1:
        single = [("single", name, None)]
        return single + [("person", name, role)] if role else single
    return [("person", name, role)]


def name_pieces(run: str) -> list[list[str]]:
    """Split a capitalised run into the names it joins (see `_name_pieces`)."""
    return [list(piece) for piece in _name_pieces(run)]


@lru_cache(maxsize=16384)
def _name_pieces(run: str) -> tuple[tuple[str, ...], ...]:
    """Split a capitalised run at connectors that join two names: `Putin and Donald Trump`, `Hammond of the U.K.`.

    `of`/`for` stay inside after an organisation or role word (`Ministry of Defense`, `Secretary of State`);
    `and` and a possessive stay inside only when the run ends with an organisation word (`Food and Drug Administration`),
    and `and` not after a name that is whole already (`Northwind Energy and Harbour Bank`)
    """
    tokens = run.split()
    ends_as_org = tokens[-1] in ORG_WORDS
    pieces: list[list[str]] = [[]]
    skip_article = False
    for token in tokens:
        if skip_article and token == "the" and pieces[-1] == []:
            continue
        skip_article = False
        if token in ("of", "for") and pieces[-1]:
            head = pieces[-1][-1]
            if head not in ORG_WORDS and head.lower() not in ROLE_WORDS:
                pieces.append([])
                skip_article = True
                continue
        elif token == "and" and (not ends_as_org or len(pieces[-1]) > 1 and pieces[-1][-1] in ORG_WORDS):
            # `Northwind Energy and Harbour Bank`: each side a body's full name (not `Food and Drug Administration`)
            pieces.append([])
            skip_article = True  # `Ana Ruiz and the Harbour Gulls`
            continue
        if token.endswith(("’s", "'s")) and not ends_as_org:
            pieces[-1].append(token[:-2])
            pieces.append([])
            continue
        pieces[-1].append(token)
    return tuple(tuple(p) for p in pieces if p and p[-1] not in ("of", "for", "and", "the"))


def _role_before(before: str) -> str | None:
    """Lowercase role words right before a name: `Russian president Vladimir Putin`, `former minister X`,
    `Democratic vice presidential nominee X` (an adjective in -al inside the role keeps the party in it)."""
    words = before.split()[-5:]
    role: list[str] = []
    for word in reversed(words):
        if word.lower() in ROLE_WORDS or word.lower() in ROLE_MODIFIERS or word in DEMONYMS or (
            role and word.islower() and word.isalpha() and len(word) > 4 and word.endswith("al")
        ):
            role.append(word)
        else:
            break
    if not role or not any(w.lower() in ROLE_WORDS for w in role):
        return None
    return " ".join(reversed(role))


def _appositive(text: str, match: re.Match[str]) -> str | None:
    """`the spokesman for X, NAME` or `NAME, the Y of Z,` give NAME a role."""
    after = _APPOSITIVE_AFTER.match(text, match.end())
    if after and _has_role_head(after.group(1)):
        return _whole_role(after.group(1))
    before = _APPOSITIVE_BEFORE.search(text[max(0, match.start() - 120) : match.start()])
    if before:
        phrase = before.group(1)
        for article in _ARTICLE.finditer(phrase):
            tail = phrase[article.start() :]
            if _has_role_head(tail):
                return tail
    return None


def _whole_role(role: str) -> str | None:
    """The role without a clause the dot of an abbreviation cut short: `a critic of Mr` (from `a minister who is a
    critic of Mr. Roe`) -> `a minister`; None when no clause can go."""
    words = role.split()
    if len(words) < 4 or words[-1].lower() not in TITLE_ABBREVIATIONS:
        return role
    clause = _RELATIVE_CLAUSE.search(role)
    return role[: clause.start()] if clause else None


def _has_role_head(phrase: str) -> bool:
    """True when one of the first four words is a role word (`the spokesman for ...`, `a senior adviser ...`)."""
    return any(w.strip(",").lower() in ROLE_WORDS for w in phrase.split()[:4])


def _add(candidates: dict[str, _Candidate], name: str, kind: str, role: str | None, index: int) -> None:
    """Record a mention, keeping the first role found and the earliest position."""
    found = candidates.get(name)
    if found is None:
        candidates[name] = _Candidate(name=name, kind=kind, role=role, first_seen=index)
        return
    found.first_seen = min(found.first_seen, index)
    if role and not found.role:
        found.role = role


def _finish(candidates: dict[str, _Candidate], singles: dict[str, int], lone: dict[str, int]) -> list[Person]:
    """Merge short forms into full names and turn the candidates into `Person` records."""
    names = sorted(candidates, key=lambda n: -len(n.split()))
    merged: dict[str, _Candidate] = {}
    by_last: dict[str, list[str]] = {}  # merged's names by last word, in its order: where a short form's full form is
    for name in names:
        target = _full_form(name, merged, by_last)
        if target is None:
            merged[name] = candidates[name]
            by_last.setdefault(name.split()[-1], []).append(name)
            continue
        keeper = merged[target]
        keeper.aliases.add(name)
        keeper.first_seen = min(keeper.first_seen, candidates[name].first_seen)
        if not keeper.role and candidates[name].role:
            keeper.role = candidates[name].role
    for single, index in singles.items():
        target = _full_form(single, merged, by_last)
        if target is not None:
            merged[target].aliases.add(single)
            merged[target].first_seen = min(merged[target].first_seen, index)
        elif single in lone and single not in merged:
            merged[single] = _Candidate(name=single, first_seen=lone[single])  # `Yuni`: known by one name
            by_last.setdefault(single.split()[-1], []).append(single)
    _merge_acronyms(merged)
    people = sorted(merged.values(), key=lambda c: c.first_seen)
    return [
        Person(name=c.name, role=c.role, aliases=tuple(sorted(c.aliases, key=lambda a: (-len(a), a))), kind=c.kind)  # type: ignore[arg-type]
        for c in people
    ]


def _merge_acronyms(merged: dict[str, _Candidate]) -> None:
    """`NRTB` is an alias of `National Rail Transport Board` when the article names both and only one fits."""
    by_initials: dict[str, list[str]] = {}
    for name, candidate in merged.items():
        # A name with no known first name may be a body the rules took for a person: `Export Board Canada (EBC)`.
        if " " in name and (candidate.kind == "organisation" or first_name_kind(name.split()[0]) == "unknown"):
            by_initials.setdefault(_initials(name), []).append(name)
    for name in [n for n, c in merged.items() if c.kind == "organisation" and len(n) > 2 and n.isalpha() and n.isupper()]:
        full = by_initials.get(name, [])
        if len(full) == 1:
            keeper, short = merged[full[0]], merged.pop(name)
            keeper.aliases.add(name)
            keeper.kind = "organisation"
            keeper.first_seen = min(keeper.first_seen, short.first_seen)


def _initials(name: str) -> str:
    """`Royal Mounted Police of the North` -> `RMPN`: first letters of the capitalised words."""
    return "".join(word[0] for word in name.replace("-", " ").split() if word[0].isupper())


def _full_form(name: str, known: dict[str, _Candidate], by_last: dict[str, list[str]]) -> str | None:
    """The longer known person name `name` abbreviates: `Dr. Vasilyeva` -> `Dr. Elena Vasilyeva`, `Trump` -> `Donald Trump`.

    With relatives sharing the surname, `Mr. Holt` is the one whose first name is not a woman's (and `Mrs. Holt`
    the reverse); when that leaves several, none: a later `Holt` is told apart by the resolver. `by_last` holds the
    names of `known` by last word, in its order."""
    tokens = name.split()
    core = [t for t in tokens if t.rstrip(".").lower() not in HONORIFICS] or tokens
    found = []
    for full in by_last.get(tokens[-1], ()):
        if full == name or known[full].kind != "person":
            continue
        full_tokens = full.split()
        if len(full_tokens) > len(core) and _is_subsequence(core, full_tokens):
            found.append(full)
        elif len(full_tokens) >= len(core) >= 2 and full_tokens[-1] == tokens[-1] and _nickname_of(core, full_tokens):
            found.append(full)  # `Bobby Scott` for `Rep. Robert C. Scott`
    honorific = _honorific_gender(tokens)
    if len(found) > 1 and honorific:
        found = [f for f in found if first_name_lean(_first_token(f)) in (None, honorific)]
        return found[0] if len(found) == 1 else None
    return found[0] if found else None


def _nickname_of(core: Sequence[str], full: Sequence[str]) -> bool:
    """`Bobby Scott` in `Rep. Robert C. Scott`: another form of the first name (never one of the other gender), the
    rest of the name in order."""
    names = [t for t in full if t.rstrip(".").lower() not in HONORIFICS]
    if not names or names[0] == core[0] or not same_first_name(core[0], names[0]):
        return False
    genders = {first_name_lean(core[0]), first_name_lean(names[0])} - {None}
    return len(genders) <= 1 and _is_subsequence(core[1:], names[1:])


def _honorific_gender(tokens: Sequence[str]) -> str | None:
    """"m" for `Mr.`, "f" for `Mrs.`/`Ms.` among `tokens`; None without a gendered honorific."""
    words = {t.rstrip(".").lower() for t in tokens}
    return "m" if words & MALE_HONORIFICS else "f" if words & FEMALE_HONORIFICS else None


def _first_token(name: str) -> str:
    """The first word of a name after any honorific: `Dr. Elena Vasilyeva` -> `Elena`."""
    return next((t for t in name.split() if t.rstrip(".").lower() not in HONORIFICS), name)


def _is_subsequence(short: Sequence[str], long: Sequence[str]) -> bool:
    """True when every token of `short` appears in `long` in order."""
    it = iter(long)
    return all(token in it for token in short)
