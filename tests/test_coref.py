"""Event coreference: the mention resolver and eventdesk's own events across reports."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from eventdesk.coref import (
    FEATURE_NAMES, CorefModel, MentionFeatures, _average_link, corefer_events, default_model,
    pair_score, resolve_mentions,
)
from eventdesk.model import Event, Extraction, Place, Sentence, Story
from tests.conftest import make_article

DAY = dt.date(2016, 3, 27)


def mention(key: str, head: str, *, document: str = "d1", story: str = "s",
            terms: frozenset[str] = frozenset({"quake", "town"})) -> MentionFeatures:
    return MentionFeatures(key=key, document=document, story=story, head=head, pos="VERB",
                           document_terms=terms)


def test_default_model_loads_with_known_features() -> None:
    model = default_model()
    assert len(model.weights) == len(FEATURE_NAMES)
    assert 0.0 < model.threshold < 1.0


def test_model_round_trip_and_feature_check() -> None:
    model = CorefModel((0.5,) * len(FEATURE_NAMES), 0.4, {("die", "kill"): 0.6})
    again = CorefModel.from_dict(model.to_dict())
    assert again == model and again.pair_rate("kill", "die") == 0.6
    with pytest.raises(ValueError, match="refit"):
        CorefModel.from_dict({**model.to_dict(), "features": ["bias"]})


def test_pair_score_same_head_beats_unrelated_heads() -> None:
    model = default_model()
    a, b = mention("a", "strike", document="d1"), mention("b", "strike", document="d2")
    c = mention("c", "vote", document="d2", terms=frozenset({"ballot", "town", "poll"}))
    assert pair_score(a, b, model) > model.threshold > pair_score(a, c, model)


def test_resolve_mentions_groups_within_story_only() -> None:
    mentions = [
        mention("a", "strike", document="d1"), mention("b", "strike", document="d2"),
        mention("c", "vote", document="d3", terms=frozenset({"ballot", "town", "poll"})),
        mention("x", "strike", document="d9", story="other"),
    ]
    labels = resolve_mentions(mentions)
    assert labels["a"] == labels["b"]
    assert labels["c"] != labels["a"]
    assert labels["x"] != labels["a"]  # another story is never compared


def test_resolve_mentions_veto_keeps_pairs_apart() -> None:
    mentions = [mention("a", "strike", document="d1"), mention("b", "strike", document="d2")]
    labels = resolve_mentions(mentions, compatible=lambda x, y: False)
    assert labels["a"] != labels["b"]


def test_average_link_stops_at_threshold() -> None:
    scores = np.array([[1, 0.9, 0.1], [0.9, 1, 0.2], [0.1, 0.2, 1]])
    labels = _average_link(scores, 0.5)
    assert labels[0] == labels[1] != labels[2]


def _report(text: str, events: list[dict], *, place: Place | None = None) -> Extraction:
    article = make_article(text, published=DAY)
    places = (place,) if place else ()
    built = tuple(
        Event(article_id=article.id, index=i, sentences=(0,), trigger_start=0, trigger_end=5,
              date=DAY, date_precision="day", place_index=0 if place else None, **spec)
        for i, spec in enumerate(events))
    return Extraction(article=article, sentences=(Sentence(0, 0, len(text)),), places=places,
                      events=built)


def _place(article_text: str, geonameid: int, name: str) -> Place:
    return Place(article_id="", start=0, end=1, text=name, sentence=0, geonameid=geonameid,
                 name=name, country_code="SY", admin1="Homs", precision=1)


RETAKE = {"event_type": "Strategic developments", "sub_event_type": "Government regains territory",
          "actor1": "Military Forces of Syria", "actor2": "Islamic State"}
STRIKE = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
          "actor1": "Military Forces of Russia"}


def test_corefer_events_same_event_across_reports() -> None:
    one = _report("Syrian troops retook Palmyra from the jihadists on Sunday.", [RETAKE, STRIKE],
                  place=_place("", 170331, "Palmyra"))
    two = _report("Government forces recaptured Palmyra, state media said.", [RETAKE],
                  place=_place("", 170331, "Palmyra"))
    story = Story(id="S", article_ids=(one.article.id, two.article.id))
    clusters = corefer_events([one, two], stories=[story])
    retake = [c for c in clusters if c.sub_event_type == "Government regains territory"]
    assert len(retake) == 1
    assert set(retake[0].members) == {(one.article.id, 0), (two.article.id, 0)}
    assert retake[0].place == "Palmyra" and retake[0].date == DAY
    assert len(clusters) == 2  # the air strike stays its own event


def test_corefer_events_far_apart_dates_stay_apart() -> None:
    one = _report("Troops retook the town.", [RETAKE])
    later = dict(RETAKE)
    two_article = make_article("Troops retook the town again.", published=DAY)
    event = Event(article_id=two_article.id, index=0, sentences=(0,), trigger_start=0,
                  trigger_end=5, date=DAY + dt.timedelta(days=30), date_precision="day", **later)
    two = Extraction(article=two_article, sentences=(Sentence(0, 0, 29),), events=(event,))
    story = Story(id="S", article_ids=(one.article.id, two.article.id))
    assert len(corefer_events([one, two], stories=[story])) == 2


def test_corefer_events_places_in_other_countries_stay_apart() -> None:
    one = _report("Troops retook the town.", [RETAKE], place=_place("", 1, "Qaryatain"))
    other = Place(article_id="", start=0, end=1, text="Mosul", sentence=0, geonameid=2,
                  name="Mosul", country_code="IQ", admin1="Nineveh", precision=1)
    two = _report("Troops retook the city.", [RETAKE], place=other)
    story = Story(id="S", article_ids=(one.article.id, two.article.id))
    assert len(corefer_events([one, two], stories=[story])) == 2


def test_resolve_mentions_veto_holds_through_average_link() -> None:
    # b and c may each fit a; a cluster {a, b} must still never take c when b and c clash.
    mentions = [mention(k, "strike", document=f"d{k}") for k in "abc"]
    labels = resolve_mentions(mentions, compatible=lambda x, y: {x, y} != {"b", "c"})
    assert labels["b"] != labels["c"]


def test_corefer_events_month_dates_far_apart_stay_apart() -> None:
    one_article = make_article("Jets struck the town.", published=DAY)
    two_article = make_article("Jets struck the town later.", published=DAY)
    spec = dict(STRIKE)
    first = Event(article_id=one_article.id, index=0, sentences=(0,), trigger_start=0, trigger_end=4,
                  date=dt.date(2015, 5, 1), date_precision="month", **spec)
    second = Event(article_id=two_article.id, index=0, sentences=(0,), trigger_start=0,
                   trigger_end=4, date=dt.date(2016, 3, 26), date_precision="day", **spec)
    extractions = [Extraction(article=a, sentences=(Sentence(0, 0, len(a.text)),), events=(e,))
                   for a, e in ((one_article, first), (two_article, second))]
    story = Story(id="S", article_ids=(one_article.id, two_article.id))
    assert len(corefer_events(extractions, stories=[story])) == 2


def test_corefer_events_seeds_one_recapture_event_from_both_reports(seeds_dir) -> None:
    from tests.conftest import extract_text

    extractions = [extract_text(p.read_text(encoding="utf-8"), published=DAY)
                   for p in sorted(seeds_dir.glob("*.txt"))]
    retakes = [c for c in corefer_events(extractions)
               if c.sub_event_type == "Government regains territory" and c.date == DAY]
    assert len(retakes) == 1
    assert set(retakes[0].article_ids) == {x.article.id for x in extractions}
