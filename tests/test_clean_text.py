"""Cleaning rules: markup, teasers, Related blocks and translation slips."""

from briefings.extract.clean_text import clean_text


def test_html_tags_entities_and_attribute_tails_are_removed() -> None:
    cleaned = clean_text('<p>Floods&nbsp;hit &quot;hard&quot; &amp; fast.</p>\nItaly">Heavy rain fell.\n<a href="x">Teams</a> arrived.')
    assert cleaned.paragraphs == ('Floods hit “hard” & fast.', "Heavy rain fell.", "Teams arrived.")


def test_curly_attribute_tail_at_line_start_is_removed() -> None:
    assert clean_text("Ukraine“>Russia launched drones.").paragraphs == ("Russia launched drones.",)


def test_numeric_entity_becomes_character() -> None:
    assert clean_text("He said &#8220;no&#8221; twice.").paragraphs == ("He said “no” twice.",)


def test_teaser_lines_go_to_related() -> None:
    body = "First line of news.\nYou may be interested: Teaser one\nRead also: Teaser two\nREAD MORE: Teaser three\nSee also: Four\nLast line."
    cleaned = clean_text(body)
    assert cleaned.paragraphs == ("First line of news.", "Last line.")
    assert cleaned.related == ("Teaser one", "Teaser two", "Teaser three", "Four")


def test_related_block_keeps_interview_that_follows() -> None:
    body = "News text here.\nRelated\nWhat does it mean for Europe?\nInterview between Host Ann Lee and Expert Dr. Bo Kim\nAnn Lee: Hello?\nDr. Bo Kim: Hello."
    cleaned = clean_text(body)
    assert cleaned.related == ("What does it mean for Europe?",)
    assert cleaned.paragraphs[1].startswith("Interview between")
    assert cleaned.paragraphs[-1] == "Dr. Bo Kim: Hello."


def test_related_block_headlines_end_at_a_real_paragraph() -> None:
    cleaned = clean_text("Intro.\nRelated articles\nStorm hits coast\nRescuers worked through the night to reach the village.")
    assert cleaned.related == ("Storm hits coast",)
    assert cleaned.paragraphs[-1].startswith("Rescuers")


def test_spanish_y_between_names_becomes_and() -> None:
    cleaned = clean_text("Talks between Vladimir Putin y Donald Trump and Russia y Ukraine. Ay y ay.")
    assert cleaned.paragraphs == ("Talks between Vladimir Putin and Donald Trump and Russia and Ukraine. Ay y ay.",)


def test_glued_known_name_is_split() -> None:
    cleaned = clean_text("A call with Donald Trumpthe latter asked for calm.\nTrump spoke.")
    assert "Trumpthe" not in cleaned.paragraphs[0]
    assert "Donald Trump, the latter asked" in cleaned.paragraphs[0]


def test_unknown_glue_is_left_alone() -> None:
    assert clean_text("Heather and Other people came along today.").paragraphs[0] == "Heather and Other people came along today."


def test_lowercase_paragraph_start_is_capitalised_and_comma_pronoun_lowercased() -> None:
    cleaned = clean_text("four days ago, Moscow launched a massive drone attack on the capital.\nThe paper, which cited sources, They indicated a deal.")
    assert cleaned.paragraphs[0].startswith("Four days ago")
    assert cleaned.paragraphs[1] == "The paper, which cited sources, they indicated a deal."


def test_whitespace_is_collapsed_and_empty_lines_dropped() -> None:
    assert clean_text("  A   b\t c  \n\n\nAdvertisement\nD.").paragraphs == ("A b c", "D.")
