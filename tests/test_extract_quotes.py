"""Quote finding and attribution over sentences and whole test articles."""

from pathlib import Path

from briefings.extract.article import extract_article
from briefings.extract.quotes import extract_quotes
from briefings.models import Sentence
from briefings.extract.split_sentences import split_sentences

ARTICLES = Path(__file__).parent / "articles"


def quotes_of(*paragraphs: str):
    return extract_quotes(split_sentences(paragraphs))


def article(name: str):
    return extract_article((ARTICLES / name).read_text(encoding="utf-8"))


def test_said_after_quote_with_appositive_role() -> None:
    [quote] = quotes_of("“The signs are positive. We agree,” said the spokesman for the Russian presidency, Dmitri Peskov, in an interview with state media.")
    assert (quote.speaker, quote.role, quote.kind) == ("Dmitri Peskov", "the spokesman for the Russian presidency", "direct")
    assert quote.text == "The signs are positive. We agree"


def test_name_said_after_quote_and_title_premodifier() -> None:
    [quote] = quotes_of("“We will rebuild,” Ukrainian President Volodimir Zelensky said on Sunday.")
    assert (quote.speaker, quote.role) == ("Volodimir Zelensky", "Ukrainian President")


def test_speaker_before_quote_with_colon_and_told() -> None:
    first, second = quotes_of("Mayor Ann Lee said: “We are ready.”", "Officer Tom Ruiz told reporters “Nobody was hurt.”")
    assert (first.speaker, first.kind) == ("Ann Lee", "direct")
    assert second.speaker == "Tom Ruiz"


def test_pronoun_resolves_to_recent_named_speaker() -> None:
    quotes = quotes_of("“It was chaos,” Maria Sanchez said.", "“I ran,” she added.")
    assert [q.speaker for q in quotes] == ["Maria Sanchez", "Maria Sanchez"]


def test_pronoun_without_antecedent_stays_unknown() -> None:
    [quote] = quotes_of("“It was chaos,” he said.")
    assert quote.speaker is None


def test_partial_quote_belongs_to_sentence_subject() -> None:
    [quote] = quotes_of("While the war goes on, the Kremlin considered that the magnate gave “positive signals” regarding peace.")
    assert (quote.text, quote.kind, quote.speaker) == ("positive signals", "partial", "Kremlin")


def test_partial_quote_with_end_attribution() -> None:
    [quote] = quotes_of("Ukraine faced a new “record” attack with 145 drones, Ukrainian President Volodimir Zelensky denounced in X.")
    assert (quote.text, quote.kind, quote.speaker) == ("record", "partial", "Volodimir Zelensky")


def test_according_to() -> None:
    [quote] = quotes_of("The plan is “dead in the water”, according to Senator Mark Hale.")
    assert quote.speaker == "Mark Hale"


def test_apostrophes_are_not_single_quotes() -> None:
    assert quotes_of("It’s Trump’s plan and we don’t like the ’90s style.") == []


def test_quote_text_is_substring_and_index_points_to_sentence() -> None:
    sentences = split_sentences(["Intro line.", "“Fine,” Bo Diaz said. “Really,” he added."])
    for quote in extract_quotes(sentences):
        assert quote.text in sentences[quote.sentence_index].text


def test_skipped_paragraphs_yield_no_quotes() -> None:
    sentences = [Sentence(0, "“Hello there, friends,” Ann Lee said.", 0)]
    assert extract_quotes(sentences, skip_paragraphs={0}) == []


def test_wire_report_speakers() -> None:
    quotes = {q.text: q for q in article("wire_report.txt").quotes}
    assert quotes["We are still pulling people out of the rubble"].speaker == "Serhiy Lysak"
    assert quotes["We are still pulling people out of the rubble"].role == "the governor of the Dnipropetrovsk region"
    assert quotes["The death toll may rise."].speaker == "Serhiy Lysak"
    assert quotes["This is terror against civilians, nothing else"].speaker == "Serhiy Lysak"
    assert quotes["Every day of delay costs lives"].speaker == "Andrii Sybiha"
    assert quotes["We condemn this attack in the strongest terms"].speaker == "Stéphane Dujarric"
    assert quotes["They are saving them for the cold months"].speaker == "Oleksandr Kovalenko"
    assert quotes["military infrastructure"].kind == "partial"
    assert quotes["military infrastructure"].speaker == "Russian Defense Ministry"


def test_straight_and_single_quotes_article() -> None:
    quotes = {q.text: q for q in article("straight_quotes.txt").quotes}
    assert quotes["We didn't play well. The players' confidence is low and it's my job to fix it"].speaker == "Pedro Alves"
    nested = "He told me, 'Keep your head up,' and that's what I'll do"
    assert quotes[nested].speaker == "Marco Lima"
    assert "Keep your head up" not in quotes  # nested quote stays inside the outer one
    assert quotes["the toughest in years"].kind == "partial"
    assert quotes["It is not over yet"].speaker == "Rui Costa"
    assert quotes["It is not over yet"].role == "the team's captain"
    assert not any("90" in text for text in quotes)


def test_partial_quote_after_verb_of_saying_in_abbreviation_article() -> None:
    quotes = {q.text: q for q in article("abbreviations.txt").quotes}
    assert quotes["a real step forward."].speaker == "Dr. Maria K. Lopez"
    assert quotes["promising but modest."].speaker == "Prof. J. R. Hammond"


def test_cached_speaker_pieces_are_still_vetted_per_article() -> None:
    """`_read_part` is cached across articles, so a lone name must still be checked against each article's names."""
    from briefings.extract.quotes import parse_speaker

    assert parse_speaker("Analysts", True, known=frozenset()) is None
    speaker = parse_speaker("Analysts", True, known=frozenset({"Analysts"}))
    assert speaker is not None and speaker.name == "Analysts"
    assert parse_speaker("Analysts", True, known=frozenset()) is None
