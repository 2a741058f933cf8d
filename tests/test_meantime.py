"""The MEANTIME reader on a two-article corpus of our own in MEANTIME's XML format."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventdesk.errors import EvalDataError
from eventdesk.meantime import corpus_folders, corpus_name, read_corpus, read_document

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "meantime"
CARS = FIXTURE / "intra_cross-doc_annotation" / "corpus_cars"


@pytest.fixture(scope="module")
def documents() -> list:
    return read_corpus(CARS)


def test_read_corpus_rebuilds_text_one_line_per_sentence_in_creation_order(documents: list) -> None:
    assert [d.id for d in documents] == ["9001", "9002"]
    assert [d.dct for d in documents] == [dt.date(2010, 3, 4), dt.date(2010, 3, 5)]
    first = documents[0].text.split("\n")
    assert first[0] == "Volkswagen to close plant in Brussels"
    assert first[1] == "March 04, 2010"  # no space before the comma
    assert first[2].endswith("factory in Brussels.")
    assert documents[0].corpus == "cars"


def test_read_corpus_mentions_point_into_the_text(documents: list) -> None:
    for document in documents:
        for mention in document.mentions:
            assert document.text[mention.start:mention.end] == mention.text
    assert [m.text for m in documents[0].mentions] == [
        "Volkswagen", "Brussels", "Volkswagen", "it", "Brussels", "Martin Winterkorn"]


@pytest.mark.parametrize(("doc", "text", "kind", "instance"), [
    (0, "Martin Winterkorn", "PER", "PER900003"),
    (0, "it", "ORG", "ORG900001"),  # a pronoun refers to the same instance as the name
    (1, "Winterkorn", "PER", "PER900003"),
    (1, "Union leaders", "ORG", "9002#11"),  # an entity with no cross-document instance: local to its article
    (1, "Thousands of workers", "", ""),  # no REFERS_TO: a singleton of no type
])
def test_read_corpus_mention_type_and_instance(documents: list, doc: int, text: str, kind: str,
                                               instance: str) -> None:
    mention = next(m for m in documents[doc].mentions if m.text == text)
    assert (mention.type, mention.instance) == (kind, instance)


def test_corpus_folders_accepts_the_root_the_annotation_folder_or_a_name() -> None:
    assert corpus_folders(FIXTURE) == [CARS]
    assert corpus_folders(FIXTURE / "intra_cross-doc_annotation") == [CARS]
    assert corpus_folders(FIXTURE, "cars") == corpus_folders(FIXTURE, "corpus_cars") == [CARS]
    assert corpus_name(CARS) == "cars"


def test_corpus_folders_unknown_corpus_names_the_ones_there() -> None:
    with pytest.raises(EvalDataError, match="it holds: cars"):
        corpus_folders(FIXTURE, "gm")


def test_read_document_rejects_a_file_that_is_not_meantime(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text("<TimeML><TEXT>nothing</TEXT></TimeML>", encoding="utf-8")
    with pytest.raises(EvalDataError, match="not a MEANTIME document"):
        read_document(path)
    path.write_text("<Document", encoding="utf-8")
    with pytest.raises(EvalDataError, match="cannot read"):
        read_document(path)
