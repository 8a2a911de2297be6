"""Find quoted words in sentences and attribute them: `“…,” said X`, `X told reporters: “…”`, `according to X`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Collection, Container, Sequence

from briefings.extract.lexicon import (
    ORIGIN_ENDINGS,
    FEMALE_PRONOUNS,
    FINITE_VERB,
    GROUP_DESCRIPTIONS,
    MALE_PRONOUNS,
    ARTICLES,
    CONJUNCTIONS,
    DEATH_WORDS,
    DEMONYMS,
    DOCUMENT_NOUNS,
    DOCUMENT_RECEIVED,
    NOT_AGENT_NOUNS,
    OPINION_PARTICIPLE,
    OPINION_VERB,
    OPINION_VERBS,
    ORG_DESCRIPTIONS,
    ORG_WORDS,
    PERCEPTION_VERBS,
    PERSON_PRONOUNS,
    PLACE_PARTS,
    PLACES,
    PRONOUNS,
    ROLE_MODIFIERS,
    ROLE_WORDS,
    SPEAKER_NOUNS,
    LEAD_OPENERS,
    NOT_NAMES,
    SPEECH_INFINITIVE,
    SPEECH_NOUNS,
    SPEECH_PARTICIPLE,
    SPEECH_VERB,
    SPEECH_VERB_OPENING,
    SUBORDINATORS,
    TITLE_CUES,
    WEEKDAYS,
    alternation,
)
from briefings.extract.interview import STAGE_DIRECTION
from briefings.extract.people import CAPITALISED_RUN, is_name_like, is_organisation, name_pieces, split_role_and_name
from briefings.extract.resolve import Entity, Resolver, unnamed_kind
from briefings.models import Person, Quote, Sentence

_VERB = SPEECH_VERB
# Verbs whose subject owns a partial quote in the same sentence: `the Kremlin considered that X gave “positive signals”`.
_SUBJECT_VERB = OPINION_VERB
_CURLY = re.compile(r"“([^“”]*)(”|$)")
_STRAIGHT = re.compile(r"\"([^\"]*)(\"|$)")
# A single quote opens after space/start and closes before a non-letter; `’` followed by a letter is an apostrophe.
_SINGLE_CURLY = re.compile(r"(?:^|(?<=[\s(“\"—–-]))‘(?!\d0s)(\S[^‘’]{0,300}?(?:’(?=[a-z\d])[^‘’]{0,300}?){0,4})’(?![a-z\d])")
_SINGLE_STRAIGHT = re.compile(r"(?:^|(?<=[\s(“\"—–-]))'(?!\d0s)([^\s'][^']{0,300}?(?:'(?=[a-z\d])[^']{0,300}?){0,4})'(?![\w])")

_AFTER_VERB_FIRST = re.compile(rf"^\s*,?\s*(?P<verb>{_VERB})\s+(?P<ph>[^“”\"]+?)\s*(?:[.;!?]\s*$|$|(?=[“\"]))")
# `“…,” he was quoted as saying`: the passive of quoting reports speech too.
_QUOTED_AS = r"(?:is|are|was|were)\s+(?:also\s+)?quoted(?:\s+as\s+saying)?"
_AFTER_SUBJECT_FIRST = re.compile(rf"^\s*,?\s*(?P<ph>[^“”\";:!?]{{1,140}}?)\s+(?P<verb>{_VERB}|{_QUOTED_AS})\b")
_FINITE_VERB_RE = re.compile(FINITE_VERB)
_SPEECH_VERB_RE = re.compile(rf"(?<![\w-]){_VERB}(?![\w-])")
_OPINION_VERB_RE = re.compile(rf"(?<![\w-]){_SUBJECT_VERB}(?![\w-])")
_AUX_TAIL = re.compile(
    rf"(?:\s+(?:he|she|they|has|have|had|was|were|is|also|previously|repeatedly|publicly|later|then|once|never|often|now"
    rf"|still|just|again|\w+ly)){{0,3}}\s*$"
)
_TAIL_PRONOUN = re.compile(r"\b(?:he|she|they)\b")
# A closed aside between dashes inside a speaker phrase, and a speaker after its verb before the quote.
_PASSIVE = re.compile(r"\b(?:be|been|being|was|were|is|are)\s+(?:\w+ly\s+)?$")
# `Roe was sentenced …`: the subject had something done to them.
_PASSIVE_AFTER = re.compile(
    r"\s+(?:was|were|is|are|has been|had been|have been)\s+(?:\w+ly\s+)?[a-z]+(?:ed|en|wn|ung|lt|pt)\b"
)
# `Another resident, who asked not to be named because she feared …, said`: a relative clause between commas.
_RELATIVE_ASIDE = re.compile(r",\s+(?:who|whose|which)\s[^,“”\"]{1,160},(?=\s*$)")
_DASH_ASIDE = re.compile(r"\s(?:--|[—–―])\s[^—–―]{0,200}?\s(?:--|[—–―])(?=\s)")
_INVERTED = re.compile(r"\s+(?P<ph>[^,;:“”\"]{3,80}?)\s*[,:]\s*$")
# A capitalised word after a lowercase word or a comma: not a sentence opener.
_INNER_CAPITAL = re.compile(r"(?<=[a-z,] )[A-Z](?:[a-z]|[’'][A-Z]|[A-Z]+-[A-Z][a-z])[\w’'-]*")
_OBJECT_GAP = 70  # characters allowed between a reporting verb and the quote: `said the plan “…”`
# A speech verb's complement reaches further: `X said Sunday that she is glad and looks forward to “…”`.
_COMPLEMENT_GAP = 200
_ASIDE = re.compile(r"—|--|\s–\s|[()]")
# `and`/`but` opening a new clause with its own subject, inside a speaker phrase; a clause has a finite verb.
_NEW_CLAUSE = re.compile(
    r"\b(?:(?:and|but|while|as|because|when|after)(?=\s+(?:[A-Z]|(?:he|she|they|we|it|the|a|an|his|her|their|its)\b|[a-z]+(?:\s+[a-z]+)?\s+[A-Z]))"
    r"|(?:that|which|whom)(?=\s+(?:[A-Z]|(?:he|she|they|it|we)\b)))\s+"
)
# `Roe said he heard students shout, “…”`: the quote is the words of the ones heard, not of the hearer; the one
# spoken to may come between (`overheard a nurse tell a colleague “…”`, `recalled his father telling him “…”`).
_PERCEIVED = re.compile(
    rf"\b{alternation(PERCEPTION_VERBS)}\s+(?P<ph>[^,;:“”\"]{{1,60}}?)\s+(?P<verb>{SPEECH_INFINITIVE}|{SPEECH_PARTICIPLE})"
    rf"(?:\s+[^,;:“”\"]{{1,60}}?)?\s*,?\s*$"
)
# An opening `Asked …,` clause: the question it reports names the addressee or the topic, not the speaker.
_ASKED = re.compile(r"^(?:(?:But|And|When|Later)\s+)?(?:asked|Asked)\b[^“”\"]*,\s*$")
# Names joined by `and` (the end of a list): `Patti Lowe and Stevie Ward`.
_NAME_LIST = re.compile(r"(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]*\s+and\s+(?P<last>(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]*)")
# `the lanky, bespectacled professor`: adjectives split by a comma inside one description.
_COORDINATE_ADJECTIVES = re.compile(
    r"(?:^|(?<=,\s))((?:[Tt]he|[Aa]n?)\s+(?P<adjective>[a-z][\w-]*)),\s+(?!(?:who|which|when|where|while|as|and|but)\b)(?=[a-z][\w-]*\s+[a-z])"
)
# `“…,” and the poet Roe said`: a coordinated clause with a subject of its own (not `“…” and said`).
_COORDINATED = re.compile(
    r"^\s*,?\s*(?:and|but|while|whereas)\s+(?:[A-Z]|(?:the|a|an|he|she|they|it|we|his|her|their|its)\b)"
)
# A report set off by commas inside a sentence: `…, he said, …`, `Yet, as Roe observed, …`.
_PARENTHETICAL = re.compile(
    rf"(?:^|,\s+)(?:as\s+)?(?P<ph>(?:[A-Z][\w.’'-]*\s+){{0,3}}[A-Z][\w’'-]*|he|she|they)\s+(?P<verb>{_VERB}),\s+"
)
# Where a parenthetical report stops covering the words after it: a new clause with its own subject.
_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|or|while|whereas)\b|;")
# A sentence ending inside a quote the splitter kept: `… a goal of “Peace Through Strength.” He told …`.
_QUOTED_SENTENCE_END = re.compile(r"[.!?][”\"]\s+(?=[A-Z])")
_CLAUSE_VERB = re.compile(r"\b(?:[a-z]{2,}ed|is|was|were|are|has|had|have|did|does)\b")
_PHRASE_REACH = 160  # characters of speaker phrase looked at before a reporting verb
_ACCORDING = re.compile(r"\baccording to (?P<ph>[^,;“”\"]{1,100})", re.IGNORECASE)
_SENTENCE_END = re.compile(rf",\s+(?P<ph>[^,“”\"]{{2,90}}?)\s+(?P<verb>{_VERB})\b[^,“”\"]{{0,60}}$")
# The subject of a sentence's first clause, for `X did not comment, but said ... “…”`.
# `the Queenslander`, `the Texan`: a person described by where they come from, never a name to show.
# `Roe's office`, `the minister's office`: a body belonging to someone named by a capitalised word.
_NAMED_OWNER_BODY = re.compile(r"(?P<owner>(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w-]*)[’']s\s+(?P<body>office|campaign|team|staff)")
_ORIGIN_SHAPE = re.compile(rf"[Tt]he\s+[A-Z][a-z]+(?:{alternation(ORIGIN_ENDINGS)})")
# `a 2019 study by the Senate Finance Committee`: the body after `by` wrote it.
_DOCUMENT_BY = re.compile(
    rf"\b{alternation(DOCUMENT_NOUNS)}\s+(?:by|from)\s+(?:the\s+)?"
    rf"(?P<owner>[A-Z][\w’'.&-]*(?:\s+(?:(?:of|on|for|and)\s+(?:the\s+)?)?[A-Z][\w’'.&-]*){{0,6}})$"
)
# `A statement e-mailed to the paper by Jo Roe`: a document, what was done with it, then its author.
_DOCUMENT_SENT_BY = re.compile(
    rf"^(?:[Aa]n?|[Tt]he|[Ii]n\s+an?)\s+(?:[a-z][\w-]*\s+){{0,2}}?(?P<document>{alternation(DOCUMENT_NOUNS)})"
    rf"(?:\s+(?!{alternation(DOCUMENT_RECEIVED)}\b)[\w.’'-]+){{1,6}}?\s+by\s+(?:the\s+)?(?:[a-z]+[’']s\s+)?"
    rf"(?P<owner>[A-Z][\w’'.&-]*(?:\s+(?:(?:of|on|for|and)\s+(?:the\s+)?)?[A-Z][\w’'.&-]*){{0,6}})$"
)
# `“…,” her statement read`: a document `reads` what it says.
_DOCUMENT_READ = re.compile(
    rf"^\s*,?\s*(?P<ph>[^“”\";:!?]{{0,60}}?\b{alternation(DOCUMENT_NOUNS)})\s+(?P<verb>read|reads)\b"
)
_POSSESSIVE_PRONOUNS = {"her": "she", "his": "he", "its": "they", "their": "they"}
_LEADING_SUBORDINATOR = re.compile(r"^(?:(?:but|and|though|although|when|while|as|if|because|since|so|yet|then|also|even)\s+)+", re.IGNORECASE)
_PARENTHESES = re.compile(r"\s*\([^()]{0,60}\)")  # `Rep. Jane Roe (D-Ore.)`
# `cited a report saying`, `received an email saying`: a document someone else wrote.
_HANDLED_DOCUMENT = re.compile(
    r"\b(?:cited|citing|read|reading|received|receiving|saw|seen|quoted|quoting|shared|got)\s+(?:an?|the|this)\s+$"
)
# `…, saying “…”`, `he is claiming that …“…”`: a participle gives the quote to the subject of its main clause.
# A document takes participles of opinion too (`a statement calling the test “…”`); `by banging a pot and joking
# that …` joins the participle to the subject's own action.
_PARTICIPLE = re.compile(
    rf"(?:(?:,\s+(?:and\s+|then\s+|despite\s+|while\s+)?|\b(?:is|are|was|were|’s|'s|been)\s+(?:also\s+)?(?:quoted\s+as\s+)?"
    rf"|\b(?:by|while|after|before)\s+[a-z]{{2,}}ing\s+[^,;:“”\"]{{0,60}}?\band\s+)(?:{SPEECH_PARTICIPLE})"
    rf"|\b(?P<document>statement|letter|tweets?|posts?|messages?|note|email|release|video|interview|speech)"
    rf"(?:\s+(?!from\b|by\b)[\w-]+){{0,3}}?\s+(?:{OPINION_PARTICIPLE}))(?![\w-])"
)
# `footage of Roe saying “…”`: a name right before the participle is its subject.
# `…, with rescuers describing his survival as “…”`: the noun phrase after `with` is the participle's subject.
_WITH_PARTICIPLE = re.compile(
    rf"\bwith\s+(?P<ph>(?:an?|the|one|some|two|three|several|many)?\s*[^,;:“”\"]{{1,60}}?)\s+(?:{OPINION_PARTICIPLE})(?![\w-])"
)
_NAME_PARTICIPLE = re.compile(rf"(?:^|\s)(?P<ph>(?:[A-Z][\w.’'-]*\s+){{0,3}}[A-Z][\w’'-]*)\s+(?:{SPEECH_PARTICIPLE})(?![\w-])")
# `On July 6, 2015, Roe …`: a year after the date's comma belongs to the opening phrase.
_OPENER = re.compile(rf"^(?i:{alternation(LEAD_OPENERS)})\b[^,;:“”\"]{{0,120}},\s+(?:\d{{4}},\s+)?")
# The subject opening a main clause: a capitalised run or a pronoun, an optional appositive, then a lowercase word.
_MAIN_SUBJECT = re.compile(
    r"(?:(?:[Tt]he|A|An)\s+)?(?:[A-Z][\w.’'-]*\s+){0,5}[A-Z][\w’'-]*(?=\s*\([^()]{0,40}\)|,[^,“”\"]{1,120},\s+[a-z]|\s+[a-z])"
)
# A description opening a clause before its verb: `The diocese issued …`, `the local union has …` (1 to 3 words).
_DESCRIBED_SUBJECTS = tuple(
    re.compile(rf"(?:[Tt]he|[Aa]n?)(?:\s+[a-z][\w’'-]*){{{n}}}(?=\s+[a-z])") for n in (1, 2, 3)
)
# `Said Roe: “…”`: the verb opens the sentence, the speaker follows it.
_OPENING_VERB = re.compile(rf"^\s*(?P<verb>{SPEECH_VERB_OPENING})\s+(?P<ph>[^“”\":;]{{2,100}}?)\s*[:,]?\s*$")
# `“…” ― Jo Roe, nurse`: a dash after the quote, then the speaker, ending the sentence.
_DASH_SIGNATURE = re.compile(r"^\s*[,.]?\s*(?:[―—–]|--?)\s*(?P<ph>[A-Z][^“”\"—―]{1,80}?)\s*\.?\s*$")
# Lowercase descriptors before a full name: `said 9/11 widow Jo Roe`, `oil and gas worker Jo Roe said`.
_DESCRIBED_NAME = re.compile(r"^(?P<desc>[a-z\d][\w/’'.-]*(?:\s+[a-z\d][\w/’'.-]*){0,4})\s+(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)+)$")
_CONJUNCTIONS = CONJUNCTIONS
# Words opening an unnamed speaker besides articles: `one veteran of the crews`, `another member of the board`.
_QUANTIFIERS = frozenset(("one", "another"))
_FUNCTION_WORDS = _CONJUNCTIONS | frozenset("it this that there these those which who what where when".split())
# Where a speaker phrase stops: `Dmitri Peskov in an interview`, `Smith, who spoke on condition...`.
_PHRASE_CUT = re.compile(
    r"(?:^|\s+)(?:in|on|during|at|after|while|when|as|via|from|before|to|with|without|because|since|who|which|that"
    r"|adding|according|speaking|told|said|says|through|under|amid)\b.*$"
)
_LEADING_VERB = re.compile(rf"^{_VERB}\s+(?=[A-Z])")
# Time words that end an opening phrase written without a comma: `Last year she called …`.
_OPENING_TIMES = frozenset("year week month night morning today yesterday later earlier then".split()) | frozenset(
    w.lower() for w in WEEKDAYS
)
_SUBJECT_PRONOUNS = frozenset("he she they we".split())
_ROLE_LINKS = frozenset("of for at in with".split())
_LINKING_WORDS = frozenset("with of in on at by for to from and or but as that which who is was were are has had".split())
_PRONOUNS = PRONOUNS
_PERSON_PRONOUNS = PERSON_PRONOUNS
_ARTICLES = ARTICLES
# `the foreign ministry of Mossi-Bélé`: a body noun, then `of` and a name.
_BODY_OF = re.compile(
    rf"(?:[Tt]he)\s+(?:[a-z][\w-]*\s+){{0,2}}{alternation(ORG_DESCRIPTIONS)}\s+of\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){{0,3}}"
)
# `“…” That was the message from Jo Roe on Friday.`: a sentence about the quote before it, naming whose words they were.
_REFERS_BACK = re.compile(r"^(?:That|This|Such|These|Those)\s+(?:was|is|were|are|has been|have been)\b")
_MESSAGE_NOUNS = rf"{alternation(SPEECH_NOUNS)}\s+(?:from|of)\s+"
_SPEECH_NOUN = re.compile(rf"\s+(?:\w+\s+)?{alternation(SPEECH_NOUNS)}\b")  # `Her (blunt) warning`
_ROLE_THEN_NAME = re.compile(
    rf"(?:[A-Z][\w.’'-]*\s+){{1,3}}(?:{alternation(ROLE_WORDS)})\s+(?:[A-Z][\w.’'-]*\s+){{0,3}}[A-Z][\w’'-]*"
    r"(?=\s*\([^()]{0,40}\)|,[^,“”\"]{1,120},\s+[a-z]|\s+[a-z])"
)
# `Roe’s claim that there were “thousands of shootings”`: a named person's claim, its content quoted.
_CLAIM_OF = re.compile(
    rf"(?P<ph>(?:[A-Z][\w.’'-]*\s+){{0,3}}[A-Z][\w’'-]*)[’']s\s+(?:\w+\s+)?{alternation(SPEECH_NOUNS)}\s+that\s+"
    r"[^“”\";:!?]{0,70}$"
)
_ENDS_IN_SPEECH_NOUN = re.compile(rf"\b{alternation(SPEECH_NOUNS)}\s*:\s*$")
_MESSAGE_FROM = re.compile(
    r"^(?:(?:That|This)\s+(?:was|is)|(?:Those|These)\s+(?:were|are))\s+(?:the\s+)?(?:\w+\s+)?"
    rf"{_MESSAGE_NOUNS}(?P<ph>[^,;.]{{2,80}})"
)
# `“The best sleigh this Christmas!” was the response of one viewer.`: the quote is the sentence's subject.
_MESSAGE_AFTER = re.compile(rf"^\s*,?\s*(?:was|were)\s+(?:the\s+)?(?:\w+\s+)?{_MESSAGE_NOUNS}(?P<ph>[^,;.“”\"]{{2,80}})")
# A capitalised word inside a sentence (not its first): another name that could be the topic.
_NAMED_ELSEWHERE = re.compile(r"(?<=[\s(“\"])[A-Z][a-z][\w’'-]*")
# A label in capitals before a quote: `ANALYST'S VIEWPOINT: “…”`.
_LABEL = re.compile(r"^[A-Z][A-Z’' -]{2,40}:\s*")
# A sentence that only attributes: subject, verb of speech, then at most an adverbial (`in a note`, `on Monday`).
_ATTRIBUTION_ONLY = re.compile(rf"^(?P<ph>[^“”\";:!?]{{2,160}}?)\s+(?P<verb>{_VERB})\b(?P<rest>[^“”\";:]{{0,80}}?)[.!]?$")
_CLAUSE_IN_REST = re.compile(
    r"\b(?:that|it|he|she|they|we|is|was|were|are|has|had|have|will|would|could|can|should|must|may|might|[a-z]{2,}ed)\b"
)
_ADVERBIAL_OPENERS = frozenset(
    "in on at to during after before from with by through via outside inside near over as while when later earlier "
    "recently yesterday today tonight".split()
) | frozenset(w.lower() for w in WEEKDAYS)
# A capitalised word either side of a short quoted word: `Mary “Molly” Hart`.
_NAME_BEFORE = re.compile(r"\b[A-Z][\w.’'-]*\s$")
_NAME_AFTER = re.compile(r"\s+[A-Z][\w’'-]+")
# Small words allowed in lower case inside a title: `The Kid Who Would Be King`, `Day of the Jackal`.
_TITLE_PREPOSITIONS = frozenset(("on", "in", "to", "at", "from"))
_TITLE_SMALL_WORDS = frozenset("a an the of in on at to for and or but by with from into vs".split())
# Characters either side of a quote searched for its attribution, and quotes looked at per sentence.
_CONTEXT = 300
_FOLLOWS = "follows a quote of the same speaker"
# Words opening a sentence that goes on about the same person: it sits between a report and the quote it carries.
_TOPIC_OPENERS = frozenset("he she they his her their it its".split())
_THIRD_PERSON = MALE_PRONOUNS | FEMALE_PRONOUNS | frozenset(("they", "them", "their"))
_TRAILING_DASH = re.compile(r"(?P<word>[\w’'.]+)\s*(?P<dash>--|[—–―])\s*$")
_LISTING = re.compile(r"\b(?:including|such as|among them)\s")
_LOWER_OPENER = re.compile(r"[a-z][^,;:“”\"]{0,60},\s+(?=[A-Z])")
_DEATH = re.compile(rf"\b(?:{alternation(DEATH_WORDS)})\b", re.IGNORECASE)
_COORDINATED_ASIDE = re.compile(r"(?<=\s)(and|but)(?:\s+then)?\s*,\s[^,“”\"]{1,60},?\s*$")
_WHO_ASIDE = re.compile(r",\s+(?:who|whose)\s[^,“”\"]{1,160},")
_MAX_SPANS = 12


@dataclass(frozen=True)
class _Span:
    """One quoted stretch of a sentence: mark positions and the text between them."""

    start: int
    end: int
    text: str
    closed: bool


@dataclass(frozen=True)
class _Speaker:
    """A parsed speaker phrase, with the words that attributed it (`cue`) and the text that named it (`mention`)."""

    name: str
    role: str | None
    form: str  # "name", "pronoun" or "phrase"
    mention: str = ""
    cue: str = ""


def extract_quotes(
    sentences: Sequence[Sentence], skip_paragraphs: Collection[int] = (), people: Sequence[Person] = ()
) -> list[Quote]:
    """Direct and partial quotes in sentence order; paragraphs in `skip_paragraphs` (interview turns) are ignored.

    `people` (from extract_people) lets a short form, a pronoun or a description become the full name, and vets
    one-word speakers. A quote gets a speaker only when the attribution is clear; otherwise None.
    """
    resolver = Resolver(people, [s.text for s in sentences if s.paragraph not in skip_paragraphs])
    known = _KnownNames(resolver.forms, sentences) if people else None
    quotes: list[Quote] = []
    previous: Quote | None = None
    last_plain = -1  # the last sentence with no quote: a follow-on quote needs none between it and its speaker's
    plain_since: list[Sentence] = []  # sentences with no quote since the last quote
    previous_paragraph = -1
    last_paragraph = -1
    for here, sentence in enumerate(sentences):
        position = here
        if sentence.paragraph in skip_paragraphs:
            continue
        opens_paragraph = sentence.paragraph != last_paragraph
        last_paragraph = sentence.paragraph
        spans = _spans(sentence.text)
        resolver.read(sentence.index, sentence.text, [(s.start, s.end) for s in spans])
        if not spans:
            last_plain = sentence.index
            plain_since.append(sentence)
            continue
        found: list[tuple[_Span, str, _Speaker | None]] = []
        kinds = [(span, _kind(sentence.text, span)) for span in spans]
        if all(kind == "title" for _, kind in kinds):
            # `On “Morning Report,” Roe named housing the issue.`: a plain sentence, read with the title's words bare.
            last_plain = sentence.index
            plain_since.append(Sentence(sentence.index, _unmarked(sentence.text, spans), sentence.paragraph))
            continue
        # A title in quote marks is part of the running text: `X tells the show “Y” that “…”`.
        speech = [span for span, kind in kinds if kind != "title"]
        text = _without_nicknames(sentence.text, [span for span, kind in kinds if kind == "title"])
        for span, kind in kinds:
            if kind != "title":
                found.append((span, kind, _attribute(text, speech, len(found), kind, known)))
        refers_back = False  # the next sentence is about this quote (`That was the message from …`)
        if found and all(speaker is None for _, _, speaker in found) and _only_quotes(sentence.text, spans, labelled=True):
            # `“We won!” Coach Ann Lee, 54, shouted after the game.` split after the quote: the next sentence's cue.
            following = sentences[position + 1] if position + 1 < len(sentences) else None
            if following is not None and following.paragraph == sentence.paragraph:
                after = _speaker_after(following.text, known)
                found = [(span, kind, after) for span, kind, _ in found]
                refers_back = _REFERS_BACK.match(following.text) is not None
        for number, (span, kind, speaker) in enumerate(found):
            if speaker is None:
                # A verb of speech or opinion before the quote, since the one before it: its own report.
                own = _OPINION_VERB_RE.search(text, speech[number - 1].end if number else 0, span.start) is not None
                speaker = _sentence_speaker(found, number, own)
            position = _mention_at(sentence.text, span, speaker)
            continuing = _continued_speaker(speaker, previous, sentence, last_plain, resolver, position)
            if continuing is not None:
                entity_name, role = continuing
            else:
                entity_name, role = _resolve(speaker, resolver, sentence.index, position)
            # Kept when the mention names nobody the rules could find, so an export shows why the quote has no name.
            cue, mention = (speaker.cue, speaker.mention) if speaker is not None else (None, None)
            bare = speaker is None and not refers_back and (
                _only_quotes(sentence.text, spans) or _trailing_phrase_only(sentence.text, spans)
            )
            if (
                entity_name is None and kind == "direct" and _follows_on(sentence, span, previous, last_plain)
                and (bare or _same_person(speaker, previous, resolver))
            ):
                assert previous is not None
                entity_name, role, cue, mention = previous.speaker, previous.role, _FOLLOWS, previous.speaker_mention
            elif bare and kind == "direct" and not _pull_quote(sentence.text, span):
                carried = _carried_speaker(
                    sentence, opens_paragraph, previous, previous_paragraph, plain_since, resolver, known,
                    {q.speaker for q in quotes if q.speaker}, _reported_after(sentences, here),
                )
                if carried is not None:
                    entity_name, role, cue, mention = carried
            quote = Quote(sentence.index, _quote_text(span.text), entity_name, role, kind, cue, mention)  # type: ignore[arg-type]
            if not quote.text:
                continue
            quotes.append(quote)
            previous, previous_paragraph = quote, sentence.paragraph
        plain_since = []
    return quotes


class _KnownNames:
    """The names a lone capitalised speaker word must be among: the resolver's forms, and capitalised words the
    article uses inside a sentence (`… met Vice Premier Liu Wen …`), so `Liu said` at a sentence start names
    someone while `Analysts said` does not. The second set is built only when first needed."""

    def __init__(self, forms: frozenset[str], sentences: Sequence[Sentence], trust_any: bool = False) -> None:
        self._forms = forms
        self._sentences = sentences
        self._inner: frozenset[str] | None = None
        self._trust_any = trust_any

    def trusting(self) -> _KnownNames:
        """The same names, but any lone capitalised word counts (`“…,” Kim said` needs no vetting); `is_form` holds."""
        return _KnownNames(self._forms, self._sentences, trust_any=True)

    def is_form(self, word: str) -> bool:
        """Whether `word` is a name or short form of someone the article names (not merely a capitalised word)."""
        return word in self._forms

    def __contains__(self, word: object) -> bool:
        if self._trust_any:
            return True
        if isinstance(word, str) and "'" in word:
            word = word.replace("'", "’")  # `O'Neill` in one sentence, `O’Neill` in another
        if word in self._forms:
            return True
        if self._inner is None:
            self._inner = frozenset(
                m.group(0).replace("'", "’") for s in self._sentences for m in _INNER_CAPITAL.finditer(s.text)
            )
        return word in self._inner


def _same_person(speaker: _Speaker | None, previous: Quote | None, resolver: Resolver) -> bool:
    """`“…,” she added` right after Roe's quote, with `she` not resolved otherwise: Roe, unless Roe is a man."""
    if speaker is None or speaker.form != "pronoun" or previous is None or not previous.speaker:
        return False
    entity = resolver.entities.get(previous.speaker)
    if entity is None:  # an unnamed speaker (`a resident`, `some critics`)
        # `his son`, `her late father`: someone quoted inside another's account (`He recalled his son saying “…”`),
        # whose `he said` that follows is more likely the teller's.
        possessed = previous.speaker.split()[0].lower() in ("his", "her", "their", "my", "our")
        return unnamed_kind(previous.speaker) == "person" and not possessed
    gender = "f" if speaker.name in FEMALE_PRONOUNS else "m" if speaker.name in MALE_PRONOUNS else None
    return entity.kind == "person" and entity.gender in (None, gender)


def _speaker_after(text: str, known: Container[str] | None) -> _Speaker | None:
    """The speaker named by the sentence after a quote-only sentence: see `_attribution_only` and `_MESSAGE_FROM`."""
    message = _MESSAGE_FROM.match(text.strip())
    if message is not None:
        speaker = parse_speaker(message.group("ph"), False, known)
        return None if speaker is None or speaker.form == "pronoun" else _with_cue(speaker, message.group(0))
    return _attribution_only(text, known)


def _attribution_only(text: str, known: Container[str] | None) -> _Speaker | None:
    """`Jo Roe, a strategist at Acme Bank, said in a note.`: a sentence that is only an attribution (subject, verb of
    speech, at most a place, time or audience), which the splitter cut from the quote before it."""
    following = _spans(text)
    if any(_kind(text, span) != "title" for span in following):
        return None
    match = _ATTRIBUTION_ONLY.match(_without_nicknames(text, following).strip())
    if match is None or _CLAUSE_IN_REST.search(match.group("rest")):
        return None
    rest = match.group("rest").split()
    if rest and not (rest[0].lower() in _ADVERBIAL_OPENERS or match.group("verb") in ("told", "tells") and len(rest) <= 4):
        return None
    speaker = parse_speaker(match.group("ph"), True, known)
    if speaker is None or speaker.form == "pronoun":
        return None
    return _with_cue(speaker, text.strip())


def _unmarked(text: str, titles: Sequence[_Span]) -> str:
    """The sentence with each title's quote marks dropped (`On “Face It,” Roe …` -> `On Face It, Roe …`), except
    a title opening it, which is no one's name; a nickname inside a name is blanked (see `_without_nicknames`)."""
    text = _without_nicknames(text, [span for span in titles if span.text[-1:] not in ",.;:"])  # `On “Show,” Roe`
    for span in reversed(titles):
        if span.start > 0 and text[span.start] != " ":
            text = text[: span.start] + span.text + text[span.end :]
    return text


def _without_nicknames(text: str, titles: Sequence[_Span]) -> str:
    """`state Rep. Mary “Molly” Hart (D-Elm)`: a nickname inside a name, blanked out (offsets kept) so the name reads
    as one speaker phrase."""
    for span in titles:
        words = span.text.split()
        if (
            len(words) <= 2 and _NAME_BEFORE.search(text, 0, span.start) is not None
            and _NAME_AFTER.match(text, span.end) is not None
        ):
            text = text[: span.start] + " " * (span.end - span.start) + text[span.end :]
    return text


def _pull_quote(text: str, span: _Span) -> bool:
    """`‘Words in single marks’` with no full stop inside: a pull quote or a subheading, not a quoted sentence
    (British single-mark quotes end with their punctuation inside: `‘We will appeal.’`)."""
    return text[span.start : span.start + 1] in "‘'" and span.text.rstrip()[-1:] not in ".!?…"


def _only_quotes(text: str, spans: Sequence[_Span], labelled: bool = False) -> bool:
    """A sentence that is quoted words and nothing else: `“We will appeal.”` (`labelled`: or after a label in
    capitals, `VIEWPOINT: “…”`)."""
    label = _LABEL.match(text) if labelled else None
    rest, last = 0, label.end() if label is not None and label.end() <= spans[0].start else 0
    for span in spans:
        rest += sum(c.isalnum() for c in text[last : span.start])
        last = span.end
    return rest + sum(c.isalnum() for c in text[last:]) == 0


_SUBJECT_OPENERS = _ARTICLES | _PRONOUNS | frozenset(
    "his her their its our my your this that these those some many one two several".split()
)


def _trailing_phrase_only(text: str, spans: Sequence[_Span]) -> bool:
    """`“You went on TV to blame thousands of $12-an-hour” workers.`: one quote opening the sentence and a few
    lowercase words after it with no verb, which finish the quoted words rather than attribute them."""
    if len(spans) != 1 or text[: spans[0].start].strip():
        return False
    words = text[spans[0].end :].strip().rstrip(".").split()
    if not words or words[0].lower() in _SUBJECT_OPENERS:
        return False  # `“Help us,” the placards read.`: a subject and its verb
    return len(words) <= 6 and all(
        w[:1].islower() and not _FINITE_VERB_RE.fullmatch(w) and not _OPINION_VERB_RE.fullmatch(w) for w in words
    )


def _carried_speaker(
    sentence: Sentence,
    opens_paragraph: bool,
    previous: Quote | None,
    previous_paragraph: int,
    plain_since: Sequence[Sentence],
    resolver: Resolver,
    known: Container[str] | None,
    quoted: Collection[str] = (),
    reported_after: str | None = None,
) -> tuple[str, str | None, str, str | None] | None:
    """The speaker of a bare quote, by news convention: the paragraph's quoted speaker (`“…,” Roe said. She paused.
    “…”`), or, for a paragraph that opens with the quote, the speaker the paragraph before ended on: its last quote,
    or its last sentence reporting speech (`Roe said the rent doubled.` then `“We had no choice.”`).

    Any other report of speech in between, or a paragraph in between, breaks the chain."""
    wanted = sentence.paragraph - 1 if opens_paragraph else sentence.paragraph
    if plain_since and plain_since[-1].paragraph != wanted:
        return None
    tail: list[Sentence] = []
    for sentence_before in reversed(plain_since):  # only the wanted paragraph's: a carried quote never skips one
        if sentence_before.paragraph != wanted:
            break
        tail.append(sentence_before)
    last, verb, topic_kept = None, None, True
    for last in tail:  # last sentence first
        verb = _SPEECH_VERB_RE.search(last.text)
        if verb is not None:
            break
        topic_kept = topic_kept and _keeps_topic(last.text)
    introduces = bool(tail) and tail[0].text.rstrip().endswith(":")
    if verb is None and not introduces and previous is not None and previous.speaker and previous_paragraph == wanted:
        return previous.speaker, previous.role, _FOLLOWS, previous.speaker_mention
    if verb is None and not introduces and reported_after == "paragraph":
        return None  # `“Fire!” The guard said …`: the paragraph goes on to report someone's speech
    if (
        verb is None and not introduces and opens_paragraph and previous is not None and previous.speaker
        and previous_paragraph == wanted - 1 and plain_since[0].paragraph == wanted and _ends_sentence(sentence.text)
        and all(_about_no_one(s, known) for s in tail) and any(c.isdigit() for s in tail for c in s.text)
    ):
        # `“…,” Roe said.` ¶ `Costs rose 31 per cent.` ¶ `“…”`: a paragraph of figures about no one keeps the speaker.
        return previous.speaker, previous.role, f"{_FOLLOWS} (past a paragraph about no one)", previous.speaker_mention
    if introduces:
        last, verb = tail[0], _SPEECH_VERB_RE.search(tail[0].text)
    elif verb is None and tail:
        # `Venn faces fraud charges.` ¶ `“…”` ¶ `The prosecutor said …`: someone never quoted is no topic speaker then.
        # Nor someone whose death the text before reports: `Ruiz died in the crash.` ¶ `“Nobody deserves this.”`
        quoted_only = reported_after == "next" or any(_DEATH.search(s.text) for s in plain_since)
        return _quoted_topic(tail, opens_paragraph, resolver, known, quoted, sentence.text, quoted_only)
    elif verb is None or not topic_kept:
        return None
    if last is None or not opens_paragraph and last is not tail[0]:
        return None  # inside a paragraph, only the sentence right before: `…, Roe said. “…”`
    clauses = []
    if verb is not None:  # the last report's subject, else the first's: `X posted … and Roe predicted …`
        ends = [m.end() for m in _SPEECH_VERB_RE.finditer(last.text, verb.end())][-1:] + [verb.end()]
        clauses = [_clause_before(last.text[max(0, end - _CONTEXT) : end], _SPEECH_VERB_RE, _CONTEXT) for end in ends]
    elif introduces:  # `Roe made the following comment:`
        clauses = [_colon_subject(last.text, 0, last.text.rstrip())]
    for clause in clauses:
        rest = last.text[last.text.find(clause[0]) + len(clause[0]) :] if clause else ""
        speaker = _subject_speaker(clause[0], rest, known) if clause else None
        if clause is None or speaker is None:
            continue
        name, role = _resolve(speaker, resolver, last.index, max(0, last.text.find(speaker.mention)))
        if name is not None:
            where = "the paragraph before" if opens_paragraph else "the sentence before"
            return name, role, f"{clause[1]} ({where})"[:120], speaker.mention
    return None


def _quoted_topic(
    tail: Sequence[Sentence],
    opens_paragraph: bool,
    resolver: Resolver,
    known: Container[str] | None,
    quoted: Collection[str],
    quote_text: str,
    quoted_only: bool = False,
) -> tuple[str, str | None, str, str | None] | None:
    """`Mr. Fry describes himself as the greenest member.` then `“Why would I pander to anyone?”`: a sentence right
    before the quote whose subject is a person the article has already quoted, and no one else named in it. A
    paragraph that is only a quoted sentence also takes the one person the paragraph before is about, quoted or not
    (`Roe outlined the policy for colleagues.` then `“…”`), unless that paragraph names anyone else.

    `tail` is the plain sentences before the quote, last first; a last sentence about no one (`And then came the
    winter.`) is passed over to the one before it."""
    last, subject, speaker = tail[0], None, None
    for last in tail if opens_paragraph else tail[:1]:
        subject = _main_subject(last.text) or _subject_after_openers(last.text)
        speaker = _subject_speaker(subject.group(0), last.text[subject.end() :], known) if subject is not None else None
        if speaker is not None or _names_anyone(last, resolver):
            break
    if subject is None or speaker is None or speaker.form == "phrase":
        return None
    name, role = _resolve(speaker, resolver, last.index, subject.start())
    if name is None:
        return None
    where = "the paragraph before" if opens_paragraph else "the sentence before"
    if name not in quoted:
        entity = resolver.entities.get(name)
        if (
            quoted_only or entity is None or entity.kind != "person"
            or _PASSIVE_AFTER.match(last.text, subject.end()) is not None
            or not _ends_sentence(quote_text) or _speaks_of(quote_text, entity.gender)
            or any(_names_other(s, resolver, name, asides=s is last) for s in tail)
        ):
            return None
        return name, role, f"{subject.group(0)} ({where}, its one person)", speaker.mention
    if _names_other(last, resolver, name, subject.end()):
        return None  # `Roe met Lee.`: two people the quote could be from
    return name, role, f"{subject.group(0)} ({where}, already quoted)", speaker.mention


def _subject_after_openers(text: str) -> re.Match[str] | None:
    """`Still, even with her pension, Roe lost …`: the subject after two opening phrases."""
    opener = _OPENER.match(text)
    second = _LOWER_OPENER.match(text, opener.end()) if opener is not None else None
    return _MAIN_SUBJECT.match(text, second.end()) if second is not None else None


def _subject_speaker(subject: str, rest: str, known: Container[str] | None) -> _Speaker | None:
    """The speaker a sentence's subject names: `Her warning …` is hers, as `She …` is; `Her mother …` is not."""
    pronoun = _POSSESSIVE_PRONOUNS.get(subject.lower())
    if pronoun is not None:
        said = _SPEECH_NOUN.match(rest)
        return _Speaker(pronoun, None, "pronoun", subject) if said and pronoun in _PERSON_PRONOUNS else None
    return parse_speaker(subject, True, known)


def _names_other(sentence: Sentence, resolver: Resolver, name: str, start: int = 0, asides: bool = False) -> bool:
    """Whether the sentence names a person other than `name` (after `start`); with `asides`, not counting one named
    in a relative clause (`Roe, who lost to Lee, named …`)."""
    skipped = [m.span() for m in _WHO_ASIDE.finditer(sentence.text)] if asides else []
    for other in _NAMED_ELSEWHERE.finditer(sentence.text, start):
        if any(a <= other.start() < b for a, b in skipped):
            continue
        entity = resolver.lookup(other.group(0), sentence.index)
        if entity is not None and entity.kind == "person" and entity.name != name and not _lone_weak(entity):
            return True
    return False


def _lone_weak(entity: Entity) -> bool:
    """One capitalised word that nothing marks as a person (`the most left-leaning Green on council`)."""
    return entity.weak and " " not in entity.name


def _reported_after(sentences: Sequence[Sentence], position: int) -> str | None:
    """Whether one of the next few sentences of the paragraph reports speech (`“Fire!” The guard said …`):
    "paragraph"; or the next paragraph opens with a report of speech with no quote of its own (`“…”` ¶ `The
    prosecutor said …`): "next"; else None."""
    paragraph = sentences[position].paragraph
    following = sentences[position + 1 : position + 4]
    if any(s.paragraph == paragraph and _SPEECH_VERB_RE.search(s.text) is not None for s in following):
        return "paragraph"
    opening = next((s for s in following if s.paragraph != paragraph), None)
    if opening is not None and opening.paragraph == paragraph + 1 and not _spans(opening.text):
        return "next" if _SPEECH_VERB_RE.search(opening.text) is not None else None
    return None


def _ends_sentence(text: str) -> bool:
    """Whether quoted words end as a sentence does (a heading in quote marks does not)."""
    return text.rstrip(" ”\"’'")[-1:] in ".!?…"


def _speaks_of(quote: str, gender: str | None) -> bool:
    """`“He never turned anyone away.”`: the quote speaks of someone of that gender in the third person."""
    pronouns = MALE_PRONOUNS if gender == "m" else FEMALE_PRONOUNS if gender == "f" else MALE_PRONOUNS | FEMALE_PRONOUNS
    return any(w.strip(".,;:!?“”\"’'").lower() in pronouns for w in quote.split())


def _about_no_one(sentence: Sentence, known: Container[str] | None) -> bool:
    """A sentence of facts that names no one, with no pronoun for a person and no speaking subject: `The average
    loss was 31 per cent.` (the caller also wants a figure in the paragraph)."""
    words = sentence.text.split()
    if any(w.strip(".,;:!?()").lower() in _THIRD_PERSON for w in words) or any(w[:1].isupper() for w in words[1:]):
        return False
    if _OPINION_VERB_RE.search(sentence.text) is not None:
        return False
    subject = _main_subject(sentence.text)
    if subject is None or subject.group(0) in ("The", "A", "An"):
        return True
    return parse_speaker(subject.group(0), True, known) is None


def _names_anyone(sentence: Sentence, resolver: Resolver) -> bool:
    """Whether the sentence names a person or uses a personal pronoun: it is about someone."""
    if any(w.lower().strip(",.;:") in _PERSON_PRONOUNS for w in sentence.text.split()):
        return True
    return any(
        (entity := resolver.lookup(m.group(0), sentence.index)) is not None and entity.kind == "person"
        for m in _NAMED_ELSEWHERE.finditer(sentence.text)
    )


def _keeps_topic(text: str) -> bool:
    """`Roe said … . She moved in 2019.` keeps Roe as the topic, and so does `But, knowing the risk, she …`;
    `… . Critics disagree.` does not: the sentence's subject is a pronoun."""
    words = text[:200].split()
    if not words:
        return False
    if words[0].lower() in _TOPIC_OPENERS:
        return True
    return any(w.endswith(",") and after.lower() in _TOPIC_OPENERS for w, after in zip(words[:12], words[1:13]))


def _sentence_speaker(
    found: Sequence[tuple[_Span, str, _Speaker | None]], number: int, own_report: bool = False
) -> _Speaker | None:
    """A quote with no attribution of its own shares its sentence's: the nearest attributed quote before it, else
    the first after it (`Roe said “…” and that “…”`, `“…,” Roe said, and still “…”`)."""
    for _, _, speaker in reversed(found[:number]):
        if speaker is not None:
            return speaker
    if own_report:
        return None  # `A review called it “…,” and the poet Roe said “…”`: a report of its own, unread, is not Roe's
    return next((s for _, _, s in found[number + 1 :] if s is not None), None)


def _continued_speaker(
    speaker: _Speaker | None, previous: Quote | None, sentence: Sentence, last_plain: int, resolver: Resolver, position: int
) -> tuple[str, str | None] | None:
    """`She continued, “…”` right after her quote (no plain sentence between): the same speaker, if the gender fits
    and the pronoun's own sentence names no one else it could mean before it (`position`)."""
    if speaker is None or speaker.form != "pronoun" or previous is None or not previous.speaker:
        return None
    if resolver.named_before(speaker.name, sentence.index, position):
        return None
    if previous.sentence_index < last_plain or sentence.index - previous.sentence_index > 2:
        return None
    entity = resolver.entities.get(previous.speaker)
    gender = "f" if speaker.name in FEMALE_PRONOUNS else "m" if speaker.name in MALE_PRONOUNS else None
    if entity is None or entity.kind != "person" or gender is None or entity.gender not in (None, gender):
        return None
    resolver.tie(entity, speaker.name)
    return entity.name, previous.role


def _mention_at(text: str, span: _Span, speaker: _Speaker | None) -> int:
    """Where the speaker is named: only people named before that point can be a pronoun's antecedent."""
    if speaker is None or not speaker.mention:
        return span.start
    at = text.rfind(speaker.mention, 0, span.start)
    if speaker.form == "pronoun" and at > 0 and _ASKED.match(text[:at]):
        return 0  # `Asked what he would tell Mayor Roe, he said`: whoever was asked, never someone named in the question
    return at if at >= 0 else span.start


def _follows_on(sentence: Sentence, span: _Span, previous: Quote | None, last_plain: int) -> bool:
    """A sentence that is only a quote, right after a quote with a known speaker (no plain sentence between).

    Not for a pull quote or subheading (see `_pull_quote`)."""
    if previous is None or not previous.speaker or previous.kind == "partial" or _pull_quote(sentence.text, span):
        return False
    if previous.sentence_index < last_plain or sentence.index - previous.sentence_index > 3:
        return False
    return span.start == 0 or not sentence.text[: span.start].strip()


def _spans(text: str) -> list[_Span]:
    """Double-quoted spans, plus single-quoted spans that are not nested inside them."""
    pattern = _CURLY if "“" in text else _STRAIGHT if '"' in text else None
    spans: list[_Span] = []
    if pattern is not None:
        for m in pattern.finditer(text):
            if m.group(1).strip():
                spans.append(_Span(m.start(), m.end(), m.group(1), bool(m.group(2))))
                if len(spans) >= _MAX_SPANS:
                    break
    if "‘" in text or "'" in text:
        single = _SINGLE_CURLY if "‘" in text else _SINGLE_STRAIGHT
        for m in single.finditer(text):
            if not any(s.start <= m.start() < s.end for s in spans):
                spans.append(_Span(m.start(), m.end(), m.group(1), True))
                if len(spans) >= 2 * _MAX_SPANS:
                    break
        spans.sort(key=lambda s: s.start)
    return spans


def _kind(text: str, span: _Span) -> str:
    """`direct` for a quoted clause (ends in punctuation, follows a colon, or opens the sentence); `title` for the
    name of a work or a heading; else `partial`."""
    inner = span.text.strip()
    before = text[: span.start].rstrip()
    if is_title(inner, before) or STAGE_DIRECTION.match(inner):
        return "title"
    if before.endswith(":"):
        return "direct"
    if before[-1:].isalpha() and len(inner.split()) < 10:
        return "partial"  # woven into the sentence: `called it “a real step forward.”`
    if inner[-1:] in ",.!?…;—":
        return "direct"
    if span.start == 0 and len(inner.split()) >= 4:
        return "direct"
    return "partial"


def is_title(inner: str, before: str) -> bool:
    """Film, book, show or campaign names in quote marks: Title Case with no sentence punctuation, or a title cue
    word right before the marks (`the film`, `his book`, `a show called`)."""
    words = inner.rstrip(".,").split()
    if not words or len(words) > 12:
        return False
    cue = before.rsplit(None, 1)[-1].lower().strip(",") if before.split() else ""
    if cue in TITLE_CUES and len(words) <= 8 and inner[-1:] not in ",!?":
        return True
    # `said on “Face the Nation,” that …`: a comma inside the marks, after a preposition, may close a show's name.
    named_on = inner[-1:] == "," and cue in _TITLE_PREPOSITIONS and len(words) >= 2
    if inner[-1:] in ",!?" and not named_on or len(words) == 1 and not words[0][:1].isupper():
        return False
    capitalised = [w for w in words if w[:1].isupper() or w[:1].isdigit()]
    small = [w for w in words if w.lower() in _TITLE_SMALL_WORDS]
    return len(capitalised) + len(small) == len(words) and len(capitalised) >= max(1, len(words) - len(small)) and not (
        words[0] in ("I", "I’m", "I'm") or len(words) > 1 and words[1][:1].islower() and words[1] not in _TITLE_SMALL_WORDS
    )


def _attribute(text: str, spans: Sequence[_Span], number: int, kind: str, known: Container[str] | None) -> _Speaker | None:
    """Who the quote belongs to, from the words around it; the `cue` says which words attributed it."""
    span = spans[number]
    # Attributions sit next to the quote; windows end at the neighbouring quotes and are bounded, so a sentence
    # full of quote marks stays linear.
    low = max(spans[number - 1].end if number else 0, span.start - _CONTEXT)
    high = min(spans[number + 1].start if number + 1 < len(spans) else len(text), span.end + _CONTEXT)
    before, after = text[low : span.start], text[span.end : high]
    if low > 0 and low == span.start - _CONTEXT:
        before = before.split(" ", 1)[-1]  # start at a word, not inside one
    inner_end = span.text.rstrip()[-1:]
    at_start = low == 0
    speech_before = lambda: _clause_before(before, _SPEECH_VERB_RE, _COMPLEMENT_GAP, at_start)  # noqa: E731
    opinion_before = lambda: _clause_before(before, _OPINION_VERB_RE, at_start=at_start) or speech_before()  # noqa: E731
    if _COORDINATED.match(after):
        after = ""  # `“…,” and the poet Roe said …`: a new clause with its own subject, not this quote's report
    after_verb = lambda: _found(_AFTER_VERB_FIRST.search(after), False)  # noqa: E731
    after_subject = lambda: _found(_AFTER_SUBJECT_FIRST.search(after), True)  # noqa: E731
    message_after = lambda: _found(_MESSAGE_AFTER.match(after), False) if span.start == 0 else None  # noqa: E731
    document_read = lambda: _found(_DOCUMENT_READ.search(after), True)  # noqa: E731
    # Only where the sentence ends: before another quote, `, and he said she “…”` is that quote's own report.
    sentence_end = lambda: _found(_SENTENCE_END.search(after), True) if high == len(text) else None  # noqa: E731
    participle = lambda: _participle_clause(text, low, before)  # noqa: E731
    opening = lambda: _found(_OPENING_VERB.match(before), False) if low == 0 else None  # noqa: E731
    signature = lambda: _found(_DASH_SIGNATURE.match(after), False) if high == len(text) else None  # noqa: E731
    colon = lambda: _colon_subject(text, low, before)  # noqa: E731
    inverted = lambda: _inverted_before(before)  # noqa: E731
    claim_of = lambda: _claim_of(before)  # noqa: E731
    # `Roe called the plan “a gift to the few, paid for by the many.”`: a verb of opinion right before a long quote.
    opinion_object = lambda: _clause_before(before, _OPINION_VERB_RE, at_start=at_start)  # noqa: E731
    if kind == "direct" and inner_end == "." and before.strip():
        # `X said the plan “is dead.”`: a quote closed by a full stop is attributed before it, if at all.
        attempts = [
            speech_before, opinion_object, after_verb, after_subject, message_after, document_read, participle, opening,
            signature, colon, inverted,
        ]
    elif kind == "direct":
        attempts = [
            after_verb, after_subject, message_after, document_read, speech_before, opinion_object, participle, opening,
            signature, colon, inverted,
        ]
    else:
        # `The union rejected Roe’s claim that they were “…”`: the nearer owner of the words wins.
        attempts = [claim_of, opinion_before, sentence_end, after_verb, after_subject, participle, opening]
    perceived = _PERCEIVED.search(before)
    if perceived is not None:
        speaker = parse_speaker(perceived.group("ph"), True, known)
        return None if speaker is None else _with_cue(speaker, perceived.group(0))
    for attempt in attempts:
        found = attempt()
        if found is None:
            continue
        phrase, cue, nearest_last = found
        if phrase.lower() in _CONJUNCTIONS or not phrase:
            lead = _main_subject(text)  # `In a statement, X did not comment, but said “…”`
            phrase = lead.group(0) if lead else ""
        # A lone capitalised word right after the quote (`“…,” Kim said`) is no sentence opener: it needs no vetting.
        trusted = attempt in (after_verb, after_subject) and span.end > 0 and not text[: span.start].strip()
        vet = known.trusting() if trusted and isinstance(known, _KnownNames) else None if trusted else known
        speaker = parse_speaker(phrase, nearest_last, vet)
        if speaker is not None and (attempt is not inverted or speaker.form == "name"):
            return _with_cue(speaker, cue)
    according = _ACCORDING.search(before) or _ACCORDING.search(after)
    if according:
        speaker = parse_speaker(according.group("ph").rstrip("."), False, known)
        return _with_cue(speaker, "according to") if speaker else None
    return _parenthetical(before, known)


def _claim_of(before: str) -> tuple[str, str, bool] | None:
    """`Roe’s claim that there were “…”`: Roe's words, unless the claim reports someone else's (`that X called it`)."""
    claim = _CLAIM_OF.search(before)
    if claim is None or _OPINION_VERB_RE.search(before, claim.end("ph")) is not None:
        return None
    return _found(claim, False)


def _parenthetical(before: str, known: Container[str] | None) -> _Speaker | None:
    """`And perhaps, he said, it could help … officers who, “…”`, `Yet, as Roe observed, in the early days … “…”`: a
    report set off by commas covers the rest of its clause, up to a new clause (`, and the sign reads “…”`)."""
    last = None
    for last in _PARENTHETICAL.finditer(before):
        pass
    if last is None or len(before) - last.end() > _COMPLEMENT_GAP:
        return None
    rest = before[last.end() :]
    if _CLAUSE_BREAK.search(rest) or _OPINION_VERB_RE.search(rest) or _opens_aside(rest):
        return None
    speaker = parse_speaker(last.group("ph"), True, known)
    return None if speaker is None else _with_cue(speaker, last.group(0))


def _found(match: re.Match[str] | None, nearest_last: bool) -> tuple[str, str, bool] | None:
    """(speaker phrase, cue, whether the name nearest the verb counts) from a pattern match."""
    if match is None:
        return None
    return match.group("ph").strip(), match.group(0).strip(" ,:"), nearest_last


def _clause_before(
    before: str, verbs: re.Pattern[str], gap: int = _OBJECT_GAP, at_start: bool = False
) -> tuple[str, str, bool] | None:
    """The reporting clause right before a quote: the verb nearest the quote (at most 70 characters of object
    between them, `X said the plan`), and the words before the verb as the speaker phrase. One scan of the window."""
    last = None
    for verb in verbs.finditer(before):
        if not _PASSIVE.search(before, 0, verb.start()):
            last = verb  # `the landlord had been told about …` reports nothing the landlord said
    if last is None:
        return None
    between = before[last.end() :]
    dash = _TRAILING_DASH.search(between)
    if dash is not None and dash.group("word")[:1].isupper() and _LISTING.search(between) is not None:
        return None  # `X said the prize went to three, including Jo Roe -- “…”`: Roe's words, not X's
    # `X said the museum tells of people often overlooked -- “…”`: a dash after a plain word opens no aside.
    plain = between[: dash.start("dash")] if dash is not None else between
    if len(between) > _OBJECT_GAP and (len(between) > gap or between[:1] == "," or _opens_aside(plain)):
        return None  # past a short object, only a plain complement: not `X said, are …`, not `X said it -- “…”`
    # `Roe said she turned customers away; “I put a sign on the door.”`: a semicolon right before the quote goes on.
    stops = between.rstrip()[:-1] if between.rstrip().endswith(";") else between
    if any(c in stops for c in ";!?") or between[:1] == "," and _CLAUSE_BREAK.search(stops):
        return None  # `Small shops, Roe said, are …, and the sign reads “…”`: a new clause has its own subject
    # `Roe, the head of X -- a firm that … -- told me`; the aside still ends an opening phrase: `In the report -- the
    # second -- Roe said`.
    head = _RELATIVE_ASIDE.sub(",", _DASH_ASIDE.sub(",", before[: last.start()])).rstrip(", ")
    tail = _AUX_TAIL.search(head)
    if tail is not None:
        kept = head[: tail.start()].rstrip()
        pronoun = _TAIL_PRONOUN.search(head, tail.start())
        if pronoun is not None and (
            not kept or kept[-1] in ",;:—("
            or kept.rsplit(None, 1)[-1].lower() in _CONJUNCTIONS | _OPENING_TIMES | SUBORDINATORS
        ):
            # `As for the vote, he said`, `Last year she called`: the pronoun is the subject, not an aside
            kept = head[: pronoun.end()]
        head = kept
    cut = max(max(head.rfind(c) for c in ";:!?"), max((m.end() - 1 for m in _QUOTED_SENTENCE_END.finditer(head)), default=-1))
    phrase = head[cut + 1 :][-_PHRASE_REACH:]
    if len(phrase) == _PHRASE_REACH:
        phrase = phrase.split(" ", 1)[-1]
    clause = None
    for clause in _NEW_CLAUSE.finditer(phrase):
        pass
    if clause is not None and _CLAUSE_VERB.search(phrase, 0, clause.start()):
        phrase = phrase[clause.end() :]  # `his mother called Roe and Roe said`: the subject of the last clause
    cue_start = before.find(phrase.strip()[:40]) if len(head) < last.start() else len(head) - len(phrase)
    cue_start = max(cue_start, 0)
    words = phrase.split()
    if len(words) > 1 and words[-1].lower() in _SUBJECT_PRONOUNS and words[-2].lower() in _OPENING_TIMES:
        phrase = words[-1]  # `Last year she called …`: an opening phrase with no comma, then the subject
    # `Roe greeted her warmly and then, behind her back, sniffed`: the aside after `and then` is no subject.
    phrase = _COORDINATED_ASIDE.sub(r"\g<1>", phrase)
    if phrase.rsplit(",", 1)[-1].strip().lower() in _CONJUNCTIONS:
        phrase = ""  # `X did not comment, but said “…”`: the clause's subject is the sentence's
    elif phrase.rsplit(None, 1)[-1:] in (["and"], ["but"]):
        # `The trust reviewed the files and suggests towns “…”`: the verbs share the subject opening the clause.
        # `Roe, the former mayor, praised X and said …`: else the subject opening the phrase, past its appositive.
        own_clause = _LEADING_SUBORDINATOR.sub("", phrase.rsplit(",", 1)[-1].strip())
        subject = _main_subject(own_clause) or _MAIN_SUBJECT.match(phrase.strip())
        if subject is None and at_start:
            subject = _main_subject(head)  # the sentence's subject, however long the first verb's clause
        if subject is None:
            return None  # `…, but people misunderstood and thought …`: no subject this rule can name
        phrase = subject.group(0)
    return phrase.strip(), before[cue_start:].strip(" ,:"), True


def _inverted_before(before: str) -> tuple[str, str, bool] | None:
    """`…, asks editor Jo Roe, “…”`: a speech verb with no subject before it in its clause, and the speaker between
    it and the quote. Tried after the usual order, and only a name counts (`told reporters` names an audience)."""
    last = None
    for last in _SPEECH_VERB_RE.finditer(before):
        pass
    if last is None or before[: last.start()].rstrip()[-1:] not in ",":
        return None
    inverted = _INVERTED.match(before, last.end())
    return (inverted.group("ph"), before[last.start() :].strip(" ,:"), False) if inverted else None


def _opens_aside(between: str) -> bool:
    """An aside left open before the quote: `including Jo Roe -- “…”`, `(as Roe put it, “…”`; a closed pair of
    dashes or brackets (`all three levels — city, province, nation — should be “…”`) is part of the complement."""
    marks = [m.group(0).strip() for m in _ASIDE.finditer(between)]
    if not marks:
        return False
    dashes = [m for m in marks if m not in "()"]
    # A dash right before the quote that closes a pair (`in those days -- when … -- “…”`) ends the aside.
    trailing = _ASIDE.search(between.rstrip()[-3:])
    closes_pair = trailing is not None and trailing.group(0).strip() not in "()" and len(dashes) > 1
    return bool(len(dashes) % 2 or marks.count("(") != marks.count(")") or trailing and not closes_pair)


def _participle_clause(text: str, low: int, before: str) -> tuple[str, str, bool] | None:
    """`Roe attacked the plan, saying “…”`: the participle nearest the quote (a short object at most) and the subject
    that opens its main clause, after any opening phrase (`On Monday, Roe …`)."""
    last = None
    for last in _PARTICIPLE.finditer(before):
        pass
    named = None
    for named in _NAME_PARTICIPLE.finditer(before):
        pass
    if named is not None and named.group("ph").split()[-1] not in NOT_NAMES and (last is None or named.end() > last.end()):
        if len(before) - named.end() <= _OBJECT_GAP and not any(c in before[named.end() :] for c in ";!?"):
            return named.group("ph"), named.group(0).strip(), True
    with_subject = None
    for with_subject in _WITH_PARTICIPLE.finditer(before):
        pass
    if with_subject is not None and len(before) - with_subject.end() <= _OBJECT_GAP and (
        last is None or with_subject.end() > last.end()
    ):
        return with_subject.group("ph"), with_subject.group(0).strip(), True
    if last is None or any(c in before[last.end() :] for c in ";!?"):
        return None
    if last.group("document") and _HANDLED_DOCUMENT.search(before, 0, last.start("document")):
        return None  # `Roe cited a report saying …`: the report's words, not Roe's
    # `saying that …`: a complement clause reaches as far as after `said that`.
    reach = _COMPLEMENT_GAP if before[last.end() :].lstrip().startswith("that ") else _OBJECT_GAP
    if len(before) - last.end() > reach:
        return None
    head = text[: low + last.end()]
    subject = _main_subject(head, max(head.rfind(c) for c in ";:") + 1)
    if subject is None:
        return None
    name = subject.group(0)
    if name[-2:] in ("’s", "'s") and name[:-2].lower() in _PRONOUNS:
        name = name[:-2]  # `He’s claiming …`
    return name, text[subject.start() : low + last.end()].strip(" ,"), False


def _colon_subject(text: str, low: int, before: str) -> tuple[str, str, bool] | None:
    """`Roe, the clinic's doctor, is more blunt: “…”`: a colon right before the quote and a name or pronoun opening
    the sentence's one clause (no other colon or semicolon). A longer clause ending in a noun of speech still counts:
    `With …, Mayor Roe is rolling out a new campaign message: “…”`."""
    if low != 0 or not before.rstrip().endswith(":") or any(c in before.rstrip()[:-1] for c in ";:"):
        return None
    if before.count(" ") > (45 if _ENDS_IN_SPEECH_NOUN.search(before) else 25):
        return None
    subject = _main_subject(before)
    if subject is None:
        return None
    return subject.group(0), before[subject.start() :].strip(" :"), False


def _main_subject(text: str, start: int = 0) -> re.Match[str] | None:
    """The name opening the clause at `start`, after an opening phrase at the sentence start (`On Monday, Roe …`)."""
    while start < len(text) and text[start].isspace():
        start += 1
    opener = _OPENER.match(text, start) if start == 0 else None
    at = opener.end() if opener else start
    subject = _MAIN_SUBJECT.match(text, at)
    if subject is not None and subject.group(0) not in ("The", "A", "An"):
        return _ROLE_THEN_NAME.match(text, at) or subject  # `Senate leader Tom Hale`, not `Senate`
    for pattern in _DESCRIBED_SUBJECTS:
        described = pattern.match(text, at)
        if described is not None and _is_speaker_noun_phrase(described.group(0).split()):
            return described
    return subject


def _with_cue(speaker: _Speaker, cue: str) -> _Speaker:
    """`speaker` with the attributing words, starting at the mention when it opens them (`Varga said`)."""
    at = cue.rfind(speaker.mention) if speaker.mention else -1
    end = at + len(speaker.mention)
    if at > 0 and (cue[at - 1].isalnum() or end < len(cue) and cue[end].isalnum()):
        at = -1  # `he` inside `the` or `her`: not where the mention starts
    if (
        at > 0 and not cue.lower().startswith(("according", "―", "—", "–", "-", "was ", "were "))
        and not _SPEECH_VERB_RE.match(cue.lower())
    ):
        cue = cue[at:]
    mention = " ".join(speaker.mention.split())  # a blanked nickname leaves a run of spaces
    return _Speaker(speaker.name, speaker.role, speaker.form, mention, cue.rstrip(" .;,")[:120])


def parse_speaker(phrase: str, nearest_last: bool, known: Container[str] | None = None) -> _Speaker | None:
    """Read `the spokesman for X, Dmitri Peskov, in an interview` as speaker Dmitri Peskov with role `the spokesman for X`."""
    phrase = _COORDINATE_ADJECTIVES.sub(_join_adjectives, _PARENTHESES.sub("", phrase))
    parts = [p.strip() for p in phrase.split(",")]
    order = list(range(len(parts)))
    if nearest_last:
        order.reverse()
    fallback: _Speaker | None = None
    for i in order[:6]:
        part = _read_part(parts[i])
        if not part.text:
            continue
        if part.pronoun:
            return _Speaker(part.text.lower(), None, "pronoun", part.text)
        named = part.named
        if (
            named is not None and part.lone_name and known is not None and named.name not in known
            and named.name not in ORG_WORDS and named.name not in PLACES
        ):
            named = None  # a lone capitalised word the article never uses as a name: `Analysts`
        if named is not None and part.form_only and not (isinstance(known, _KnownNames) and known.is_form(named.name)):
            named = None  # `Jordan`, `Dean`, `Oh`: a place, a role or a word unless the article names someone so
        if named is not None and part.lone_name and _described_by_origin(part.text) and named.name not in ORG_WORDS:
            named = None  # `the Queenslander`, `the Texan`: where someone is from describes them, it is no name
        if named is not None:
            role = named.role or _neighbour_role(parts, i)
            return _Speaker(named.name, role, "name", part.text)
        if part.function_word and fallback is None and part.text.split()[0].lower() in _PRONOUNS:
            return _Speaker(part.text.split()[0].lower(), None, "pronoun", part.text.split()[0])  # `but it now`
        if part.function_word:
            continue
        if fallback is None and part.phrase is not None:
            fallback = _Speaker(part.phrase.name, None, "phrase", part.text)
        names = _NAME_LIST.fullmatch(part.text)
        listed = names is not None and i > 0 and _read_part(parts[i - 1]).named is not None  # not `Minister of X, Y and Z`
        if listed and names is not None and fallback is None:
            # `A, B and C, who joked`: the relative clause is the last one's; otherwise several speakers, none named.
            relative = i + 1 < len(parts) and parts[i + 1].split(None, 1)[:1] == ["who"]
            last = _named(names.group("last"))[0] if relative and nearest_last else None
            return _Speaker(last.name, last.role, "name", names.group("last")) if last is not None else None
    return fallback


def _join_adjectives(match: re.Match[str]) -> str:
    """`the lanky, bespectacled professor` is one description; `the mayor, a lawyer` is two."""
    return match.group(0) if _is_speaker_noun(match.group("adjective").lower()) else match.group(1) + " "


@dataclass(frozen=True)
class _Part:
    """What one comma-separated piece of a speaker phrase can be.

    It depends on the piece alone, not on the article, so `_read_part` caches it: the same pieces (`he`,
    `the Kremlin`, `the spokesman for the presidency`) come back sentence after sentence.
    """

    text: str  # the piece cut where the speaker phrase stops: `Dmitri Peskov in an interview` -> `Dmitri Peskov`
    pronoun: bool
    named: _Speaker | None  # the name ending the piece, before checking it against the article's names
    lone_name: bool  # `named` is one word, which counts only if the article uses it as a name
    form_only: bool  # `named` is a word that is a place, role or sentence word too: only a known name's form counts
    function_word: bool  # starts with `it`, `but`, `which`...: never a speaker
    phrase: _Speaker | None  # the piece as a descriptive speaker: `the ministry`, `police officers`


@lru_cache(maxsize=16384)
def _read_part(raw: str) -> _Part:
    """Analyse one piece of a speaker phrase (see `_Part`)."""
    sent_by = _DOCUMENT_SENT_BY.match(raw.strip())
    if sent_by is not None:  # `A statement e-mailed to the paper by Jo Roe`: before the cut takes `to …` away
        document = f"{sent_by.group('document')} by {sent_by.group('owner')}"
        return _Part(raw.strip(), False, None, False, False, False, _Speaker(document, None, "phrase"))
    # The opening `as` of `as one farmer put it` goes before the cut, which would otherwise take the whole piece, and
    # so does the verb of `said Jo Roe, 58, a driver who said …`.
    text = _PHRASE_CUT.sub("", _LEADING_VERB.sub("", _LEADING_SUBORDINATOR.sub("", raw.strip()))).strip()
    if not text:
        return _Part(text, False, None, False, False, False, None)
    if text.lower() in _PRONOUNS:
        return _Part(text, True, None, False, False, False, None)
    words = text.split()
    # `the president of the European Council`: a role of a body, not the body; `the candidate Mia Lee` is Mia Lee.
    described = (
        words[0].lower() in _ARTICLES and any(w in ROLE_WORDS for w in words[1:4])
        and any(w in _ROLE_LINKS for w in words[2:])
    )
    # `the president of the European Council` describes the person named beside it; it is not that council.
    named, lone_name = (None, False) if described or " and " in text else _named(text)
    described_name = _DESCRIBED_NAME.match(text) if named is None else None
    desc = described_name.group("desc").split() if described_name else []
    if desc and desc[0] != "and" and not any(w in _LINKING_WORDS - {"and"} or w in _ARTICLES for w in desc):
        named, lone_name = _named(described_name.group("name"))  # `9/11 widow Jo Roe`, `oil and gas worker Jo Roe`
        if named is not None:
            named = _Speaker(named.name, " ".join(filter(None, (described_name.group("desc"), named.role))), "name")
    function_word = words[0].lower() in _FUNCTION_WORDS
    phrase = None
    if words[0].lower() not in _LINKING_WORDS and (_is_speaker_noun_phrase(words) or _DOCUMENT_BY.search(text)):
        phrase = _Speaker(text, None, "phrase")  # `the ministry`, `officials`, `a police spokesperson`
    form_only = named is not None and lone_name and not is_name_like(named.name) and not _is_country([named.name])
    return _Part(text, False, named, lone_name, form_only, function_word, phrase)


def _is_speaker_noun_phrase(words: Sequence[str]) -> bool:
    """A description that can speak: a determiner or lowercase start, no verb, and a head noun naming people or a
    body (`the mayor`, `officials`, `a company spokeswoman`), not a fragment (`of Springfield`, `played`)."""
    first = words[0].lower()
    if not (
        first in _ARTICLES or first in _QUANTIFIERS or first.endswith(("’s", "'s"))
        or words[0].islower() and len(words) <= 3 or _named_group(words) or _owned_document(words)
    ):
        return False
    if len(words) > 8 or not _looks_like_noun_phrase(words):
        return False
    # `one veteran of the road crews`: the noun before `of` heads the phrase; `one of the players`: the one after it.
    heads = [words[-1]] + [words[i - 1] for i, w in enumerate(words) if w == "of" and i > 1][:1]
    return any(_is_speaker_noun(h.lower().rstrip(".")) for h in heads)


def _is_speaker_noun(head: str) -> bool:
    """A noun naming people or a body: `mayor`, `officials`, `ministry`, or an agent noun (`organiser`, `analyst`);
    or a document, which speaks for its author (`the report`)."""
    singular = head[:-1] if head.endswith("s") else head
    return (
        any(h in SPEAKER_NOUNS for h in (head, singular)) or head in DOCUMENT_NOUNS
        # `rescuers`, `organisers` as well as `analyst`; not `enforcement`, nor `numbers` or `others`
        or singular.endswith(("ist", "er", "or", "ian", "ant", "ent")) and not singular.endswith("ment")
        and singular not in NOT_AGENT_NOUNS
    )


def _owned_document(words: Sequence[str]) -> bool:
    """`Jo Roe's brief`, `Acme Corp's statement`: a capitalised owner, then a document."""
    return (
        len(words) <= 5 and words[-1].lower() in DOCUMENT_NOUNS and words[-2].endswith(("’s", "'s"))
        and all(w[:1].isupper() for w in words[:-1])
    )


def _named_group(words: Sequence[str]) -> bool:
    """`Treasury officials`, `Canadian officials`: a capitalised word before a plural group noun."""
    return 2 <= len(words) <= 3 and words[0][:1].isupper() and all(w.islower() for w in words[1:]) and (
        words[-1].lower() in GROUP_DESCRIPTIONS
    )


def _named(part: str) -> tuple[_Speaker | None, bool]:
    """A name at the end of `part`, with any title words in front of it as its role; and whether it is one word."""
    last = None
    for last in CAPITALISED_RUN.finditer(part):
        pass
    if last is None or last.end() != len(part):
        return None, False
    pre = part[: last.start()].split()
    loose = [w for w in pre if not _is_title_word(w)]
    if (len(loose) > 2 or any(w.lower() in _LINKING_WORDS or any(c.isdigit() for c in w) for w in loose)) and not (
        _role_before_name(pre)
    ):
        return None, False  # `attack with 145 Russian drones` is not a speaker phrase
    pieces = name_pieces(last.group(0))
    if "’s " in last.group(0) or "'s " in last.group(0):
        pieces.reverse()  # `the agency’s Jo Roe`: the owner comes first, the speaker last
    for tokens in pieces:  # otherwise the head first: `Jane Roe of Springfield` is Jane Roe
        tokens = [t for t in tokens if t != "The"]
        if tokens and tokens[-1] in ORG_WORDS:
            return _Speaker(" ".join(tokens), None, "name"), False  # `Russian Defense Ministry`, not a minister
        role_tokens, name_tokens = split_role_and_name(tokens)
        name = " ".join(name_tokens)
        if name and not pre and not role_tokens and _is_country(name_tokens):
            return _Speaker(name, None, "name"), len(name_tokens) == 1  # `Japan branded the test “…”`: its government
        if len(tokens) == 1 and len(pieces) == 1 and (not name or not is_name_like(name)):
            # `Jordan said` after Cal Jordan, `Dean said`: a surname that is also a place or role; `parse_speaker`
            # keeps it only as a name the article gives someone.
            role_tokens, name_tokens, name = [], tokens, tokens[0]
        elif not name or not is_name_like(name):
            continue
        role_words = [w for w in pre if w.lower() not in _ARTICLES] + role_tokens
        return _Speaker(name, " ".join(role_words) if role_words else None, "name"), len(name_tokens) == 1
    return None, False


def _described_by_origin(phrase: str) -> bool:
    """`the Queenslander`, `the Texan`: someone described by where they come from; not `the Minister`, a role a house
    style capitalises."""
    return _ORIGIN_SHAPE.fullmatch(phrase) is not None and phrase.split()[-1].lower() not in ROLE_WORDS


def _is_country(tokens: Sequence[str]) -> bool:
    """A country or capital standing for its government as the whole speaker phrase: `Japan`, `South Korea`; not a
    direction or a kind of place (`North`, `Valley`) and not a demonym."""
    return len(tokens) <= 2 and all(t in PLACES for t in tokens) and not all(t in PLACE_PARTS for t in tokens)


def _role_before_name(pre: Sequence[str]) -> bool:
    """A role noun right before the name, whatever precedes it: `University of Leeds political scientist`, or a role
    `of` something: `then-minister of industry`, `director of public health` (not `talks with scientist`)."""
    for length in (1, 3, 4):
        tail = pre[-length:]
        if len(tail) < length or not all(w.islower() and w not in _ARTICLES for w in tail) or length > 1 and tail[1] != "of":
            continue  # `president of the United Federation` is a role in a body, not a person's name
        role = tail[0].rsplit("-", 1)[-1]
        before = pre[-length - 1 : -length]
        if role in ROLE_WORDS and not (before and before[0].lower() in _LINKING_WORDS):
            return True
    return False


def _is_title_word(word: str) -> bool:
    """Words allowed before a name in a speaker phrase: `the`, `Ukrainian`, `former`, `U.N.`, `team’s`."""
    lowered = word.lower()
    return (
        lowered in _ARTICLES or lowered in ROLE_WORDS or lowered in ROLE_MODIFIERS or word in DEMONYMS
        or word.endswith(("’s", "'s")) or word[:1].isupper()
    )


def _neighbour_role(parts: Sequence[str], i: int) -> str | None:
    """An appositive next to the name: `the spokesman for X, NAME` or `NAME, the CEO of Y`."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(parts):
            words = parts[j].split()
            if words and (words[0].lower() in _ARTICLES or words[0].lower() in ROLE_WORDS) and any(
                w.lower() in ROLE_WORDS for w in words[:5]
            ):
                return parts[j]
    return None


def _looks_like_noun_phrase(words: Sequence[str]) -> bool:
    """Reject clauses: a noun phrase has no finite verb-ish words such as `is`, `was`, `have`."""
    return not any(w.lower() in ("is", "was", "were", "are", "has", "have", "had", "will", "would", "not") for w in words)


def _resolve(speaker: _Speaker | None, resolver: Resolver, index: int, position: int) -> tuple[str | None, str | None]:
    """Speaker name and role: a short form becomes the full name, a pronoun or description the entity it means.

    A pronoun or description that cannot be resolved clearly gives no speaker; a name the article's people
    do not hold stays as written.
    """
    if speaker is None:
        return None, None
    if speaker.form == "pronoun":
        entity = resolver.pronoun(speaker.name, index, position)
        if entity is not None and entity.name not in resolver.entities:
            return None, None  # `he` after `a resident said`: that resident, whom no name tells
        if entity is not None:
            resolver.tie(entity, speaker.name)
    elif speaker.form == "phrase" and _DOCUMENT_BY.search(speaker.name):
        owner_by = _DOCUMENT_BY.search(speaker.name).group("owner")  # type: ignore[union-attr]
        entity = resolver.lookup(owner_by, index)
        if entity is None:
            return owner_by, None
    elif speaker.form == "phrase" and speaker.name.split()[-1].lower() in DOCUMENT_NOUNS:
        # `her statement said`, `the group's report found`: the author, or nobody.
        owner = speaker.name.split()[0]
        if _owned_document(speaker.name.split()):
            owner = " ".join(speaker.name.split()[:-1])  # `Jo Roe's brief`
        if owner.lower() in _POSSESSIVE_PRONOUNS:
            entity = resolver.pronoun(_POSSESSIVE_PRONOUNS[owner.lower()], index, position)
        elif owner.endswith(("’s", "'s")):
            entity = resolver.lookup(owner[:-2], index)
        elif _named_owner(speaker.name):
            # `The RCMP statement said`: the body named before the document, as the article writes it.
            named_owner = _named_owner(speaker.name)
            entity = resolver.lookup(named_owner, index)
            if entity is None:
                return named_owner, None
        elif owner.lower() == "the":
            # `Acme said in a statement… . The statement also said`: who spoke where the document was named.
            entity = resolver.author(speaker.name.split()[-1].lower(), index, position)
        else:
            return None, None
    elif speaker.form == "phrase" and _NAMED_OWNER_BODY.fullmatch(speaker.name):
        # `Roe's office said`: the office of the person named, shown so; never another body in reach.
        owned = _NAMED_OWNER_BODY.fullmatch(speaker.name)
        owner = resolver.lookup(owned.group("owner"), index)  # type: ignore[union-attr]
        return f"{owner.name if owner else owned.group('owner')}’s {owned.group('body')}", speaker.role  # type: ignore[union-attr]
    elif speaker.form == "phrase" and _described_by_origin(speaker.name):
        return None, None  # `the Queenslander`: nothing on record ties a place of origin to one person
    elif speaker.form == "phrase" and _named_body(speaker.name):
        return _named_body(speaker.name), speaker.role  # `The Suzhou Park administrative committee`: its own name
    elif speaker.form == "phrase":
        entity = resolver.description(speaker.name, index, position)
        if entity is None:
            resolver.note_unnamed(index, position, speaker.name)
            # `the laid-back owner` stands for someone named earlier whom the rules could not find: no name shown.
            # `a spokesperson`, `officials` are anonymous speakers as the article gives them.
            return (None, None) if speaker.name.lower().startswith("the ") else (speaker.name, speaker.role)
    else:
        entity = resolver.lookup(speaker.name, index)
        if entity is None and _described_by_origin(speaker.mention):
            return None, None  # `the Queenslander said`: someone described by where they are from, not a name
        if entity is None:
            return speaker.name, speaker.role
    if entity is None:
        return None, None
    resolver.note(index, position, entity)
    return entity.name, speaker.role or entity.role


def _named_body(phrase: str) -> str:
    """`The Suzhou Industrial Park administrative committee` -> without `The`: a body noun named by capitalised words
    that are not just a nationality or a place (`the Canadian government` is a description to resolve), else ``."""
    of_body = _BODY_OF.fullmatch(phrase)
    if of_body is not None:  # `the foreign ministry of Mossi-Bélé`
        return phrase.split(None, 1)[1]
    words = phrase.split()
    if len(words) < 3 or words[0].lower() not in _ARTICLES or words[-1] not in ORG_DESCRIPTIONS:
        return ""
    named = [w for w in words[1:-1] if w[:1].isupper()]
    if not named or all(w in DEMONYMS or w in PLACES for w in named):
        return ""
    return " ".join(words[1:])


def _named_owner(phrase: str) -> str:
    """`The RCMP statement` -> `RCMP`: capitalised words between the article and the document noun, else ``."""
    words = phrase.split()[:-1]
    if words and words[0].lower() in _ARTICLES:
        words = words[1:]
    return " ".join(words) if words and all(w[:1].isupper() for w in words) else ""


def _quote_text(inner: str) -> str:
    """The quoted words as they appear, without surrounding spaces or a trailing comma."""
    return inner.strip().rstrip(",").rstrip()
