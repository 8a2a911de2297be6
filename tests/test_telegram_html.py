"""Splitting rendered HTML into Telegram messages: within the limit, between paragraphs, never inside a tag."""

from __future__ import annotations

from briefings.views.telegram_html import MESSAGE_LIMIT, html_to_text, split_messages, telegram_length
from tests.telegram_html_check import check_telegram_html, visible_text


def test_short_text_is_one_message() -> None:
    assert split_messages("<b>Hello</b>\n\nWorld") == ["<b>Hello</b>\n\nWorld"]


def test_form_feed_forces_a_new_message() -> None:
    assert split_messages("one\n\f\ntwo") == ["one", "two"]


def test_paragraphs_are_packed_and_never_cut() -> None:
    paragraphs = [f"<b>Story {i}</b> " + "word " * 150 for i in range(20)]
    messages = split_messages("\n\n".join(paragraphs))
    assert len(messages) > 1
    for message in messages:
        assert telegram_length(message) <= MESSAGE_LIMIT
        assert check_telegram_html(message) == []
    # every paragraph arrives whole, in order
    assert "\n\n".join(messages).split("\n\n") == [p.strip() for p in paragraphs]


def test_one_huge_paragraph_splits_between_words_and_reopens_tags() -> None:
    block = "<blockquote><i>" + " ".join(f"w{i}" for i in range(3000)) + "</i></blockquote>"
    messages = split_messages(block, limit=1000)
    assert len(messages) >= 15
    for message in messages:
        assert telegram_length(message) <= 1000
        assert check_telegram_html(message) == []
        assert message.startswith("<blockquote><i>") and message.endswith("</i></blockquote>")
    words = " ".join(visible_text(m) for m in messages).split()
    assert words == [f"w{i}" for i in range(3000)]


def test_entities_are_never_cut() -> None:
    block = "&amp;" * 3000
    messages = split_messages(block, limit=1001)
    assert all(check_telegram_html(m) == [] for m in messages)
    assert "".join(messages) == block


def test_emoji_count_twice_toward_the_limit() -> None:
    text = " ".join(["📰"] * 3000)  # 5,999 code points but 8,999 UTF-16 units
    messages = split_messages(text)
    assert len(messages) == 3
    assert all(telegram_length(m) <= MESSAGE_LIMIT for m in messages)


def test_plain_text_drops_tags_and_decodes_entities() -> None:
    assert html_to_text('<b>A &amp; B</b> <a href="https://x.org/?a=1&amp;b=2">link</a>') == (
        "A & B link (https://x.org/?a=1&b=2)"
    )


def test_a_huge_article_is_cut_short_with_a_note(db, tmp_path) -> None:
    from briefings.store.load_corpus import load_corpus
    from briefings.views.render import ARTICLE_MESSAGES, render_article

    article = tmp_path / "huge.txt"
    article.write_text("\n".join(["The council said 12 bridges in Lyon will close. " * 40] * 200), encoding="utf-8")
    load_corpus(db, [article])
    messages = render_article(db, 1)
    assert len(messages) == ARTICLE_MESSAGES
    assert "more messages of this article are not shown" in messages[-1]
    assert all(check_telegram_html(m) == [] for m in messages)
