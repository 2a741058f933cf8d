"""The TimeML reader: body text, offsets, DCT and errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventdesk.errors import EvalDataError
from eventdesk.timeml import iter_timeml, parse_timeml, read_meantime, read_timeml, timeml_files

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "timeml"


def test_read_timeml_offsets_point_at_the_annotated_text() -> None:
    doc = read_timeml(FIXTURES / "news" / "harbour.tml")
    assert doc.timexes
    for timex in doc.timexes:
        assert doc.text[timex.start:timex.end] == timex.text


def test_read_timeml_reads_dct_values_and_mods() -> None:
    doc = read_timeml(FIXTURES / "news" / "harbour.tml")
    assert doc.dct == dt.date(2016, 3, 27)
    by_text = {t.text: t for t in doc.timexes}
    assert by_text["nearly three weeks"].value == "P3W"
    assert by_text["nearly three weeks"].mod == "APPROX"
    assert by_text["daily"].type == "SET"
    assert "&" in doc.text and "<EVENT" not in doc.text  # entities decoded, markup gone


def test_read_timeml_ignores_the_dct_timex_outside_the_body() -> None:
    doc = read_timeml(FIXTURES / "news" / "market.tml")
    assert doc.dct == dt.date(1999, 11, 4)
    assert [t.text for t in doc.timexes] == ["two days", "October", "next Monday", "yesterday"]


def test_parse_timeml_malformed_xml_names_the_file() -> None:
    source = (FIXTURES / "broken.tml.txt").read_text(encoding="utf-8")
    with pytest.raises(EvalDataError, match="broken"):
        parse_timeml(source, name="broken")


def test_parse_timeml_without_text_element_raises() -> None:
    with pytest.raises(EvalDataError, match="no <TEXT>"):
        parse_timeml("<TimeML><DOCID>x</DOCID></TimeML>", name="x")


def test_parse_timeml_without_dct_has_none() -> None:
    doc = parse_timeml("<TimeML><TEXT>Nothing dated.</TEXT></TimeML>")
    assert doc.dct is None and doc.timexes == ()


def test_timeml_files_finds_tml_files_in_folders_sorted() -> None:
    files = timeml_files([FIXTURES])
    assert [f.name for f in files] == ["harbour.tml", "market.tml"]
    assert len(list(iter_timeml([FIXTURES]))) == 2


def test_timeml_files_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(EvalDataError, match="no such file"):
        timeml_files([tmp_path / "absent"])
    with pytest.raises(EvalDataError, match="no .tml files"):
        timeml_files([tmp_path])


def test_read_meantime_rebuilds_text_and_spans() -> None:
    doc = read_meantime(FIXTURES / "meantime" / "ferry.xml")
    assert doc.text == "Ferry resumes\nMay 4, 2011\nThe ferry stopped last week."
    assert doc.dct == dt.date(2011, 5, 4)
    assert [(t.text, t.value) for t in doc.timexes] == [("May 4, 2011", "2011-05-04"), ("last week", "2011-W17")]


def test_iter_timeml_reads_meantime_folders() -> None:
    (doc,) = iter_timeml([FIXTURES / "meantime"])
    assert doc.name == "ferry"


def test_read_meantime_scores_only_the_sentences_annotated_for_times(tmp_path: Path) -> None:
    # MEANTIME marks times in the title and the next five sentences; later ones were never annotated.
    tokens = "".join(f'<token number="{i}" sentence="{i}" t_id="{i + 1}">S{i}</token>\n' for i in range(8))
    path = tmp_path / "eight.xml"
    path.write_text(f'<?xml version="1.0" ?><Document doc_id="8" doc_name="eight" lang="en">\n{tokens}'
                    "<Markables></Markables></Document>", encoding="utf-8")
    doc = read_meantime(path)
    assert doc.text == "S0\nS1\nS2\nS3\nS4\nS5\nS6\nS7"
    assert doc.annotated_end is not None and doc.text[:doc.annotated_end] == "S0\nS1\nS2\nS3\nS4\nS5"


def test_read_meantime_short_document_is_annotated_whole() -> None:
    assert read_meantime(FIXTURES / "meantime" / "ferry.xml").annotated_end == len(
        "Ferry resumes\nMay 4, 2011\nThe ferry stopped last week.")
