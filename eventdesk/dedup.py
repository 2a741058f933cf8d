"""Duplicate reports: one id for the same text, links between wire copies.

Exact duplicates are caught by the id itself: `article_id` digests the text
after normalising what does not change a report (spacing, case, Unicode
forms, curly quotes), so the same report read twice gets the same id and the
store keeps one. Near-duplicates (a wire story republished with a new
headline, a changed sentence, an added credit line) are found with MinHash
over word 5-grams and linked to the earlier report, never dropped.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from eventdesk.model import Article

SHINGLE_WORDS = 5
_CANDIDATE_MARGIN = 0.15
_QUOTE_MAP = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
})
_WORD = re.compile(r"\w+")


def normalise_text(text: str) -> str:
    """Text as compared for identity: NFKC, casefolded, plain quotes, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MAP).casefold()
    return " ".join(text.split())


def article_id(text: str) -> str:
    """The hex SHA-256 digest of the normalised text: identical reports share it."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def shingles(text: str, *, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The word n-grams of a text, as bytes for hashing; a short text is one shingle."""
    words = _WORD.findall(normalise_text(text))
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


class NearDuplicateIndex:
    """MinHash LSH over the articles seen so far; `add` links wire copies to originals."""

    def __init__(self, threshold: float, num_perm: int) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"near-duplicate threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        # LSH only proposes candidates; a lower bar there keeps copies whose similarity
        # is just over the threshold from being missed, and the estimate confirms them
        self._lsh = MinHashLSH(threshold=max(0.5, threshold - _CANDIDATE_MARGIN), num_perm=num_perm)
        # one set of permutations for all signatures: building them per article is slow
        template = MinHash(num_perm=num_perm)
        self._permutations = template.permutations
        # datasketch >= 2.0 wants the hashing scheme restated with shared permutations
        self._scheme = {"scheme": template.scheme} if hasattr(template, "scheme") else {}
        self.scheme: str = getattr(template, "scheme", "legacy")  # saved signatures must match it
        self._signatures: dict[str, MinHash] = {}
        self._original: dict[str, str] = {}  # article id -> the original it copies
        self._order: dict[str, int] = {}  # article id -> when it was indexed

    @classmethod
    def from_articles(cls, articles: Iterable[Article], *, threshold: float = 0.8,
                      num_perm: int = 128) -> NearDuplicateIndex:
        """An index seeded with articles already stored, keeping their existing links."""
        index = cls(threshold, num_perm)
        for article in articles:
            index.restore(article.id, index.signature(article.text).hashvalues,
                          near_duplicate_of=article.near_duplicate_of)
        return index

    def restore(self, article_id: str, hashvalues: np.ndarray, *,
                near_duplicate_of: str | None = None) -> None:
        """Index a stored article from its saved signature, keeping its existing link."""
        if len(hashvalues) != self.num_perm:
            raise ValueError(f"{article_id}: signature has {len(hashvalues)} values, "
                             f"the index uses {self.num_perm}")
        signature = MinHash(num_perm=self.num_perm, permutations=self._permutations,
                            hashvalues=hashvalues, **self._scheme)
        self._insert(article_id, signature)
        if near_duplicate_of is not None:
            self._original[article_id] = near_duplicate_of

    def hashvalues(self, article_id: str) -> np.ndarray:
        """The signature of an indexed article, to be saved with it."""
        return self._signatures[article_id].hashvalues

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._signatures

    def signature(self, text: str) -> MinHash:
        """The MinHash signature of a text's word 5-grams."""
        signature = MinHash(num_perm=self.num_perm, permutations=self._permutations,
                            **self._scheme)
        signature.update_batch(list(shingles(text)))
        return signature

    def _insert(self, article_id: str, signature: MinHash) -> None:
        if article_id not in self._signatures:
            self._lsh.insert(article_id, signature)
            self._signatures[article_id] = signature
            self._order[article_id] = len(self._order)

    def find_original(self, text: str, *, exclude: str = "") -> tuple[str, float] | None:
        """The earlier article a text copies and the estimated Jaccard, or None."""
        return self._best(self.signature(text), exclude=exclude)

    def add(self, article: Article) -> Article:
        """Index an article; returned with `near_duplicate_of` set if it copies an earlier one."""
        if article.id in self._signatures:
            return article  # an exact duplicate: the store keeps one, nothing to link
        signature = self.signature(article.text)
        match = self._best(signature, exclude=article.id)
        self._insert(article.id, signature)
        if match is None:
            return article
        self._original[article.id] = match[0]
        return dataclasses.replace(article, near_duplicate_of=match[0])

    def _best(self, signature: MinHash, *, exclude: str) -> tuple[str, float] | None:
        # earliest first, so that among equally similar reports the oldest is the original
        candidates = sorted((c for c in self._lsh.query(signature) if c != exclude),
                            key=self._order.__getitem__)
        if not candidates:
            return None
        # the share of equal hash values estimates Jaccard; one array op for all candidates
        stacked = np.stack([self._signatures[c].hashvalues for c in candidates])
        similarity = np.count_nonzero(stacked == signature.hashvalues, axis=1) / self.num_perm
        best = int(np.argmax(similarity))
        if similarity[best] < self.threshold:
            return None
        # a copy of a copy is linked to the report they all copy
        return self._original.get(candidates[best], candidates[best]), float(similarity[best])
