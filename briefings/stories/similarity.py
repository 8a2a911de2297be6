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
    neighbour. The window keeps the cost per article flat however large the archive grows."""

    threshold: float = THRESHOLD
    window: int = WINDOW
    lsh: MinHashLSH = field(init=False)
    # article id -> (story id, signature), in insertion order (oldest first), so the oldest leaves first
    members: dict[int, tuple[int, MinHash]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.lsh = MinHashLSH(threshold=self.threshold, num_perm=NUM_PERM)

    def add(self, article_id: int, story_id: int, minhash: MinHash) -> None:
        if article_id in self.members:
            self.lsh.remove(article_id)
            del self.members[article_id]
        self.lsh.insert(article_id, minhash, check_duplication=False)
        self.members[article_id] = (story_id, minhash)
        while len(self.members) > self.window:
            oldest = next(iter(self.members))
            self.lsh.remove(oldest)
            del self.members[oldest]

    def discard(self, article_id: int) -> None:
        """Forget an article that was removed from the store."""
        if self.members.pop(article_id, None) is not None:
            self.lsh.remove(article_id)

    def assign(self, article_id: int, minhash: MinHash) -> int:
        """The story of the most similar indexed article at or above the threshold, else a new story (its own id).

        Only the newest MAX_CANDIDATES candidates are compared: on text full of words every article shares,
        LSH returns thousands, and a story is news, so the recent ones are the ones that matter.
        """
        candidates = heapq.nlargest(MAX_CANDIDATES, (c for c in self.lsh.query(minhash) if c != article_id))
        best_story = article_id
        if candidates:
            others = np.stack([self.members[c][1].hashvalues for c in candidates])
            similarity = np.count_nonzero(others == minhash.hashvalues, axis=1) / NUM_PERM
            best = int(np.argmax(similarity))
            if similarity[best] >= self.threshold:
                best_story = self.members[candidates[best]][0]
        self.add(article_id, best_story, minhash)
        return best_story
