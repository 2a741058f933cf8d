"""The geoparsing evaluation: both corpus formats, the metrics, and a quality gate."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from eventdesk.errors import EvalDataError
from eventdesk.eval_geo import distance_km, error_summary, evaluate_geo, format_geo, read_geo_corpus
from eventdesk.settings import Options

TEXT = "Shelling hit Damascus on Monday. Residents of Aleppo said the road to Qwzxvbrt was cut."
GWN = f"""<?xml version="1.0" ?>
<articles><article file="0"><title>t</title><text>{TEXT}</text><toponyms>
<toponym><extractedName>Damascus</extractedName><type>Literal</type><start>13</start><end>21</end>
<latitude>33.5102</latitude><longitude>36.29128</longitude></toponym>
<toponym><extractedName>Aleppo</extractedName><type>Literal</type><start>46</start><end>52</end>
<latitude>36.20124</latitude><longitude>37.16117</longitude></toponym>
<toponym><extractedName>Residents</extractedName><type>Non_Lit_Expression</type><start>33</start><end>42</end>
</toponym></toponyms></article></articles>"""
LGL = f"""<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="1"><text><![CDATA[{TEXT}]]></text><toponyms>
<toponym><start>13</start><end>21</end><phrase>Damascus</phrase><gaztag geonameid="170654">
<name>Damascus</name><fcode>PPLC</fcode><lat>33.5102</lat><lon>36.29128</lon></gaztag></toponym>
<toponym><start>70</start><end>78</end><phrase>Qwzxvbrt</phrase><gaztag geonameid="1">
<name>Qwzxvbrt</name><fcode>PPL</fcode><lat>10.0</lat><lon>10.0</lon></gaztag></toponym>
</toponyms></article></articles>"""


@pytest.fixture()
def corpora(tmp_path: Path) -> dict[str, Path]:
    """A one-article corpus in each format."""
    paths = {"gwn": tmp_path / "GWN.xml", "lgl": tmp_path / "lgl.xml"}
    paths["gwn"].write_text(GWN, encoding="utf-8")
    paths["lgl"].write_text(LGL, encoding="utf-8")
    return paths


def test_read_geo_corpus_detects_both_formats(corpora: dict[str, Path]) -> None:
    gwn, = read_geo_corpus(corpora["gwn"])
    lgl, = read_geo_corpus(corpora["lgl"])
    assert [t.text for t in gwn.toponyms] == ["Damascus", "Aleppo", "Residents"]
    assert [t.located for t in gwn.toponyms] == [True, True, False]
    assert [(t.kind, t.text) for t in lgl.toponyms] == [("PPLC", "Damascus"), ("PPL", "Qwzxvbrt")]
    assert all(TEXT[t.start:t.end] == t.text for t in gwn.toponyms + lgl.toponyms)


def test_read_geo_corpus_refuses_what_is_not_xml(tmp_path: Path) -> None:
    path = tmp_path / "GWN.xml"
    path.write_text("not xml", encoding="utf-8")
    with pytest.raises(EvalDataError, match="GWN.xml"):
        read_geo_corpus(path)


def test_distance_km_of_a_degree_of_latitude() -> None:
    assert distance_km(0, 0, 1, 0) == pytest.approx(111.2, abs=0.2)


def test_error_summary_metrics() -> None:
    summary = error_summary([0.0, 100.0, 200.0, 20039.0])
    assert summary["acc161"] == 0.5 and summary["n"] == 4
    assert summary["median_km"] == 150.0
    assert 0 < summary["auc"] < 1
    assert error_summary([0.0])["auc"] == 0.0
    assert math.isclose(error_summary([20039.0])["auc"], math.log(20040) / math.log(20039), rel_tol=1e-3)


def test_evaluate_geo_gold_spans_and_end_to_end(corpora: dict[str, Path], geo_options: Options) -> None:
    gwn = evaluate_geo(corpora["gwn"], options=geo_options)
    assert set(gwn["gold_spans"]) == {"acc161", "median_km", "mean_km", "auc", "n"}
    assert set(gwn["end_to_end"]) >= {"precision", "recall", "f1", "acc161", "n"}
    assert gwn["gold_spans"]["acc161"] == 1.0 and gwn["gold_spans"]["n"] == 2
    assert gwn["end_to_end"]["recall"] == 1.0 and gwn["end_to_end"]["acc161"] == 1.0
    lgl = evaluate_geo(corpora["lgl"], options=geo_options, end_to_end=False)
    assert lgl["gold_spans"]["acc161"] == 0.5  # the made-up town cannot be found


def test_format_geo_shows_both_tables(corpora: dict[str, Path], geo_options: Options) -> None:
    text = format_geo(evaluate_geo(corpora["gwn"], options=geo_options, end_to_end=False))
    assert "gold spans" in text and "end to end" in text and "Literal" in text


# Gate: gold-span geocoding on each whole public corpus (a few seconds each: no pipeline
# runs); the floors sit a little under what they score now (GWN 0.900, LGL 0.840).
@pytest.mark.parametrize(("relative", "limit", "floor"), [
    ("geoparsing/GeoWebNews/GWN.xml", None, 0.895),
    ("geoparsing/LGL/lgl.xml", None, 0.835),
])
def test_gold_span_accuracy_gate(eval_dir: Path, geo_options: Options, relative: str, limit: int | None,
                                 floor: float) -> None:
    path = eval_dir / relative
    if not path.is_file():
        pytest.skip(f"{path} not found")
    result = evaluate_geo(path, options=geo_options, limit=limit, end_to_end=False)
    assert result["gold_spans"]["acc161"] >= floor
