"""Story grouping: pairwise F1 against known groups, on the tuning fixture and on one never tuned on."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from briefings.stories.assign import group_titles
from briefings.stories.similarity import content_words, from_bytes, signature, to_bytes

FIXTURES = Path(__file__).resolve().parent / "stories"


def pairwise_f1(labels: list[int], gold: list[str]) -> float:
    tp = fp = fn = 0
    for i, j in combinations(range(len(gold)), 2):
        same, truth = labels[i] == labels[j], gold[i] == gold[j]
        tp += same and truth
        fp += same and not truth
        fn += truth and not same
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@pytest.mark.parametrize("name", ["stories_a.json", "stories_b.json"])
def test_grouping_reaches_pairwise_f1_of_0_9(name):
    articles = json.loads((FIXTURES / name).read_text(encoding="utf-8"))["articles"]
    labels = group_titles([(a["title"], a["body"]) for a in articles])
    f1 = pairwise_f1(labels, [a["story"] for a in articles])
    assert f1 >= 0.9, f"{name}: pairwise F1 {f1:.3f}"


def test_pairwise_f1_counts_what_it_should():
    assert pairwise_f1([1, 1, 2, 2], ["a", "a", "b", "b"]) == 1.0
    assert pairwise_f1([1, 1, 1, 1], ["a", "a", "b", "b"]) == pytest.approx(2 * (2 / 6) * 1 / (2 / 6 + 1))
    assert pairwise_f1([1, 2, 3, 4], ["a", "a", "b", "b"]) == 0.0


def test_signatures_survive_storage():
    minhash = signature(content_words("Quake hits Brisca", "A 6.1 quake hit Brisca in Valdoria."))
    assert from_bytes(to_bytes(minhash)).jaccard(minhash) == 1.0


@pytest.mark.parametrize(
    ("title", "body", "expected", "absent"),
    [
        ("Bank of Estmark raises rates", "", {"bank", "estmark", "raise", "rate", "#estmark"}, {"of"}),
        ("Quake: 12 dead", "The 6.1 quake killed 12 people.", {"#6.1", "#12", "quake", "dead"}, {"the"}),
        (None, "Officials said on Monday that talks stalled.", {"official", "talk", "stalled"}, {"said", "monday"}),
    ],
)
def test_content_words(title, body, expected, absent):
    words = content_words(title, body)
    assert expected <= words and not (absent & words)


def test_banded_index_finds_what_datasketch_lsh_finds_and_forgets_what_leaves_the_window():
    from datasketch import MinHashLSH

    from briefings.stories.similarity import NUM_PERM, THRESHOLD, StoryIndex

    articles = json.loads((FIXTURES / "stories_a.json").read_text(encoding="utf-8"))["articles"]
    minhashes = [signature(content_words(a["title"], a["body"])) for a in articles]
    index, lsh = StoryIndex(window=len(minhashes) // 2), MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    for i, minhash in enumerate(minhashes):
        index.add(i, i, minhash)
        lsh.insert(i, minhash)
        if i >= index.window:
            lsh.remove(i - index.window)
    assert list(index.members) == list(range(len(minhashes) - index.window, len(minhashes)))
    for minhash in minhashes:
        found = set().union(*(table.get(key, ()) for table, key in zip(index._tables, index._keys(minhash))))
        assert found == set(lsh.query(minhash))
    for i in list(index.members):
        index.discard(i)
    assert not index.members and not any(index._tables)
