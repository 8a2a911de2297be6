"""Near-duplicate detection over title and lead: MinHash signatures of content words, indexed by MinHash LSH."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
THRESHOLD = 0.2  # estimated Jaccard of content-word sets above which two articles tell the same story
LEAD_WORDS = 60  # title + this many words of the body: what every outlet's version of a story states
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


def content_words(title: str | None, body: str) -> set[str]:
    """Lower-cased words of the title and lead, without function words, plural and possessive endings cut."""
    lead = " ".join(body.split()[:LEAD_WORDS])
    words: set[str] = set()
    for word in _WORD.findall(f"{title or ''} {lead}".lower()):
        word = word.replace("’", "'").removesuffix("'s").replace(",", "")
        if word in STOPWORDS or len(word) < 3 and not word.isdigit():
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.add(word)
    return words


def signature(words: Iterable[str]) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch([w.encode() for w in words])
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    return minhash.hashvalues.astype(np.uint32).tobytes()


def from_bytes(data: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=np.frombuffer(data, dtype=np.uint32), scheme=SCHEME)


@dataclass
class StoryIndex:
    """Articles seen so far, by LSH band; `assign` puts a new article in the story of its most similar neighbour."""

    threshold: float = THRESHOLD
    lsh: MinHashLSH = field(init=False)
    members: dict[int, tuple[int, MinHash]] = field(default_factory=dict)  # article id -> (story id, signature)

    def __post_init__(self) -> None:
        self.lsh = MinHashLSH(threshold=self.threshold, num_perm=NUM_PERM)

    def add(self, article_id: int, story_id: int, minhash: MinHash) -> None:
        if article_id in self.members:
            self.lsh.remove(article_id)
        self.lsh.insert(article_id, minhash, check_duplication=False)
        self.members[article_id] = (story_id, minhash)

    def assign(self, article_id: int, minhash: MinHash) -> int:
        """The story of the most similar indexed article at or above the threshold, else a new story (its own id)."""
        best_story, best = article_id, self.threshold
        for other in self.lsh.query(minhash):
            if other == article_id:
                continue
            story, other_hash = self.members[other]
            similarity = minhash.jaccard(other_hash)
            if similarity >= best:
                best_story, best = story, similarity
        self.add(article_id, best_story, minhash)
        return best_story
