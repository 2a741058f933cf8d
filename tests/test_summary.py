"""Tests for the extractive multi-document summary."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest

from eventdesk.model import Article, Event, Extraction, Mention, Sentence
from eventdesk.summary import is_quote_only, is_summary_candidate, summarise_story

REPORT_A = (
    "Flood relief stalls\n\n"
    "Rescue crews reached the flooded town of Brenna on Tuesday after the river burst its banks. "
    "\"We have lost everything,\" one farmer said. "
    "Related: How the dam was built in 1962. "
    "Officials said the river rose three metres overnight and swept away the old bridge. "
    "Aid agencies warned that clean water would run short within days. "
    "Residents of Brenna spent the night on rooftops waiting for boats. "
    "Follow our reporter on Twitter: @floods."
)
REPORT_B = (
    "Soldiers evacuated hundreds of residents from Brenna on Tuesday as flood waters rose. "
    "The river rose three metres overnight and swept away the old bridge, officials said. "
    "Aid agencies warned that clean water would soon run short in the valley. "
    "Weather forecasters expect more rain in the mountains later this week. "
    "A survivor pulled from the water (Photo: Wire / Getty)."
)


def _sentences(text: str) -> tuple[Sentence, ...]:
    bounds = [0] + [m.end() for m in re.finditer(r"(?<=[.!?\"])\s+", text)] + [len(text)]
    return tuple(Sentence(i, a, b) for i, (a, b) in enumerate(zip(bounds, bounds[1:])) if b > a)


def report(text: str, *, places: tuple[str, ...] = ("Brenna",), events: tuple[Event, ...] = ()) -> Extraction:
    """A hand-built extraction with sentence spans and place mentions."""
    article = Article(id=hashlib.sha256(text.encode()).hexdigest(), text=text, title="Flood relief stalls",
                      outlet="Wire", published=dt.date(2024, 5, 2))
    mentions = tuple(Mention(article.id, m.start(), m.end(), name, "GPE", 0)
                     for name in places for m in re.finditer(re.escape(name), text))
    return Extraction(article=article, sentences=_sentences(text), mentions=mentions, events=events)


def test_summarise_story_first_sentence_says_what_where_when() -> None:
    summary = summarise_story([report(REPORT_A), report(REPORT_B)])
    first = summary[0].text
    assert "Brenna" in first and "Tuesday" in first
    assert re.search(r"reached|evacuated", first)


def test_summarise_story_cites_reports_and_spans() -> None:
    a, b = report(REPORT_A), report(REPORT_B)
    by_id = {a.article.id: a, b.article.id: b}
    summary = summarise_story([a, b], max_sentences=4)
    assert len(summary) == 4
    for sentence in summary:
        assert by_id[sentence.article_id].article.text[sentence.start:sentence.end] == sentence.text
    assert {s.article_id for s in summary} == {a.article.id, b.article.id}


def test_summarise_story_says_a_shared_point_once() -> None:
    summary = summarise_story([report(REPORT_A), report(REPORT_B)], max_sentences=5)
    bridge = [s for s in summary if "old bridge" in s.text]
    water = [s for s in summary if "clean water" in s.text]
    assert len(bridge) <= 1 and len(water) <= 1


def test_summarise_story_skips_furniture_quotes_and_captions() -> None:
    summary = summarise_story([report(REPORT_A), report(REPORT_B)], max_sentences=20)
    texts = " ".join(s.text for s in summary)
    for unwanted in ("Related:", "Follow our", "We have lost everything", "Photo:", "Flood relief stalls"):
        assert unwanted not in texts


def test_summarise_story_prefers_main_event_trigger_as_first() -> None:
    b = report(REPORT_B)
    trigger = REPORT_B.index("evacuated")
    event = Event(b.article.id, 0, "Strategic developments", "Other", (0,), trigger, trigger + 9)
    b = report(REPORT_B, events=(event,))
    summary = summarise_story([report(REPORT_A), b])
    assert summary[0].article_id == b.article.id and "evacuated" in summary[0].text


def test_summarise_story_single_report_and_empty() -> None:
    assert summarise_story([]) == []
    single = summarise_story([report(REPORT_B)], max_sentences=10)
    assert 1 <= len(single) <= 4 and "Brenna" in single[0].text
    assert summarise_story([report(REPORT_B)], max_sentences=0) == []


def _event_clusters(extractions: list[Extraction]) -> list[object]:
    """Event clusters from the coreference stage; xfail (not skip) while that stage is broken."""
    from eventdesk.coref import corefer_events

    try:
        return list(corefer_events(extractions))
    except Exception as error:  # noqa: BLE001 - another stage's failure, reported by name
        pytest.xfail(f"event coreference (eventdesk.coref.corefer_events) failed: {error}")


@pytest.mark.parametrize(("text", "expected"), [
    ("Rescue crews reached the flooded town of Brenna on Tuesday.", True),
    ("Related: How the dam was built in 1962.", False),
    ("Flood relief stalls", False),
    ("A survivor pulled from the water (Photo: Wire / Getty).", False),
    ("\u201cWe have lost everything, all of it,\u201d", False),
    ("\"We have lost everything,\" one farmer from the valley said.", True),
    ("Follow Jane Doe on Twitter: @jdoe.", False),
])
def test_is_summary_candidate_rules(text: str, expected: bool) -> None:
    assert is_summary_candidate(text) is expected


def test_is_quote_only_needs_attribution() -> None:
    assert is_quote_only("'People here have been scared for a long time.'")
    assert not is_quote_only("\"We rebuilt it,\" the mayor said on Monday.")


def test_summarise_story_seeds_lead_states_recapture(seeds_dir: Path) -> None:
    from tests.conftest import extract_text  # the pipeline is heavy: import only when the seeds exist

    extractions = [extract_text(path.read_text(encoding="utf-8"), published=dt.date(2016, 3, 27))
                   for path in sorted(seeds_dir.glob("*.txt"))]
    for with_clusters in (False, True):  # the coreference stage's clusters come last: they may xfail
        summary = summarise_story(extractions, events=_event_clusters(extractions) if with_clusters else None)
        first = summary[0].text
        assert "Palmyra" in first
        assert re.search(r"regain|retook|retake|recaptur|taken control|took control", first)
        assert re.search(r"government|army|troops|regime", first, re.I)
        assert re.search(r"Islamic State|\bIS\b|ISIS", first)
        assert 3 <= len(summary) <= 5


def test_summarise_story_takes_main_event_from_largest_cluster() -> None:
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Cluster:  # the shape of eventdesk.coref.EventCluster that the summary reads
        id: str
        members: tuple[tuple[str, int], ...]

    a = report(REPORT_A)
    start = REPORT_A.index("Residents of Brenna")
    a = report(REPORT_A, events=(Event(a.article.id, 0, "Strategic developments", "Other", (5,),
                                       start + 22, start + 27),))
    b = report(REPORT_B)
    caption, lead = REPORT_B.index("pulled"), REPORT_B.index("evacuated")
    b = report(REPORT_B, events=(Event(b.article.id, 0, "Strategic developments", "Other", (4,), caption, caption + 6),
                                 Event(b.article.id, 1, "Strategic developments", "Other", (0,), lead, lead + 9)))
    small = Cluster("small", ((b.article.id, 1),))
    main = Cluster("main", ((a.article.id, 0), (b.article.id, 0)))
    summary = summarise_story([a, b], events=[small, main, Cluster("none", ())])
    assert "rooftops" in summary[0].text
    assert "rooftops" not in summarise_story([a, b], events=[small])[0].text


SIMILAR = [
    "Floodwaters swept through the river town of Kessel on Monday, and rescuers pulled 14 people from roofs.",
    "Rescuers in Kessel pulled 14 people from the roofs of flooded houses on Monday.",
    "The mayor of Kessel said the river had never risen so fast.",
    "In a separate development, the central bank held its interest rate at 4 percent.",
    "The of and it is.",  # stop words only
    "Rescuers in Kessel pulled 14 people from the roofs of flooded houses on Monday.",
]


def test_summary_tfidf_similarity_is_exactly_scikit_learns() -> None:
    """The summary's own TF-IDF gives bit for bit what TfidfVectorizer gave before it (issue 6)."""
    text = pytest.importorskip("sklearn.feature_extraction.text")
    import numpy as np

    from eventdesk.summary import _similarity

    vectorizer = text.TfidfVectorizer(stop_words="english", sublinear_tf=True,
                                      token_pattern=r"(?u)\b[^\W\d_][\w-]+\b")
    matrix = vectorizer.fit_transform(SIMILAR)
    units = [type("Unit", (), {"text": s})() for s in SIMILAR]
    assert np.array_equal(_similarity(units), (matrix @ matrix.T).toarray())  # type: ignore[arg-type]
