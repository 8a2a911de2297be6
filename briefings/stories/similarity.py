"""Near-duplicate detection over title and lead: MinHash signatures of content words, indexed by MinHash LSH."""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
# Estimated Jaccard above which two articles tell the same story. Outlets word a story differently: on the
# tuning fixture (tests/stories/stories_a.json) same-story pairs score 0.13 and up, different stories 0.075 at most.
THRESHOLD = 0.1
LEAD_WORDS = 60  # title + this many words of the body: what every outlet's version of a story states
LEAD_CHARS = 1_000  # more than LEAD_WORDS words need
MAX_CANDIDATES = 200
# Articles a new one is compared with: the newest. Stories are news; this keeps grouping time per article flat
# (about 3,000 articles a day from 100 feeds: a day and a half).
WINDOW = 5_000
SEED = 1  # fixed, with the scheme, so signatures stored by one process compare with those made by another
SCHEME = "affine32"  # 32-bit hash values: 4 bytes each when stored

# Function words and newsroom verbs every story shares: they would make unrelated stories look alike.
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my no nor not
    now of off on once only or other our ours out over own same she should so some such than that the their
    theirs them then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours
    said says say told tells according new news report reports reported after amid over says week day
    monday tuesday wednesday thursday friday saturday sunday today yesterday
    """.split()
)
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# Names and figures are what outlets keep when they reword a story: each counts three times (as itself and
# two tagged copies), so sharing "Brisca" and "6.1" outweighs sharing "earthquake" and "killed".
_NAME_OR_FIGURE = re.compile(r"\b([A-Z][a-z][\w-]+|\d[\d,.]*\d%?|\d%?)")


def content_words(title: str | None, body: str) -> set[str]:
    """Lower-cased words of the title and lead, without function words, plural and possessive endings cut."""
    text = f"{title or ''}. {' '.join(body.split()[:LEAD_WORDS])}"
    words: set[str] = set()
    for word in _WORD.findall(text.lower()):
        word = word.replace("’", "'").removesuffix("'s").replace(",", "")
        if word in STOPWORDS or len(word) < 3 and not word.isdigit():
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.add(word)
    for match in _NAME_OR_FIGURE.finditer(text):
        token = match.group(1).lower()
        if token not in STOPWORDS:
            words.update((f"#{token}", f"##{token}"))
    return words


# Every signature shares these; drawn from SEED for each new MinHash they cost 0.1 ms, twenty times the rest of it.
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(words: Iterable[str]) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_PERMUTATIONS, scheme=SCHEME)
    minhash.update_batch([w.encode() for w in words])
    return minhash


def lead_signature(title: str | None, text: str) -> bytes:
    """The stored signature of an article: its title and the first LEAD_CHARS characters of its clean text."""
    return to_bytes(signature(content_words(title, text[:LEAD_CHARS])))


def to_bytes(minhash: MinHash) -> bytes:
    return minhash.hashvalues.astype(np.uint32).tobytes()


def from_bytes(data: bytes) -> MinHash:
    return MinHash(
        num_perm=NUM_PERM, seed=SEED, hashvalues=np.frombuffer(data, dtype=np.uint32), permutations=_PERMUTATIONS,
        scheme=SCHEME,
    )


@dataclass
class StoryIndex:
    """The newest `window` articles, by LSH band; `assign` puts a new article in the story of its most similar
    neighbour. The window keeps the cost per article flat however large the archive grows.

    The bands are plain dicts, one lookup per band: datasketch's MinHashLSH (whose choice of bands and rows for the
    threshold is kept) spent 0.4 ms per article on its storage layer, in the one process that stores a load.
    """

    threshold: float = THRESHOLD
    window: int = WINDOW
    # article id -> (story id, signature, band keys), in insertion order (oldest first), so the oldest leaves first
    members: dict[int, tuple[int, MinHash, list[bytes]]] = field(default_factory=dict)
    bands: int = field(init=False)
    rows: int = field(init=False)
    _tables: list[dict[bytes, set[int]]] = field(init=False)

    def __post_init__(self) -> None:
        lsh = MinHashLSH(threshold=self.threshold, num_perm=NUM_PERM)
        self.bands, self.rows = lsh.b, lsh.r
        self._tables = [{} for _ in range(self.bands)]

    def _keys(self, minhash: MinHash) -> list[bytes]:
        values = np.asarray(minhash.hashvalues[: self.bands * self.rows], dtype=np.uint32)
        return [band.tobytes() for band in values.reshape(self.bands, self.rows)]

    def add(self, article_id: int, story_id: int, minhash: MinHash, keys: list[bytes] | None = None) -> None:
        self.discard(article_id)
        keys = keys or self._keys(minhash)
        for table, key in zip(self._tables, keys):
            table.setdefault(key, set()).add(article_id)
        self.members[article_id] = (story_id, minhash, keys)
        while len(self.members) > self.window:
            self.discard(next(iter(self.members)))

    def discard(self, article_id: int) -> None:
        """Forget an article (the oldest of the window, or one removed from the store)."""
        member = self.members.pop(article_id, None)
        if member is None:
            return
        for table, key in zip(self._tables, member[2]):
            ids = table[key]
            ids.discard(article_id)
            if not ids:
                del table[key]

    def assign(self, article_id: int, minhash: MinHash) -> int:
        """The story of the most similar indexed article at or above the threshold, else a new story (its own id).

        Only the newest MAX_CANDIDATES candidates are compared: on text full of words every article shares,
        LSH returns thousands, and a story is news, so the recent ones are the ones that matter.
        """
        keys = self._keys(minhash)
        found: set[int] = set()
        for table, key in zip(self._tables, keys):
            ids = table.get(key)
            if ids:
                found |= ids
        found.discard(article_id)
        candidates = heapq.nlargest(MAX_CANDIDATES, found)
        best_story = article_id
        if candidates:
            others = np.stack([self.members[c][1].hashvalues for c in candidates])
            similarity = np.count_nonzero(others == minhash.hashvalues, axis=1) / NUM_PERM
            best = int(np.argmax(similarity))
            if similarity[best] >= self.threshold:
                best_story = self.members[candidates[best]][0]
        self.add(article_id, best_story, minhash, keys)
        return best_story
