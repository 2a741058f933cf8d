"""Reader for ECB+ in the Cybulska & Vossen setup (as released by Barhom et al. 2019).

A split is three files in one folder: `ECB_<Split>_corpus.txt` (one token a
line: `doc_id  sent  token  text  coref-chain`, blank lines between
sentences), and `ECB_<Split>_Event_gold_mentions.json` /
`ECB_<Split>_Entity_gold_mentions.json` (lists of mentions with their token
numbers and gold coreference chain). A document id reads `TOPIC_NUMecb` or
`TOPIC_NUMecbplus`: the two halves of a topic report two different real
events on one theme, so the gold story of a document is its topic and half.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventdesk.errors import EvalDataError

_CORPUS = re.compile(r"^ECB_(?P<split>[A-Za-z0-9]+)_corpus\.txt$")
_DOC_ID = re.compile(r"^(?P<topic>\d+)_(?P<number>\d+)(?P<half>ecbplus|ecb)$")
# Tokens written without a space before them when detokenising.
_NO_SPACE_BEFORE = frozenset({".", ",", ":", ";", "!", "?", "'s", "'", "n't", "%", ")", "'re",
                              "'ve", "'ll", "'d", "'m"})
_NO_SPACE_AFTER = frozenset({"(", "$", "``"})


@dataclass(frozen=True)
class EcbDocument:
    """One ECB+ document: its id and its (annotated) sentences as token lists."""

    id: str
    sentences: tuple[tuple[int, tuple[str, ...]], ...]  # (sentence id, tokens)

    @property
    def topic(self) -> str:
        """The topic number, e.g. "12"."""
        return parse_doc_id(self.id)[0]

    @property
    def gold_story(self) -> str:
        """The topic and half this document reports, e.g. "12ecbplus"."""
        topic, half = parse_doc_id(self.id)
        return f"{topic}{half}"


@dataclass(frozen=True)
class EcbMention:
    """A gold event or entity mention: tokens of one sentence and its chain."""

    doc_id: str
    sentence: int
    tokens: tuple[int, ...]
    text: str
    chain: str
    mention_type: str  # ACT, NEG for events; HUM, LOC, TIM, NON for entities

    @property
    def key(self) -> tuple[str, int, tuple[int, ...]]:
        """A unique identity for the mention within a split."""
        return (self.doc_id, self.sentence, self.tokens)


@dataclass(frozen=True)
class EcbSplit:
    """One split: its documents in file order and its gold mentions."""

    name: str
    documents: tuple[EcbDocument, ...]
    events: tuple[EcbMention, ...]
    entities: tuple[EcbMention, ...]


def parse_doc_id(doc_id: str) -> tuple[str, str]:
    """(topic, half) of a document id; raises EvalDataError on other shapes."""
    match = _DOC_ID.match(doc_id)
    if match is None:
        raise EvalDataError(
            f"ECB+ document id {doc_id!r} is not TOPIC_NUMecb or TOPIC_NUMecbplus; "
            f"check that the corpus file is in the Cybulska setup format"
        )
    return match["topic"], match["half"]


def find_splits(data_dir: Path) -> list[str]:
    """Split names with a corpus file in `data_dir`, sorted."""
    if not data_dir.is_dir():
        raise EvalDataError(f"{data_dir}: ECB+ folder not found; pass the cybulska_setup folder")
    names = sorted(m["split"] for p in data_dir.iterdir() if (m := _CORPUS.match(p.name)))
    if not names:
        raise EvalDataError(f"{data_dir}: no ECB_<Split>_corpus.txt file; is this the ECB+ folder?")
    return names


def _read_corpus(path: Path) -> tuple[EcbDocument, ...]:
    sentences: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 4:
                continue  # blank line between sentences
            try:
                sentences[fields[0]][int(fields[1])].append(fields[3])
            except ValueError as error:
                raise EvalDataError(f"{path}:{number}: sentence id is not a number: {line!r}") from error
    return tuple(
        EcbDocument(doc_id, tuple((s, tuple(tokens)) for s, tokens in sorted(sents.items())))
        for doc_id, sents in sentences.items()
    )


def _mention(raw: dict[str, Any], path: Path) -> EcbMention:
    try:
        return EcbMention(
            doc_id=raw["doc_id"], sentence=int(raw["sent_id"]),
            tokens=tuple(int(t) for t in raw["tokens_number"]), text=raw["tokens_str"],
            chain=raw["coref_chain"], mention_type=raw.get("mention_type", ""),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise EvalDataError(f"{path}: malformed mention {raw!r}: {error}") from error


def _read_mentions(path: Path) -> tuple[EcbMention, ...]:
    if not path.is_file():
        raise EvalDataError(f"{path}: gold mentions file missing; every corpus needs its mentions")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise EvalDataError(f"{path}: cannot read gold mentions: {error}") from error
    if not isinstance(raw, list):
        raise EvalDataError(f"{path}: expected a JSON list of mentions")
    return tuple(_mention(item, path) for item in raw)


def read_split(data_dir: Path, split: str) -> EcbSplit:
    """Read one split's corpus and gold mentions from `data_dir`."""
    corpus = data_dir / f"ECB_{split}_corpus.txt"
    if not corpus.is_file():
        raise EvalDataError(f"{corpus}: no such ECB+ split; found {find_splits(data_dir)}")
    documents = _read_corpus(corpus)
    for document in documents:
        parse_doc_id(document.id)
    return EcbSplit(
        name=split, documents=documents,
        events=_read_mentions(data_dir / f"ECB_{split}_Event_gold_mentions.json"),
        entities=_read_mentions(data_dir / f"ECB_{split}_Entity_gold_mentions.json"),
    )


def detokenise(tokens: tuple[str, ...] | list[str]) -> tuple[str, list[int]]:
    """Text from tokens, and each token's character offset in it."""
    parts: list[str] = []
    offsets: list[int] = []
    length = 0
    glue = True
    for token in tokens:
        if parts and not glue and token not in _NO_SPACE_BEFORE:
            parts.append(" ")
            length += 1
        offsets.append(length)
        parts.append(token)
        length += len(token)
        glue = token in _NO_SPACE_AFTER
    return "".join(parts), offsets
