"""Who a mention means: a short form, a pronoun or a description, resolved to a person or organisation the article names.

The resolver reads the article's sentences in order and remembers who was mentioned where, and whether as the
subject of a clause. A pronoun goes to the most recent compatible person (never one of the other gender); a
definite description (`the company`, `the spokeswoman`) to the entity named earlier that fits it. When the choice
is not clear the answer is None: a quote with no speaker is better than a quote under the wrong name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Callable, Iterable, Sequence

from briefings.extract.lexicon import (
    ADDRESSEE_VERBS,
    COURT_ROLES,
    DEMONYMS,
    DOCUMENT_FORMS,
    DOCUMENT_NOUNS,
    FEMALE_HONORIFICS,
    FEMALE_PRONOUNS,
    FEMALE_ROLES,
    GENERIC_ORG_DESCRIPTIONS,
    GROUP_DESCRIPTIONS,
    HONORIFIC_ROLES,
    HONORIFICS,
    KIN_WORDS,
    PAIR_POINTERS,
    MALE_HONORIFICS,
    MALE_PRONOUNS,
    MALE_ROLES,
    OPINION_VERB,
    ORG_DESCRIPTIONS,
    PERSON_DESCRIPTIONS,
    ROLE_COMPOUNDS,
    ROLE_MODIFIERS,
    ROLE_QUALIFIERS,
    ROLE_WORDS,
    SPEECH_VERB,
    SPEECH_VERBS_FINITE,
    SUBORDINATORS,
    alternation,
)
from briefings.extract.first_names import first_name_gender, first_name_kind, first_name_lean
from briefings.extract.people import CAPITALISED_RUN, name_pieces, split_role_and_name
from briefings.models import Person

# A pronoun reaches back this many sentences; a description further (it names its referent's kind). Beyond
# PRONOUN_REACH a pronoun still finds the one person of its gender named in the last PRONOUN_SOLE_REACH sentences.
PRONOUN_REACH = 3
# `the former` looks back this many sentences past those that name nobody.
PAIR_REACH = 3
PRONOUN_SOLE_REACH = 10
DESCRIPTION_REACH = 12
# A subject and its verb, with up to two appositives between: `Ruiz said`, `Ruiz, 45, a nurse, said`, `Ruiz, D-Ohio, the
# chair of the panel that oversees Harbour Safety, said`.
_SUBJECT_FOLLOWS = re.compile(
    rf"(?:(?:\s*,(?!\s*(?:and|or)\b)[^,“”]{{1,90}}){{1,2}},|,)?\s+(?:\w+ly\s+|has\s+|had\s+|was\s+|also\s+)?{SPEECH_VERB}\b"
)
# `said he`, `told that she`: read backwards from each `he`/`she` after a space (the speech-verb alternation tried
# at one place, not at every character); _said_pronoun finds what `{SPEECH_VERB}\s+(?:that\s+)?(he|she)\b` would.
_PRONOUN_AFTER_SPACE = re.compile(r"\s(he|she)\b")  # no lookbehind: the scan skips ahead to each space
_SAID_BEFORE_REVERSED = re.compile(rf"\s+(?:taht\s+)?{alternation(verb[::-1] for verb in SPEECH_VERBS_FINITE)}")
_PRONOUN_SAID = re.compile(rf"\b([Hh]e|[Ss]he)\s+(?:\w+ly\s+)?{SPEECH_VERB}\b")
# A cheap scan that spares most sentences _PRONOUN_SAID's speech-verb alternation.
_HE_OR_SHE = re.compile(r"\s(?:he|she)\b")
_KIN_BEFORE = re.compile(rf"\b{alternation(KIN_WORDS)},?\s+$")
# `…, said Ana Ruiz.`, `noted finance minister Ana Ruiz,`: a speech verb, role words, then the name ending its clause.
_ROLES = alternation(ROLE_WORDS | ROLE_MODIFIERS)
_ROLE_OR_THE = ROLE_WORDS | ROLE_MODIFIERS | {"the"}
_CLAUSE_END = re.compile(r"\s*(?:[,.;:!?)]|$)")
# Between two names, the lowercase words of a role: `Acme Corp spokesman Ana Ruiz`, `Harbour campaign manager Jo Lee`.
_ROLE_GAP = re.compile(rf"\s+(?:[a-z][\w-]*\s+){{0,2}}(?:{_ROLES})\s+")
_PREPOSITIONS = frozenset(
    "of for at with by from in on to about into over under against like including among between than as".split()
)
_INTRODUCED = re.compile(
    rf",\s+(?:\d{{1,3}}\s*[.;]?$|(?:\d{{1,3}},\s+)?(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){{0,2}}(?:{_ROLES})\b[^,;]{{0,150}}[.;]?$)"
)
# An unnamed person opening a sentence that reports speech: `A neighbor who asked not to be named said…`.
_UNNAMED_REPORTER = re.compile(
    rf"(?:(?:But|And|Meanwhile|Later),?\s+)?(?P<ph>(?:An?|One|Another)\s+(?:[a-z][\w-]*\s+){{0,2}}?"
    rf"{alternation(PERSON_DESCRIPTIONS)})\b[^“”\"]{{0,120}}?\s(?:{SPEECH_VERB})\b"
)
# `Nora Vale's mother, Grace Vale`: the name after what the owner has is the subject the possessive phrase opened.
_OWNED_NOUN = r"[’']s\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*,\s+"
_OWNER_OF_NAMED = re.compile(rf"{_OWNED_NOUN}[A-Z]")
_POSSESSED_SUBJECT = re.compile(rf"(?:[A-Z][\w.’'-]*\s+){{0,3}}[A-Z][\w’'-]*{_OWNED_NOUN}")
# `…, the porters changed the country, Diaz believes.`: a name and its verb closing the sentence after a comma.
_CLOSING_SUBJECT = re.compile(rf"\s+(?:{OPINION_VERB})\s*[.;]?$")
_VERB_AFTER = re.compile(r"(?:\s*,[^,“”]{1,90},)?\s+(?:is|was|are|were|has|had|will|would|can|could|[a-z]{3,}ed)\b")
_CAPTION_CREDIT = re.compile(r"\(\s*[^()“”]{0,60}(?:PHOTO|[Pp]hoto|/)[^()“”]{0,60}\)\s*$")
_TOPIC_OF_QUOTE = re.compile(rf",\s+(?:he|she)\s+{SPEECH_VERB}\s*,")
_OTHER_PRONOUN = {
    "he": re.compile(rf"\b(?i:{alternation(FEMALE_PRONOUNS)})\b"), "she": re.compile(rf"\b(?i:{alternation(MALE_PRONOUNS)})\b")
}
_CLOSING_REPORT = re.compile(rf"(?:[Hh]e|[Ss]he)\s+(?:\w+ly\s+)?{SPEECH_VERB}\s*[.!?]?\s*$")
# `Unlike Diaz, he…`: a pronoun subject set against the one named before it.
_CONTRASTED = re.compile(r"Unlike\s[^,“”\"]{1,60},\s+([Hh]e|[Ss]he)\b")
_HE_OR_SHE_LEAD = re.compile(r"(?:^|\s)(?:[Hh]e|[Ss]he)\b")
# Words before a sentence's subject that open no clause of their own, and words a description's head is never followed
# by as its verb.
_LEAD_CONJUNCTIONS = frozenset("but and so yet still then also however meanwhile later".split())
_NOT_A_VERB = _PREPOSITIONS | SUBORDINATORS | frozenset("and or who whom whose which that where".split())
# Words a sentence may open with before its subject: `But`, `On Tuesday,`, `In a statement,` (not `While`, `After`:
# a name after them is the subject of a subordinate clause).
_OPENER_WORDS = frozenset(
    "but and so yet still then also however meanwhile later earlier on in at during last this that "
    "a an the his her their its statement interview tuesday monday wednesday thursday friday saturday sunday "
    "week month year morning evening night".split()
)


@dataclass
class Entity:
    """A person or organisation of the article; `gender` is "m", "f" or None when nothing tells."""

    name: str
    kind: str
    role: str | None
    gender: str | None
    # Nothing but capitals says this is a person (no honorific, role, known first name or pronoun): `Starlight
    # Tours`. Such a name blocks a pronoun only as the subject of a clause.
    weak: bool = False
    # What told the gender: "title" (honorific or gendered role), "pronoun" (tied in the article), "name" (the
    # first-name table says always) or "lean" (it says mostly). The article's own pronouns overrule both: many
    # first names serve both genders.
    gender_from: str | None = None
    # Role words the article gives the person anywhere (`Mayor Ana Ruiz`, `Gov. Ruiz`): `the mayor` may mean them.
    titles: set[str] = field(default_factory=set)
    kin: bool = False  # introduced as someone's relative (`his wife, Ana Ruiz`): not the article's main figure


@dataclass(frozen=True)
class Mention:
    """Where an entity was named (or referred to by a resolved pronoun or description)."""

    sentence: int
    position: int
    entity: Entity
    subject: bool
    said: bool = False  # the subject of a speech verb (`Ruiz said`), or a resolved speaker
    shared: bool = False  # one of the relatives a bare surname may mean
    addressed: bool = False  # the one spoken to (`told the BBC`): a listener or an outlet, not who `the ministry` is
    opening: bool = False  # in a subordinate clause opening the sentence (`Although Ortiz claimed…, `)


class Resolver:
    """Resolve mentions against the people of one article, reading its sentences in order."""

    def __init__(self, people: Sequence[Person], texts: Sequence[str] = ()) -> None:
        """`texts`, the article's sentences, let `Name said she…` anywhere in it tell Name's gender up front."""
        self.entities = {p.name: _entity(p) for p in people}
        self._forms: dict[str, set[str]] = {}
        surnames: dict[str, set[str]] = {}
        for person in people:
            for form in (person.name, *person.aliases):
                self._add_form(form, person.name)
                core = _without_honorific(form)
                if core != form:
                    self._add_form(core, person.name)
            if person.kind == "person" and len(person.name.split()) >= 2:
                surnames.setdefault(_without_honorific(person.name).split()[-1], set()).add(person.name)
            tokens = _without_honorific(person.name).split()
            if person.kind == "person" and len(tokens) in (2, 3) and first_name_kind(tokens[0]) in ("unknown", "andy"):
                # `Zhang Min ... Zhang said`: family name first; a first token no name table knows may be a surname.
                self._add_form(tokens[0], person.name)
        for surname, names in surnames.items():
            for name in names:
                self._add_form(surname, name)
                if len(names) > 1:  # relatives sharing a surname are told apart by first name: `says Michael`
                    self._add_form(_without_honorific(name).split()[0], name)
        # Every form ends with one of these words: a name piece ending otherwise (and not with an honorific, which
        # `_without_honorific` drops) is no one the resolver knows, whatever role words it cuts off.
        self._last_words = {form.split()[-1] for form in self._forms if form.strip()}
        self.mentions: list[Mention] = []
        self._texts: dict[int, str] = {}  # the sentences read, by index: where a document was named
        self._said: dict[str, tuple[int, str] | None] = {}  # `said he` in each sentence, found once for both passes
        self._he_or_she: dict[str, bool] = {}  # whether a sentence has `he` or `she` after a space, tested once
        self._tie_ahead(texts)

    def _tie_ahead(self, texts: Sequence[str]) -> None:
        """Genders from `Name said she…` sentences naming one person, where the article agrees with itself."""
        votes: dict[str, set[str]] = {}
        # `For Ana Ruiz, it came a month before she turned 25`: a he/she after the one person a sentence names is
        # weaker evidence; it counts for a first name of unknown or only likely gender when two sentences or more
        # say so and none disagrees.
        loose: dict[str, list[str]] = {}
        for text in texts:
            if not self._has_he_or_she(text):
                self._said[text] = None  # neither test below can find a pronoun
                continue
            said = self._said[text] = _said_pronoun(text)
            pronoun = said or _free_pronoun(text)
            if pronoun is None:
                continue
            persons = _plain_persons(
                ((e, run.start()) for run in CAPITALISED_RUN.finditer(text, 0, pronoun[0])
                 for piece in self._entities_in(run.group(0), None) for e in piece),
                text,
            )
            if len(persons) == 1:
                name = next(iter(persons))
                (votes.setdefault(name, set()).add if said else loose.setdefault(name, []).append)(pronoun[1])
        for name, pronouns in loose.items():
            if len(pronouns) > 1 and self.entities[name].gender_from in (None, "lean"):
                votes.setdefault(name, set()).update(pronouns)
        for name, said_or_loose in votes.items():
            if len(said_or_loose) == 1:
                self.tie(self.entities[name], said_or_loose.pop())

    @property
    def forms(self) -> frozenset[str]:
        """Every name, alias and short form the resolver knows."""
        return frozenset(self._forms)

    def _add_form(self, form: str, name: str) -> None:
        self._forms.setdefault(form, set()).add(name)
        if "'" in form or "’" in form:  # `O’Neill` and `O'Neill` are one name, however the copy typed it
            for variant in (form.replace("'", "’"), form.replace("’", "'")):
                self._forms.setdefault(variant, set()).add(name)

    def lookup(self, surface: str, sentence: int | None = None) -> Entity | None:
        """The entity a name or short form means; a form shared by several goes to the one mentioned last."""
        found = self._candidates(surface, sentence)
        return found[0] if len(found) == 1 else None

    def _candidates(self, surface: str, sentence: int | None) -> list[Entity]:
        """The entities a form may mean: one when clear, several for a surname shared by relatives named lately."""
        names = self._forms.get(surface) or self._forms.get(_without_honorific(surface))
        if not names:
            return []
        if len(names) > 1:
            # `Mrs. Holt` is the woman of the family.
            honorific = _honorific_gender(surface)
            if honorific:
                names = {n for n in names if self.entities[n].gender in (None, honorific)} or names
        if len(names) == 1:
            return [self.entities[next(iter(names))]]
        # A bare surname shared by relatives: the one named in the sentence before or this one, unless the main
        # figure (named first) was also named lately; else the one named lately, but the main figure rather than
        # relatives introduced as `his wife` or `her son`; with several, all of them (a later `she` may tell
        # which); with none lately, the main figure.
        main = next(e for e in self.entities.values() if e.name in names)
        if sentence is None:
            return [main]
        recent = [m for m in self._recent(sentence, 1 << 30, DESCRIPTION_REACH) if m.entity.name in names and not m.shared]
        # One who only shares the name, named in passing (`…and Sen. Tim Scott (R-S.C.)`), never a subject or a
        # speaker and no relative, does not compete with a main figure who was one.
        if _named_so(self.mentions, main):
            recent = [m for m in recent if m.entity is main or m.entity.kin or _named_so(recent, m.entity)]
        adjacent = {m.entity.name for m in recent if m.sentence >= sentence - 1}
        lately = {m.entity.name for m in recent}
        if len(adjacent) == 1 and (main.name not in lately or adjacent == {main.name}):
            return [self.entities[adjacent.pop()]]
        if not lately or not adjacent and not main.kin and all(self.entities[n].kin for n in lately - {main.name}):
            return [main]
        return [self.entities[n] for n in sorted(lately)]

    def read(self, index: int, text: str, quoted: Sequence[tuple[int, int]] = ()) -> None:
        """Record the named entities of sentence `index`, outside its quoted stretches."""
        self._texts[index] = text
        if text.rstrip().endswith(")") and _CAPTION_CREDIT.search(text):
            return  # a photo caption (`Ana Ruiz looks on. (Jo Roe / The Post)`): nobody the story's pronouns mean
        reporter = None if quoted else _UNNAMED_REPORTER.match(text)
        if reporter is not None:
            # `A neighbor who asked not to be named said…`: someone a later `she said` may mean (quotes.py notes the
            # ones whose quote is in the sentence).
            self.note_unnamed(index, reporter.start("ph"), reporter.group("ph"))
        found: list[Mention] = []
        # Where the last subject's appositive and verb end: a name inside (`Ana Ruiz, head of Acme Corp, said`) is
        # no subject of its own.
        covered = -1
        last_end, last_first = -1, 0
        slash = "/" in text
        for run in CAPITALISED_RUN.finditer(text):
            if quoted and any(start <= run.start() < end for start, end in quoted):
                continue
            if slash and (
                text[run.end() : run.end() + 2].lstrip()[:1] == "/" or text[max(0, run.start() - 2) : run.start()].rstrip()[-1:] == "/"
            ):
                continue  # a photo credit, `Jo Roe / The Daily Post`: nobody the story speaks of
            pieces = self._entities_in(run.group(0), index)
            if len(pieces) == 1 and len(pieces[0]) == 1 and _KIN_BEFORE.search(text, max(0, run.start() - 24), run.start()):
                pieces[0][0].kin = True
            # `Anna Berg and Maria Lund signed`: names joined in one run are no single subject. A surname shared
            # by relatives counts as a mention of each; only one of them can fit a later pronoun's gender.
            inside = run.start() < covered
            follows = _SUBJECT_FOLLOWS.match(text, run.end()) if len(pieces) == 1 and not inside else None
            if follows is not None and text[run.end()] == "," and _in_a_phrase(text, run.start()):
                follows = None  # `…the panel that oversees Harbour Safety, said`: the tail of someone's appositive
            if follows is not None:
                covered = follows.end()
            said = follows is not None
            opens_clause = run.group(0).split(" ", 1)[0].lower() in SUBORDINATORS  # `While Ruiz spoke, …`
            subject = said or len(pieces) == 1 and not inside and not opens_clause and _is_subject(text, run.start(), run.end(), not found)
            if not subject and len(pieces) == 1 and not inside and _CLOSING_SUBJECT.match(text, run.end()):
                subject = text[: run.start()].rstrip().endswith(",")  # `…, Diaz believes.`: the main clause's subject
            if subject and _TOPIC_OF_QUOTE.match(text, run.end()):
                subject = False  # `Diaz, he said, knows…`: the quote is about Diaz, not by him
            if pieces and not inside and _said_by(text, run.start(), run.end()):
                said = True  # `…, said Ana Ruiz.`, `noted the Post's Ana Ruiz`: the last name spoke
            elif found and last_end >= 0 and found[last_first].subject and _ROLE_GAP.fullmatch(text, last_end, run.start()):
                # `Acme spokesman Ana Ruiz told…`: the first name only qualifies the role; the named one is the subject.
                found[last_first:] = [replace(m, subject=False, said=False) for m in found[last_first:]]
                subject = len(pieces) == 1 or said
            if not subject and len(pieces) == 1 and len(pieces[0]) == 1 and _INTRODUCED.match(text, run.end()):
                # `…concerns Tavi Orlu, president of the Harbour Caucus.`: a newcomer brought in with a role is the
                # one the next sentences are about.
                subject = not any(m.entity is pieces[0][0] for m in self.mentions)
            last_end, last_first = run.end(), len(found)
            for number, entities in enumerate(pieces):
                last = number == len(pieces) - 1
                for entity in entities:
                    found.append(Mention(
                        index, run.start(), entity, subject and last, said and last, len(entities) > 1,
                        _addressed(text, run.start()), opens_clause,
                    ))
            if not pieces:
                last_end = -1
        described = _lead_description(text)
        if described is not None and not any(start <= described[1] < end for start, end in quoted):
            # `The Indiana governor was speaking…`, `On Monday, the mayor brought up…`: a description as the subject
            # of a sentence keeps the person it means in reach, as a name would.
            entity = self.description(described[0], index, described[1], chained=True)
            if entity is not None:
                said = described[2] in SPEECH_VERBS_FINITE
                at = next((i for i, m in enumerate(found) if m.position > described[1]), len(found))
                found.insert(at, Mention(index, described[1], entity, True, said))
        contrast = _CONTRASTED.match(text) if text.startswith("Unlike ") else None
        if contrast is not None:
            # `Unlike Diaz, he has no job`: someone other than Diaz, whom the rules cannot name; a later `he` may mean
            # them, so it is not given to Diaz.
            word = contrast.group(1).lower()
            found.append(Mention(index, contrast.start(1), Entity(word, "person", None, _pronoun_gender(word)), True))
        self.mentions.extend(found)
        lead = _lead_pronoun(text) or (_reporting_pronoun(text) if self._has_he_or_she(text) else None)
        if lead is not None and not any(start <= lead[1] < end for start, end in quoted):
            # `He said the plan…`: the subject pronoun is a mention of whom it means, so a chain of `he` sentences
            # keeps its person in reach. Names before it in the sentence count: `Ruiz, the chief, said…, but he said`.
            entity = self.pronoun(lead[0], index, lead[1])
            if entity is not None:
                if not _OTHER_PRONOUN[lead[0]].search(text):
                    # `She has held the post since…`: a gender no name table knew (not from `He is away and she…`)
                    self.tie(entity, lead[0])
                found.insert(0, Mention(index, lead[1], entity, True))
                self.mentions.insert(len(self.mentions) - len(found) + 1, found[0])
        persons = _plain_persons([(m.entity, m.position) for m in found], text)
        if len(persons) == 1:
            said = self._said[text] if text in self._said else _said_pronoun(text)
            if said and said[0] > found[0].position:
                self.tie(found[0].entity if found[0].entity.name in persons else next(iter(persons.values())), said[1])
            elif self._has_he_or_she(text):
                # `Tavi Orlu condemned what he called…`: the one person named, of a gender nothing told, is the `he`
                # or `she` later in the sentence.
                person = next(m for m in found if m.entity.name in persons)
                later = _HE_OR_SHE.search(text, person.position) if person.entity.gender is None and not person.entity.weak else None
                if later is not None and not any(start <= later.start() < end for start, end in quoted):
                    self.tie(person.entity, later.group(0).strip())

    def _has_he_or_she(self, text: str) -> bool:
        """Whether `he` or `she` follows a space in `text` (sentence by sentence, remembered for both passes)."""
        found = self._he_or_she.get(text)
        if found is None:
            found = self._he_or_she[text] = _HE_OR_SHE.search(text) is not None
        return found

    def _entities_in(self, run: str, index: int | None) -> list[list[Entity]]:
        """For each name a capitalised run joins, the entities it may mean (see `_candidates`)."""
        found = []
        for tokens in name_pieces(run):
            tokens = [t for t in tokens if t != "The"]
            if not tokens or tokens[-1] not in self._last_words and tokens[-1].rstrip(".").lower() not in HONORIFICS:
                continue
            entities = self._candidates(" ".join(tokens), index)
            if not entities:
                role_tokens, name_tokens = split_role_and_name(tokens)
                entities = self._candidates(" ".join(name_tokens), index) if name_tokens else []
                if not entities and len(name_tokens) >= 3 and name_tokens[0].isalpha() and len(name_tokens[0]) > 2:
                    # `Hotelier Ana Ruiz`: a describing word before the name (not an initial: `K. Arul Murugan`)
                    role_tokens, name_tokens = [*role_tokens, name_tokens[0]], name_tokens[1:]
                    entities = self._candidates(" ".join(name_tokens), index)
                if len(entities) == 1:
                    entities[0].titles.update(_titles(role_tokens))
            if entities:
                found.append(entities)
        return found

    def author(self, document: str, index: int, before: int) -> Entity | None:
        """`the statement said` -> the one named person or body that spoke in the sentence (this one, before
        `before`, or the one before) that named the `document`: `Acme said in a statement that…`."""
        for sentence, end in ((index, before), (index - 1, None)):
            text = self._texts.get(sentence, "")[:end].lower()
            if not any(form in text for form in DOCUMENT_FORMS.get(document, (document,))):
                continue
            spoke = {
                m.entity.name: m.entity for m in self._recent(index, before, 1)
                if m.sentence == sentence and m.said and m.entity.name in self.entities
            }
            return next(iter(spoke.values())) if len(spoke) == 1 else None
        return None

    def note(self, index: int, position: int, entity: Entity) -> None:
        """Record that sentence `index` attributes words to `entity` (a resolved speaker counts as a mention); one in
        an opening subordinate clause (`Although Ortiz claimed “…”, the count stands, he said`) is not its speaker."""
        opening = position < _opening_clause_end(self._texts.get(index, ""))
        self.mentions.append(Mention(index, position, entity, True, True, opening=opening))

    def note_unnamed(self, index: int, position: int, description: str) -> None:
        """Record an unnamed speaker (`a resident`): a later `he said` may mean them rather than someone named."""
        head = description.lower().split()[-1]
        kind = unnamed_kind(description)
        gender = "f" if head in FEMALE_ROLES else "m" if head in MALE_ROLES else None
        # An indefinite one's head word is its title: a later `the resident said` means this resident.
        indefinite = description.lower().startswith(("a ", "an "))
        entity = Entity(description, kind, None, gender, titles={head} if indefinite else set())
        self.mentions.append(Mention(index, position, entity, True, True))

    def tie(self, entity: Entity, pronoun: str) -> None:
        """A pronoun confidently tied to `entity` tells its gender unless an honorific or role word did."""
        gender = _pronoun_gender(pronoun)
        if entity.kind == "person" and gender and entity.gender_from in (None, "name", "lean"):
            entity.gender, entity.gender_from = gender, "pronoun"
            entity.weak = False  # a `he` or `she` says it is a person, not a name in capitals

    def pronoun(self, word: str, index: int, before: int) -> Entity | None:
        """`he`/`she` in sentence `index` (attributing words that start at offset `before`) -> the person meant, if clear."""
        gender = _pronoun_gender(word)
        if gender is None:
            return self._group(index, before, word.lower() == "it") if word.lower() in ("they", "it") else None
        # `Although Ortiz claimed “…”, the count stands, he said.`: a report closing the sentence is not by one named
        # in its opening subordinate clause (but `Though Ruiz said…, she believed…` may well be Ruiz).
        text = self._texts.get(index, "")
        opening = _opening_clause_end(text) if _CLOSING_REPORT.match(text, before) else 0
        persons = [
            m for m in self._recent(index, before, PRONOUN_SOLE_REACH)
            if m.entity.kind == "person" and not (m.sentence == index and m.position < opening)
        ]
        near = [m for m in persons if m.sentence >= index - PRONOUN_REACH]
        # A surname relatives share, named in passing (`the Ruiz family home`), is no one's mention in particular.
        same = [m for m in near if m.entity.gender == gender and (m.subject or not m.shared)]
        if same:
            # The newest sentence naming someone of that gender; with several there, the one who spoke or else its
            # subject (see `_salient`).
            newest = [m for m in same if m.sentence == same[0].sentence]
            found = newest[0] if len({m.entity.name for m in newest}) == 1 else _salient(newest, same)
            if found is None:
                return None
            best = found
            if not (best.subject or best.said):
                # Named only in passing since another was the subject: `He said loyalists of Joe Biden…`.
                earlier = next((m for m in same if m.subject), None)
                if earlier is not None and earlier.entity is not best.entity:
                    return None
        else:
            # Nobody of that gender lately: the one who just spoke, though nothing tells their gender, outranks one of
            # that gender named farther back (`Jo Ikeme said…` right before `he said`).
            nearest = self._ungendered(near, gender)
            if nearest is not None and any(m.said and m.entity is nearest for m in near):
                return nearest
            # Farther back, only the one person of that gender in reach.
            far = [m for m in persons if m.entity.gender == gender]
            if far and any(m.entity is not far[0].entity for m in far):
                far = [m for m in far if m.said]  # with several, the one who spoke: others were named in passing
            if not far or any(m.entity is not far[0].entity for m in far):
                return nearest
            best = far[0]
        # A person of unknown gender named as a subject since could be meant as well (one that only capitals mark
        # as a person, only as a speaker: `Harbour Lights opened…` is no one's `he`). So could one whose gender
        # the first-name table gives only as mostly one gender (`Robin`, `Kim`).
        rivals = [
            m for m in persons
            if (m.entity.gender is None or m.entity.gender_from == "lean" and m.entity.gender != gender)
            and (m.said or m.subject and not m.entity.weak) and m.sentence >= best.sentence
            and m.entity is not best.entity
        ]
        if rivals and not (best.subject or best.said) and len({m.entity.name for m in rivals}) == 1:
            # The one whose gender nothing tells was the subject just before; the other only named in passing:
            # `Agency spokesperson Lu Wen gave no details. But he said…`.
            if any(m.subject and m.sentence >= index - 1 for m in rivals) and not rivals[0].entity.weak:
                return rivals[0].entity
        return None if rivals else best.entity

    def named_before(self, word: str, index: int, before: int) -> bool:
        """Whether sentence `index` names, before offset `before`, a speaker that `he`/`she` may mean: `Ruiz, the
        chief, said…, but he said…` is Ruiz, whoever spoke the quote before."""
        gender = _pronoun_gender(word)
        return any(
            m.entity.kind == "person" and m.entity.gender in (None, gender) and m.said for m in self._recent(index, before, 0)
        )

    def _ungendered(self, near: Sequence[Mention], gender: str) -> Entity | None:
        """No one of the pronoun's gender in reach: a person of unknown gender, if the newest subject and alone."""
        compatible = [m for m in near if m.entity.gender is None and (m.subject or not m.entity.weak)]
        if not compatible:
            return None
        best = compatible[0]
        if not best.subject or any(m.entity is not best.entity for m in compatible):
            return None
        return best.entity

    def _group(self, index: int, before: int, neuter: bool) -> Entity | None:
        """`they` -> an organisation, when exactly one is in reach and no person is a recent subject; `it` (never a
        person) -> the one organisation in the last few sentences."""
        recent = self._recent(index, before, PRONOUN_REACH if neuter else 1)
        # `Acme says on its website…, but it now explains…`: the one body that is the subject of this sentence, before
        # the pronoun (a name only capitals took for a person's, `Harbour Affairs`, is a body when `it` means it).
        subjects = self._subjects(recent, index) if neuter else {}
        if subjects:
            return _one_body(subjects)
        orgs = {m.entity.name: m.entity for m in recent if m.entity.kind == "organisation"}
        if len(orgs) == 1 and (neuter or not any(m.subject and m.entity.kind == "person" for m in recent)):
            return next(iter(orgs.values()))
        # `Acme said… . “…,” it said`, with other bodies in reach: the subject of the sentence before, if a body.
        return _one_body(self._subjects(recent, index - 1)) if neuter else None

    @staticmethod
    def _subjects(recent: Sequence[Mention], sentence: int) -> dict[str, Entity]:
        """The subjects among `recent` mentions in `sentence`, by name."""
        return {m.entity.name: m.entity for m in recent if m.sentence == sentence and m.subject}

    def description(self, phrase: str, index: int, before: int, chained: bool = False) -> Entity | None:
        """`the company`, `the spokeswoman`, `the former mayor` -> the entity named earlier that fits, if clear
        (`chained`: a sentence's subject with no quote, which only keeps a person in reach)."""
        words = [w.strip(",.").lower() for w in phrase.split()]
        if "of" in words[2:]:
            words = words[: words.index("of", 2)]  # `the 39-year-old founder of Quill Press`: its head is `founder`
        head = words[-1]
        if len(words) < 2 or words[0] != "the" and not words[0].endswith(("’s", "'s")):
            return None  # an indefinite `a spokesperson` is its own (anonymous) speaker
        if head in PAIR_POINTERS and len(words) == 2:
            return self._one_of_pair(PAIR_POINTERS.index(head), index, before)
        recent = self._recent(index, before, DESCRIPTION_REACH)
        if head in ORG_DESCRIPTIONS:
            orgs = [m.entity for m in recent if m.entity.kind == "organisation" and not m.addressed]
            named = [e for e in orgs if head in e.name.lower().split()]
            if named:
                return named[0]
            # `the commission` when the article named one Commission, however long ago.
            named = self._only(lambda e: e.kind == "organisation" and head in e.name.lower().split(), index)
            if named is not None:
                return named
            # `the company` with one organisation in reach (an acronym hides its kind, so it fits any head); with
            # several, an acronym that spoke in this sentence or the one before (`IRCC said … . The department
            # added`); otherwise nobody can tell which.
            distinct = {e.name for e in orgs}
            if len(distinct) == 1:
                return orgs[0] if head in GENERIC_ORG_DESCRIPTIONS or orgs[0].name.isupper() else None
            spoke = {m.entity.name: m.entity for m in recent if m.entity.kind == "organisation" and m.said and index - m.sentence <= 1}
            if len(spoke) == 1 and next(iter(spoke)).isupper():
                return spoke.popitem()[1]
            # `Acme said… . But the company seemed… . “…,” the company said`: the one body that spoke in the last two
            # sentences, with no other body as a subject since.
            lately = [m for m in recent if m.entity.kind == "organisation" and not m.addressed and index - m.sentence <= 2]
            spoke = {m.entity.name: m.entity for m in lately if m.said}
            subjects = {m.entity.name for m in lately if m.subject}
            if head in GENERIC_ORG_DESCRIPTIONS and len(spoke) == 1 and subjects <= set(spoke):
                return next(iter(spoke.values()))
            return None
        if head in DOCUMENT_NOUNS:
            return None
        gender = "f" if head in FEMALE_ROLES else "m" if head in MALE_ROLES else None
        # `the Republican nominee` is never one the article called a Democrat.
        persons = [
            m for m in recent if m.entity.kind == "person" and m.entity.gender in (None, gender or m.entity.gender)
            and not _other_side(words[1:-1], m.entity)
        ]
        by_role = list({m.entity.name: m.entity for m in persons if head in m.entity.titles}.values())
        if len(by_role) > 1:
            # `the chief justice` beside a justice, `the minister` beside a prime minister: the one whose role has
            # the description's words before the head, and no other word that makes it another office.
            by_role = [e for e in by_role if _role_fits(words[1:-1], head, e.role or "")]
        if by_role:
            return by_role[0] if len(by_role) == 1 else None
        # `the mayor` when one person named so far was ever called mayor.
        only = self._only(
            lambda e: e.kind == "person" and head in e.titles and e.gender in (None, gender or e.gender)
            and not _other_side(words[1:-1], e),
            index,
        )
        if only is not None:
            return only
        # The subject just before (`Ruiz did not hide his anger. “…,” the manager said`); for a sentence with no quote,
        # only one who spoke before (`Ruiz says… . The nominee was speaking…`, not `Ruiz robbed… . The judge was…`).
        subjects = [m for m in persons if m.subject and index - m.sentence <= 1 and head not in COURT_ROLES]
        if not subjects and not chained and any("-" in w for w in words[1:-1]):
            # `says the laid-back Leeds resident`, `the 39-year-old founder of…`: a portrait of the one person this
            # sentence or the one before names (not `the officer` after `Police stopped Reyes`: no portrait).
            # Not a title for later descriptions: a portrait fits one person, not an office.
            named = {m.entity.name: m.entity for m in persons if index - m.sentence <= 1}
            only = next(iter(named.values())) if len(named) == 1 else None
            return only if only is not None and only.name in self.entities and not only.weak else None
        if subjects and all(m.entity is subjects[0].entity for m in subjects):
            if not chained or self._spoke(subjects[0].entity, index) and subjects[0].entity.name in self.entities:
                if head in ROLE_WORDS:
                    subjects[0].entity.titles.add(head)  # the article called them so: a later `the mayor` is them
                return subjects[0].entity
        return None

    def _spoke(self, entity: Entity, index: int) -> bool:
        """Whether `entity` was the subject of a speech verb (or a resolved speaker) before sentence `index`."""
        return any(m.said and m.entity is entity for m in self.mentions if m.sentence < index)

    def _one_of_pair(self, which: int, index: int, before: int) -> Entity | None:
        """The first (0) or second (1) of the two people the newest sentence naming two or more people named, in
        its order: this one before `before`, or the newest before it that names anyone (`The two voted no.` names
        nobody); nobody when that sentence named one or more than two."""
        for sentence in range(index, index - PAIR_REACH - 1, -1):
            named = [
                m for m in self.mentions
                if m.sentence == sentence and (sentence < index or m.position < before)
                and m.entity.kind == "person" and m.entity.name in self.entities
            ]
            people = list({m.entity.name: m.entity for m in sorted(named, key=lambda m: m.position)}.values())
            if len(people) >= 2:
                return people[which] if len(people) == 2 else None
            if people and sentence < index:
                return None
        return None

    def _only(self, fits: Callable[[Entity], bool], index: int) -> Entity | None:
        """The one entity mentioned before sentence `index` that `fits`; None for none or several."""
        found = {m.entity.name: m.entity for m in self.mentions if m.sentence < index and fits(m.entity)}
        return next(iter(found.values())) if len(found) == 1 else None

    def _recent(self, index: int, before: int, reach: int) -> list[Mention]:
        """Mentions in the last `reach` sentences, newest first; in sentence `index` only those before offset `before`."""
        found = []
        for mention in reversed(self.mentions):
            if mention.sentence < index - reach:
                break
            if mention.sentence > index or mention.sentence == index and mention.position >= before:
                continue
            found.append(mention)
        return found


def _salient(newest: Sequence[Mention], same: Sequence[Mention]) -> Mention | None:
    """Of several people named in one sentence, the one a pronoun means: the one who spoke there, else its one
    subject; with no subject, the one who spoke just before (`Ruiz said… . It reached Ruiz and Diaz. “…,” he
    said`). None when that does not single out one."""
    if any(m.opening for m in newest) and any(m.subject and not m.opening for m in newest):
        # `Although Ortiz claimed…, the count stands, he said.`: the main clause's subject, not the opening clause's.
        newest = [m for m in newest if not m.opening]
    for rank in (lambda m: m.said, lambda m: m.subject):
        picked = {m.entity.name for m in newest if rank(m)}
        if len(picked) == 1:
            return next(m for m in newest if rank(m))
        if picked:
            return None
    before = next((m for m in same if m.sentence < newest[0].sentence and m.said), None)
    if before is not None and any(m.entity is before.entity for m in newest):
        return next(m for m in newest if m.entity is before.entity)
    return None


def _opening_clause_end(text: str) -> int:
    """Where a subordinate clause opening the sentence (`Although Ortiz claimed…,`) ends at its first comma; 0 if the
    sentence opens with none."""
    first = text[:12].split(" ", 1)[0].lower()
    return max(text.find(","), 0) if first in SUBORDINATORS else 0


def _named_so(mentions: Sequence[Mention], entity: Entity) -> bool:
    """Whether `entity` is the subject or the speaker of any of `mentions`."""
    return any(m.entity is entity and (m.subject or m.said) for m in mentions)


def _one_body(subjects: dict[str, Entity]) -> Entity | None:
    """The one subject of a sentence, if a body (or a name only capitals took for a person's); else None."""
    only = next(iter(subjects.values()), None)
    return only if len(subjects) == 1 and only is not None and (only.kind == "organisation" or only.weak) else None


def _plain_persons(named: Iterable[tuple[Entity, int]], text: str) -> dict[str, Entity]:
    """The persons among (entity, offset) pairs named in `text`, by name; one only capitals mark as a person, named
    after a preposition (`a buyer with Dairy Growers of Alberta`), left out: most likely a body in an appositive."""
    persons: dict[str, Entity] = {}
    for entity, start in named:
        if entity.kind == "person" and not (entity.weak and _after_preposition(text, start)):
            persons.setdefault(entity.name, entity)
    return persons


def _after_preposition(text: str, start: int) -> bool:
    """Whether the word before offset `start` (past any article) is a preposition: `with Dairy Growers`."""
    words = text[max(0, start - 30) : start].split()
    while words and words[-1] in ("the", "a", "an"):
        words.pop()
    return bool(words) and words[-1] in _PREPOSITIONS


def _other_side(modifiers: Sequence[str], entity: Entity) -> bool:
    """Whether a description's party or nationality (`the Republican nominee`) differs from every one in the role the
    article gave `entity` (`Democratic nominee Tom Reyes`), or it names another office (`the vice presidential
    nominee`, `the deputy mayor`) than the role does."""
    role = (entity.role or "").replace(",", " ").split()
    said = {w[:6] for w in modifiers if w.title() in DEMONYMS}
    has = {w.lower()[:6] for w in role if w in DEMONYMS}
    compounds = set(modifiers) & ROLE_COMPOUNDS
    return bool(said and has and not said & has) or bool(role) and not compounds <= {w.lower() for w in role}


def _role_fits(modifiers: Sequence[str], head: str, role: str) -> bool:
    """Whether a role (`Chief Justice`, `Prime Minister`) fits a description's head and the words before it."""
    words = role.lower().replace(",", " ").split()
    if head not in words:
        return True  # the title came from elsewhere (`Gov. Ruiz`): nothing to compare
    before = words[words.index(head) - 1] if words.index(head) > 0 else ""
    return set(modifiers) <= set(words) and (before not in ROLE_COMPOUNDS or before in modifiers)


def unnamed_kind(description: str) -> str:
    """"person" for `a resident`; "group" for `some critics` and "organisation" for `officials`: no `he` or `she`."""
    head = description.lower().split()[-1]
    return "organisation" if head in ORG_DESCRIPTIONS else "group" if head in GROUP_DESCRIPTIONS else "person"


def _is_subject(text: str, start: int, end: int, first: bool) -> bool:
    """A name that opens its clause is its subject, if `first` allows (one followed by a speech verb is `said`)."""
    if _OWNER_OF_NAMED.match(text, end):
        return False  # `Nora Vale's mother, Grace Vale, read…`: the owner is not the subject
    if _POSSESSED_SUBJECT.fullmatch(text, 0, start) and text.startswith(",", end):
        return True  # … but the one named in apposition to what she owns is
    if not first or text.startswith((" and ", " or "), end):  # `Anna and Maria signed`: neither alone
        return False
    lead = [w.strip(",").lower() for w in text[:start].split()]
    if len(lead) <= 4 and all(w in _OPENER_WORDS or w.isdigit() for w in lead):
        return True
    # `Given his views, Ana Ruiz, a nurse, is hopeful`: the first name after an opening phrase, with its verb.
    return text[:start].rstrip().endswith(",") and "," not in text[:start].rstrip()[:-1] and _VERB_AFTER.match(text, end) is not None


def _said_pronoun(text: str) -> tuple[int, str] | None:
    """(offset, pronoun) of the first `said he` / `said that she` in `text`."""
    reversed_text = ""
    for pronoun in _PRONOUN_AFTER_SPACE.finditer(text):
        reversed_text = reversed_text or text[::-1]
        said = _SAID_BEFORE_REVERSED.match(reversed_text, len(text) - pronoun.start(1))
        if said:
            return len(text) - said.end(), pronoun.group(1)
    return None


def _in_a_phrase(text: str, start: int) -> bool:
    """Whether a name at `start` sits inside a phrase, after a preposition or a verb (`…director of Harbour Safety`,
    `…the panel that oversees Harbour Safety`), rather than heading its clause (`Economist Ana Ruiz, 45,`)."""
    words = text[max(0, start - 30) : start].split()
    while words and words[-1] in ("the", "a", "an"):
        words.pop()
    if not words or not words[-1].isalpha() or not words[-1].islower():
        return False
    word = words[-1]
    return word in _PREPOSITIONS or word.endswith(("es", "ed")) and word not in ROLE_WORDS


def _free_pronoun(text: str) -> tuple[int, str] | None:
    """(offset, pronoun) of the first `he`/`she` in `text` outside quote marks."""
    for found in _PRONOUN_AFTER_SPACE.finditer(text):
        before = text[: found.start(1)]
        if before.count("“") <= before.count("”") and before.count('"') % 2 == 0:
            return found.start(1), found.group(1)
    return None


def _addressed(text: str, start: int) -> bool:
    """`…told the BBC`, `in an interview with CNN`: the name starting at `start` is the one spoken to."""
    words = text[max(0, start - 40) : start].lower().split()[-3:]
    if words and words[-1] == "the":
        words.pop()
    return bool(words) and (words[-1] in ADDRESSEE_VERBS or words[-2:] == ["interview", "with"])


def _said_by(text: str, start: int, end: int) -> bool:
    """`…, said Ana Ruiz.`: the name ends its clause right after a speech verb (not `said Ruiz had lied`)."""
    if _CLAUSE_END.match(text, end) is None:
        return False
    words = text[max(0, start - 60) : start].lower().split()[-6:]
    while words and words[-1] in _ROLE_OR_THE:
        words.pop()
    if not words or words[-1] in ADDRESSEE_VERBS:
        return False  # `…, he told Ana Ruiz.`: she is spoken to
    return words[-1] in SPEECH_VERBS_FINITE or " ".join(words[-2:]) in SPEECH_VERBS_FINITE


def _lead_pronoun(text: str) -> tuple[str, int] | None:
    """`He`/`she` as the subject opening a sentence (`But on Monday she said…`), with its offset."""
    if not _HE_OR_SHE_LEAD.search(text[:80]):
        return None
    at = 0
    for word in text[:80].split(" ")[:6]:
        bare = word.rstrip(",").lower()
        if bare in ("he", "she"):
            return bare, at
        if bare not in _OPENER_WORDS and not bare.isdigit():
            return None
        at += len(word) + 1
    return None


def _lead_description(text: str) -> tuple[str, int, str] | None:
    """`The Republican nominee was…`, `But the mayor said…`, `On Monday, the company seemed…`: a definite description
    with a role word or a body's noun as its head opening the sentence's main clause, followed by its verb: (phrase,
    offset, verb)."""
    opening = text[:160]
    comma = opening.find(",")
    starts = [0] if comma < 0 else [0, comma + 1]
    for start in starts:
        words = opening[start:].split(" ")
        at = start + (len(opening[start:]) - len(opening[start:].lstrip(" ")))
        words = [w for w in words if w]
        while words and words[0].lower() in _LEAD_CONJUNCTIONS:
            at = opening.index(words[0], at) + len(words[0])
            words = words[1:]
        if not words or words[0].lower() != "the":
            continue
        at = opening.index(words[0], at)
        for number, word in enumerate(words[1:7], 1):
            if not word.isalpha() and not word.replace("-", "").isalpha():
                break  # a comma, a possessive or a figure ends the description
            if word in ROLE_WORDS and word not in ROLE_QUALIFIERS or word in ORG_DESCRIPTIONS:
                following = words[number + 1] if number + 1 < len(words) else ""
                bare = following.rstrip(",.;:")
                if not bare.replace("’", "'").replace("'", "").isalpha() or not bare.islower() or bare in _NOT_A_VERB:
                    return None
                return " ".join(words[: number + 1]), at, bare
        return None
    return None


def _reporting_pronoun(text: str) -> tuple[str, int] | None:
    """`…, he said, …` or `he argued` inside a sentence: the pronoun as a speaker, with its offset (for a sentence
    that has a lowercase `he`/`she` after a space)."""
    found = _PRONOUN_SAID.search(text)
    return (found.group(1).lower(), found.start(1)) if found else None


def _honorific_gender(name: str) -> str | None:
    """"m" for `Mr. Holt`, "f" for `Mrs. Holt`; None for a name with no gendered honorific."""
    for token in name.split():
        word = token.rstrip(".").lower()
        if word in MALE_HONORIFICS:
            return "m"
        if word in FEMALE_HONORIFICS:
            return "f"
    return None


def _pronoun_gender(word: str) -> str | None:
    lowered = word.lower()
    return "m" if lowered in MALE_PRONOUNS else "f" if lowered in FEMALE_PRONOUNS else None


@lru_cache(maxsize=16384)
def _without_honorific(name: str) -> str:
    tokens = name.split()
    core = [t for t in tokens if t.rstrip(".").lower() not in HONORIFICS]
    return " ".join(core) if core else name


def _entity(person: Person) -> Entity:
    gender, told_by = _gender_of(person)
    words = (person.role or "").replace(",", " ").split()
    for form in (person.name, *person.aliases):
        words += form.split()
    return Entity(person.name, person.kind, person.role, gender, _is_weak(person), told_by, set(_titles(words)))


@lru_cache(maxsize=4096)
def _titles_of(words: tuple[str, ...]) -> frozenset[str]:
    found = set()
    for word in words:
        bare = word.rstrip(".").lower()
        if bare in ROLE_WORDS:
            found.add(bare)
        elif bare in HONORIFIC_ROLES:
            found.add(HONORIFIC_ROLES[bare])
    return frozenset(found)


def _titles(words: Sequence[str]) -> frozenset[str]:
    """The role words among `words`, with title abbreviations spelled out (`Gov.` -> governor)."""
    return _titles_of(tuple(words))


def _is_weak(person: Person) -> bool:
    """A person by capitals alone: no honorific, no role, and a first word no name table knows."""
    if person.kind != "person" or person.role:
        return False
    if any(t.rstrip(".").lower() in HONORIFICS for form in (person.name, *person.aliases) for t in form.split()):
        return False
    return first_name_kind(_without_honorific(person.name).split()[0]) == "unknown"


def _gender_of(person: Person) -> tuple[str | None, str | None]:
    """Gender from an honorific or a gendered role word, else from the first name; and which told it. None when
    they disagree or say nothing."""
    if person.kind != "person":
        return None, None
    clues = {g for g in map(_honorific_gender, (person.name, *person.aliases)) if g}
    for word in (person.role or "").lower().split():
        if word in MALE_ROLES:
            clues.add("m")
        elif word in FEMALE_ROLES:
            clues.add("f")
    if clues:
        return (clues.pop(), "title") if len(clues) == 1 else (None, None)
    first = _without_honorific(person.name).split()
    if len(first) < 2:
        return None, None
    if sure := first_name_gender(first[0]):
        return sure, "name"
    guess = first_name_lean(first[0])
    return (guess, "lean") if guess else (None, None)
