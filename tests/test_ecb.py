"""The ECB+ reader: documents, gold stories, mentions, detokenising, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.ecb import detokenise, find_splits, parse_doc_id, read_split
from eventdesk.errors import EvalDataError

TINY = Path(__file__).resolve().parent / "fixtures" / "ecb"


def test_read_split_documents_and_mentions() -> None:
    split = read_split(TINY, "Tiny")
    assert len(split.documents) == 8
    assert {d.gold_story for d in split.documents} == {"1ecb", "1ecbplus", "2ecb", "2ecbplus"}
    assert len(split.events) == 16 and len(split.entities) == 12
    second = next(d for d in split.documents if d.id == "2_2ecb")
    assert [s for s, _ in second.sentences] == [0, 1]
    fired = next(m for m in split.events if m.doc_id == "2_2ecb" and m.text == "fired")
    assert fired.chain == "ACT_F1" and fired.tokens == (3,)


def test_find_splits_lists_corpus_files() -> None:
    assert find_splits(TINY) == ["Tiny"]


@pytest.mark.parametrize(("doc_id", "expected"), [
    ("12_3ecb", ("12", "ecb")), ("5_10ecbplus", ("5", "ecbplus")),
])
def test_parse_doc_id(doc_id: str, expected: tuple[str, str]) -> None:
    assert parse_doc_id(doc_id) == expected


def test_parse_doc_id_rejects_other_shapes() -> None:
    with pytest.raises(EvalDataError, match="TOPIC_NUMecb"):
        parse_doc_id("doc7")


def test_read_split_missing_split_names_found_ones() -> None:
    with pytest.raises(EvalDataError, match="Tiny"):
        read_split(TINY, "Test")


def test_find_splits_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(EvalDataError, match="not found"):
        find_splits(tmp_path / "nowhere")


def test_read_split_missing_mentions(tmp_path: Path) -> None:
    (tmp_path / "ECB_X_corpus.txt").write_text("1_1ecb\t0\t0\tHello\t-\n", encoding="utf-8")
    with pytest.raises(EvalDataError, match="gold mentions file missing"):
        read_split(tmp_path, "X")


def test_detokenise_offsets_point_at_tokens() -> None:
    tokens = ["Police", "said", "(", "on", "Friday", ")", "it", "'s", "over", "."]
    text, offsets = detokenise(tokens)
    assert text == "Police said (on Friday) it's over."
    assert all(text[o:o + len(t)] == t for o, t in zip(offsets, tokens, strict=True))
