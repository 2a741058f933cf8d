"""Event coreference: the mention resolver and eventdesk's own events across reports."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest

from eventdesk.coref import (
    FEATURE_NAMES, CorefModel, MentionFeatures, _average_link, _date_span, corefer_events, default_model,
    pair_score, resolve_mentions,
)
from eventdesk.coref_lexicon import build_lexicon, default_lexicon
from eventdesk.coref_pairs import Tree, document_weights, pair_features, stem, story_context
from eventdesk.model import Event, Extraction, Place, Sentence, Story
from tests.conftest import make_article

DAY = dt.date(2016, 3, 27)


def mention(key: str, head: str, *, document: str = "d1", story: str = "s",
            terms: frozenset[str] = frozenset({"quake", "town"}), pos: str = "VERB",
            arguments: frozenset[str] = frozenset()) -> MentionFeatures:
    return MentionFeatures(key=key, document=document, story=story, head=head, pos=pos,
                           document_terms=terms, arguments=arguments)


def test_default_model_loads_with_known_features() -> None:
    model = default_model()
    assert model.trees and max(max(t.feature) for t in model.trees) < len(FEATURE_NAMES)
    assert 0.0 < model.threshold < 1.0


def test_model_round_trip_and_feature_check() -> None:
    stump = Tree(feature=(0, -2, -2), cut=(0.5, -2.0, -2.0), left=(1, -1, -1), right=(2, -1, -1),
                 value=(0.0, -1.0, 3.0))
    model = CorefModel((stump,), init=-1.0, learning_rate=0.5, threshold=0.4,
                       lemma_pairs={("die", "kill"): 0.6})
    again = CorefModel.from_dict(model.to_dict())
    assert again == model and again.pair_rate("kill", "die") == 0.6
    with pytest.raises(ValueError, match="refit"):
        CorefModel.from_dict({**model.to_dict(), "features": ["bias"]})


def test_model_probability_follows_its_trees() -> None:
    stump = Tree(feature=(0, -2, -2), cut=(0.5, -2.0, -2.0), left=(1, -1, -1), right=(2, -1, -1),
                 value=(0.0, -1.0, 3.0))
    model = CorefModel((stump,), init=-1.0, learning_rate=0.5)
    rows = np.zeros((2, len(FEATURE_NAMES)))
    rows[1, 0] = 1.0  # same head: the right leaf
    low, high = model.probability(rows)
    assert low == pytest.approx(1 / (1 + np.exp(1.5))) and high == pytest.approx(1 / (1 + np.exp(-0.5)))


@pytest.mark.parametrize(("a", "b", "synonyms"), [
    ("death", "die", True),  # a noun and the verb it derives from
    ("hit", "strike", True),
    ("arrest", "apprehend", True),
    ("vote", "strike", False),
])
def test_lexicon_synonyms(a: str, b: str, synonyms: bool) -> None:
    assert default_lexicon().synonyms(a, b) is synonyms


def test_lexicon_related_through_cause() -> None:
    assert default_lexicon().related("kill", "die")  # killing causes dying
    assert not default_lexicon().related("say", "kill")


def test_build_lexicon_reads_wordnet_files(tmp_path) -> None:
    # A two-synset WordNet of our own: "slay" is a verb, "slaying" its derived act noun.
    (tmp_path / "data.verb").write_text(
        "  licence header line\n00000001 35 v 01 slay 0 001 + 00000002 n 0101 01 + 08 00 | kill\n")
    (tmp_path / "data.noun").write_text("00000002 04 n 01 slaying 0 001 + 00000001 v 0101 | a kill\n")
    (tmp_path / "data.adj").write_text("")
    (tmp_path / "index.verb").write_text("slay v 1 1 + 1 0 00000001\n")
    (tmp_path / "index.noun").write_text("slaying n 1 1 + 1 0 00000002\n")
    (tmp_path / "index.adj").write_text("")
    table = build_lexicon(tmp_path)
    assert set(table["concepts"]) == {"slay", "slaying"}
    assert set(table["concepts"]["slay"]) <= set(table["concepts"]["slaying"])


@pytest.mark.parametrize(("word", "expected"), [("nomination", "nomin"), ("arrests", "arrest"),
                                                  ("host", "host")])
def test_stem_lets_verbs_and_nouns_meet(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_pair_features_arguments_and_documents() -> None:
    a = mention("a", "strike", document="d1", arguments=frozenset({"jet", "town"}))
    b = mention("b", "hit", document="d2", arguments=frozenset({"jet"}))
    c = mention("c", "strike", document="d3", arguments=frozenset({"court"}),
                terms=frozenset({"ballot", "court"}))
    context = story_context([a, b, c], document_weights([a, b, c]))
    ab = dict(zip(FEATURE_NAMES, pair_features(a, b, default_model(), context), strict=True))
    ac = dict(zip(FEATURE_NAMES, pair_features(a, c, default_model(), context), strict=True))
    assert ab["synonyms"] == 1.0 and ab["arguments"] == 0.5 and ab["arguments_clash"] == 0.0
    assert ac["same_head"] == 1.0 and ac["arguments_clash"] == 1.0
    assert ab["document"] > ac["document"]


def test_pair_features_sentence_cues_tell_like_events_apart() -> None:
    # Two falls on one mountain: one climber was 36 and Australian, the other 32 and British.
    a = MentionFeatures(key="a", document="d1", story="s", head="fall", ages=frozenset({"36"}),
                        nationalities=frozenset({"australian"}), quantities=frozenset({"200"}))
    b = MentionFeatures(key="b", document="d2", story="s", head="fall", ages=frozenset({"32"}),
                        nationalities=frozenset({"british"}), quantities=frozenset({"2000"}))
    c = MentionFeatures(key="c", document="d3", story="s", head="fall", ages=frozenset({"36"}),
                        nationalities=frozenset({"australian"}))
    context = story_context([a, b, c], document_weights([a, b, c]))
    ab = dict(zip(FEATURE_NAMES, pair_features(a, b, default_model(), context), strict=True))
    ac = dict(zip(FEATURE_NAMES, pair_features(a, c, default_model(), context), strict=True))
    assert ab["ages_clash"] == ab["nationalities_clash"] == ab["quantities_clash"] == 1.0
    assert ab["cues_clash"] == 3.0 and ab["cues_shared"] == 0.0
    assert ac["ages_shared"] == ac["nationalities_shared"] == 1.0 and ac["cues_clash"] == 0.0
    assert ac["quantities_clash"] == 0.0  # a figure one report leaves out is no clash


def test_pair_features_events_told_beside_each_mention() -> None:
    # One report: "arrested for drunken driving"; another: "booked on a DUI charge after driving drunk".
    arrest = MentionFeatures(key="a", document="d1", story="s", head="arrest", sentence=2)
    driving = MentionFeatures(key="b", document="d1", story="s", head="driving", sentence=2)
    booked = MentionFeatures(key="c", document="d2", story="s", head="book", sentence=0)
    drove = MentionFeatures(key="d", document="d2", story="s", head="drive", sentence=0)
    later = MentionFeatures(key="e", document="d2", story="s", head="arrest", sentence=5)
    members = [arrest, driving, booked, drove, later]
    context = story_context(members, document_weights(members))

    def features(x: MentionFeatures, y: MentionFeatures) -> dict[str, float]:
        return dict(zip(FEATURE_NAMES, pair_features(x, y, default_model(), context), strict=True))

    assert features(arrest, booked)["mates_shared"] == 1.0  # both told beside a drive
    assert features(arrest, later)["mates_shared"] == 0.0  # told alone
    assert features(arrest, drove)["mates_crossed"] == 1.0  # each beside the other's event word
    assert features(arrest, booked)["mates_crossed"] == 0.0


def test_pair_features_document_events_told_by_both_reports() -> None:
    # Two reports of one crash tell a crash, an arrest and a charge; a third tells a crash and a funeral.
    def told(key: str, document: str, heads: tuple[str, ...]) -> list[MentionFeatures]:
        return [MentionFeatures(key=f"{key}{n}", document=document, story="s", head=head, sentence=n)
                for n, head in enumerate(heads)]

    one = told("a", "d1", ("crash", "arrest", "charge"))
    two = told("b", "d2", ("crash", "arrested", "charged"))
    other = told("c", "d3", ("crash", "funeral"))
    members = one + two + other
    context = story_context(members, document_weights(members))
    same = dict(zip(FEATURE_NAMES, pair_features(one[0], two[0], default_model(), context), strict=True))
    apart = dict(zip(FEATURE_NAMES, pair_features(one[0], other[0], default_model(), context), strict=True))
    assert same["document_events"] == 1.0  # "arrested" and "arrest" share a stem
    assert apart["document_events"] == pytest.approx(1 / 4)


def test_pair_features_neighbourhood_of_copied_wire_text() -> None:
    a = MentionFeatures(key="a", document="d1", story="s", head="fall", left="climber",
                        right="about", window=frozenset({"climber", "about", "metre"}), offset=0.3)
    b = MentionFeatures(key="b", document="d2", story="s", head="plunge", left="climber",
                        right="about", window=frozenset({"climber", "about", "metre"}), offset=0.35)
    context = story_context([a, b], document_weights([a, b]))
    ab = dict(zip(FEATURE_NAMES, pair_features(a, b, default_model(), context), strict=True))
    assert ab["window"] == 1.0 and ab["neighbours"] == 2.0
    assert ab["offset_gap"] == pytest.approx(0.05)


def test_parsed_mention_reads_sentence_cues(options) -> None:
    from eventdesk.coref_mentions import document_cues, parsed_mention
    from eventdesk.nlp import load_nlp

    doc = load_nlp(options.model)(
        "A 36-year-old Australian climber did not survive after he fell 2,000 feet near the glacier.")
    fell = [t for t in doc if t.text == "fell"]
    found = parsed_mention(fell, doc[:], key="k", document="d", story="s", cues=document_cues(doc),
                           sentence=0, lead=True)
    survive = parsed_mention([t for t in doc if t.text == "survive"], doc[:], key="s", document="d",
                             story="s", cues=document_cues(doc), sentence=0, lead=True)
    assert found.head == "fall" and found.ages == frozenset({"36"})
    assert "2000" in found.quantities and "australian" in found.nationalities
    assert found.left == "he" and found.right == "2,000" and 0.4 < found.offset < 0.8
    assert survive.negated and not found.negated


def test_parsed_mention_light_verb_takes_its_object_as_head(options) -> None:
    from eventdesk.coref_mentions import document_cues, parsed_mention
    from eventdesk.nlp import load_nlp

    doc = load_nlp(options.model)("Two gunmen opened fire on a crowded market in the old town.")
    span = [t for t in doc if t.text in {"opened", "fire"}]
    found = parsed_mention(span, doc[:], key="k", document="d", story="s", cues=document_cues(doc),
                           sentence=0, lead=True)
    alone = parsed_mention(span[:1], doc[:], key="o", document="d", story="s", cues=document_cues(doc),
                           sentence=0, lead=True)
    assert found.head == "fire" and "gunman" in found.arguments
    assert alone.head == "open"  # the object outside the mention names no event of it


def test_parsed_mention_ages_are_no_times_and_names_meet_by_last_word(options) -> None:
    from eventdesk.coref_mentions import document_cues, parsed_mention
    from eventdesk.nlp import load_nlp

    doc = load_nlp(options.model)("Police arrested Peter Walsh, a 41-year-old driver, on Friday.")
    found = parsed_mention([t for t in doc if t.text == "arrested"], doc[:], key="k", document="d",
                           story="s", cues=document_cues(doc), sentence=0, lead=True)
    assert found.ages == frozenset({"41"}) and not any("year" in t for t in found.times)
    assert "friday" in found.times and "walsh" in found.arguments


def test_head_lemma_reads_a_headline_participle_as_its_verb(options) -> None:
    from eventdesk.coref_mentions import head_lemma
    from eventdesk.nlp import load_nlp

    doc = load_nlp(options.model)("Actress Nominated For Top Award")
    assert head_lemma(doc[1]) == "nominate"


def test_neighbourhood_skips_paragraph_breaks(options) -> None:
    from eventdesk.coref_mentions import neighbourhood
    from eventdesk.nlp import load_nlp

    doc = load_nlp(options.model)("Rebels seized the port.\n\nTroops retook it on Sunday.")
    troops = [t for t in doc if t.text == "Troops"]
    around = neighbourhood(troops, doc[:])
    assert around.left == "port" and "\n\n" not in around.window


def test_parsed_mention_vectors_compare_mentions_in_context(options) -> None:
    from eventdesk.coref_mentions import document_cues, parsed_mention
    from eventdesk.nlp import load_nlp

    doc = load_nlp(options.model)("Police arrested the gunman. Officers arrested him at dawn.")
    cues = document_cues(doc)
    first, second = ([t] for t in doc if t.text == "arrested")
    a = parsed_mention(first, first[0].sent, key="a", document="d", story="s", cues=cues,
                       sentence=0, lead=True)
    b = parsed_mention(second, second[0].sent, key="b", document="d", story="s", cues=cues,
                       sentence=1, lead=False)
    assert len(a.vector) == doc.tensor.shape[1] and np.linalg.norm(a.vector) == pytest.approx(1.0)
    features = dict(zip(FEATURE_NAMES, pair_features(a, b, default_model(),
                                                      story_context([a, b], document_weights([a, b]))),
                        strict=True))
    assert 0.0 < features["sentence_vectors"] < 1.0 and features["head_vectors"] > 0.5
    bare = dataclasses.replace(a, vector=())
    assert dict(zip(FEATURE_NAMES, pair_features(bare, b, default_model(), story_context(
        [bare, b], document_weights([bare, b]))), strict=True))["head_vectors"] == 0.0


def test_vector_cosines_equal_the_pair_features_one_pair_at_a_time() -> None:
    from eventdesk.coref_pairs import vector_cosines

    a = MentionFeatures(key="a", document="d1", story="s", head="seize", vector=(0.6, 0.8),
                        sentence_vector=(1.0, 0.0))
    b = MentionFeatures(key="b", document="d2", story="s", head="capture", vector=(0.8, 0.6),
                        sentence_vector=(0.0, 1.0))
    bare = MentionFeatures(key="c", document="d3", story="s", head="take")
    heads, sentences = vector_cosines([a, b, bare])
    context = story_context([a, b], document_weights([a, b]))
    one = dict(zip(FEATURE_NAMES, pair_features(a, b, default_model(), context), strict=True))
    assert heads[0, 1] == pytest.approx(one["head_vectors"]) == pytest.approx(0.96)
    assert sentences[0, 1] == pytest.approx(one["sentence_vectors"]) == 0.0
    assert heads[0, 2] == 0.0 and sentences[1, 2] == 0.0


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


def test_resolve_mentions_small_story_joins_the_story_nearest_it() -> None:
    quake = frozenset({"quake", "town", "rescue", "rubble"})
    large = [mention(f"l{n}", "quake", document=f"big{n}", story="big", terms=quake) for n in range(4)]
    split_off = mention("s", "quake", document="small", story="small", terms=quake | {"aftershock"})
    other = mention("o", "quake", document="vote", story="vote",
                    terms=frozenset({"election", "ballot", "senate"}))
    labels = resolve_mentions(large + [split_off, other], threshold=0.3)
    assert labels["s"] == labels["l0"]  # compared with the large story's mentions, and joined
    assert labels["o"] != labels["l0"]  # a story of other words stays on its own


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


# -- issue 6: our own events read their sentence cues as ECB+ mentions do -----------------

IS_IRAQ, IRAQI_ARMY = "Islamic State (Iraq)", "Military Forces of Iraq (2014-2018)"
UNNAMED = "Unidentified Armed Group (Iraq)"
MONDAY = dt.date(2016, 3, 28)
# Towns of one Iraqi province, far enough apart (40-100 km) to be told apart.
TOWNS = {"Baiji": (99001, 34.929, 43.493), "Samarra": (99002, 34.196, 43.886),
         "Tuz Khurmatu": (99003, 34.888, 44.633)}


def _sentences(text: str) -> tuple[Sentence, ...]:
    starts = [0] + [i + 2 for i in range(len(text)) if text.startswith(". ", i)]
    ends = [s - 1 for s in starts[1:]] + [len(text)]
    return tuple(Sentence(n, a, b) for n, (a, b) in enumerate(zip(starts, ends, strict=True)))


def _clash_report(text: str, trigger: str, town: str, actor1: str, *, resolved: bool) -> Extraction:
    """One armed clash at `town` on MONDAY, its trigger the first `trigger` in `text`."""
    article = make_article(text, published=MONDAY)
    at, start = text.index(town), text.index(trigger)
    geonameid, latitude, longitude = TOWNS[town]
    place = Place(article_id=article.id, start=at, end=at + len(town), text=town, sentence=0,
                  geonameid=geonameid if resolved else None, name=town if resolved else "",
                  latitude=latitude if resolved else None, longitude=longitude if resolved else None,
                  country_code="IQ", admin1="Salah al-Din", precision=1 if resolved else 0)
    event = Event(article_id=article.id, index=0, event_type="Battles", sub_event_type="Armed clash",
                  sentences=(0,), trigger_start=start, trigger_end=start + len(trigger),
                  date=MONDAY, date_precision="day", place_index=0, actor1=actor1,
                  actor2=IRAQI_ARMY)
    return Extraction(article=article, sentences=_sentences(text), places=(place,), events=(event,))


def _four_clash_reports(*, resolved: bool) -> list[Extraction]:
    return [
        # One attack near Baiji, told by two outlets in their own words ...
        _clash_report("Islamic State fighters attacked an army checkpoint outside Baiji on Monday, "
                      "killing six soldiers, a military spokesman said. The attackers drove two car "
                      "bombs into the post before storming it. Troops retook the checkpoint in the "
                      "evening.", "attacked", "Baiji", IS_IRAQ, resolved=resolved),
        _clash_report("Six Iraqi soldiers were killed on Monday when jihadists stormed a checkpoint "
                      "near Baiji with car bombs, security officials said. The army said it had "
                      "regained the checkpoint by nightfall.", "stormed", "Baiji", UNNAMED,
                      resolved=resolved),
        # ... and two other clashes the same day in other towns of the province.
        _clash_report("Militants attacked a police post in Samarra on Monday, killing two policemen, "
                      "the provincial council said. The gunmen escaped in a pickup truck.",
                      "attacked", "Samarra", UNNAMED, resolved=resolved),
        _clash_report("Gunmen clashed with soldiers near Tuz Khurmatu on Monday and three soldiers "
                      "were killed, a security source said. The attackers fled towards the hills.",
                      "clashed", "Tuz Khurmatu", UNNAMED, resolved=resolved),
    ]


@pytest.mark.parametrize("resolved", [True, False], ids=["places-resolved", "places-unresolved"])
def test_corefer_events_issue6_same_event_joins_other_towns_stay_apart(resolved: bool) -> None:
    reports = _four_clash_reports(resolved=resolved)
    story = Story(id="S", article_ids=tuple(x.article.id for x in reports))
    clusters = corefer_events(reports, stories=[story])
    order = {x.article.id: n for n, x in enumerate(reports)}
    groups = sorted(sorted(order[a] for a in c.article_ids) for c in clusters)
    assert groups == [[0, 1], [2], [3]]


def test_event_mention_issue6_reads_sentence_cues_like_an_ecb_mention(options) -> None:
    from eventdesk.coref import event_mention
    from eventdesk.coref_mentions import document_cues, parsed_mention
    from eventdesk.nlp import load_nlp

    text = ("Police said 30 gunmen abducted a 41-year-old British engineer near Kirkuk on Friday. "
            "His employer did not comment.")
    article = make_article(text, published=MONDAY)
    start = text.index("abducted")
    event = Event(article_id=article.id, index=0, event_type="Violence against civilians",
                  sub_event_type="Abduction/forced disappearance", sentences=(0,),
                  trigger_start=start, trigger_end=start + len("abducted"))
    report = Extraction(article=article, sentences=_sentences(text), events=(event,))
    doc = load_nlp(options.model)(text)
    found = event_mention(report, event, doc=doc, cues=document_cues(doc), story="S")
    assert found.head == "abduction/forced disappearance" and found.sentence == 0 and found.lead
    assert found.ages == frozenset({"41"}) and "british" in found.nationalities
    assert "30" in found.quantities and found.left == "gunman" and found.window
    # The one feature builder: the same span through the ECB+ path differs only in its head.
    ecb = parsed_mention([t for t in doc if t.text == "abducted"], next(doc.sents), key=found.key,
                         document=article.id, story="S", cues=document_cues(doc), sentence=0,
                         lead=True)
    assert dataclasses.replace(ecb, head=found.head) == found


def test_corefer_events_uses_given_parses(options, monkeypatch) -> None:
    from eventdesk import coref
    from eventdesk.nlp import load_nlp

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("articles given with their parses were parsed again")

    reports = _four_clash_reports(resolved=True)[:2]
    docs = {x.article.id: load_nlp(options.model)(x.article.text) for x in reports}
    monkeypatch.setattr(coref, "parse_texts", no_parsing)
    story = Story(id="S", article_ids=tuple(docs))
    assert len(corefer_events(reports, stories=[story], docs=docs)) == 1


@pytest.mark.parametrize(("day", "precision", "span"), [
    (dt.date(2015, 9, 1), "season", (dt.date(2015, 9, 1), dt.date(2015, 11, 30))),  # "last fall"
    (dt.date(2016, 3, 14), "week", (dt.date(2016, 3, 14), dt.date(2016, 3, 20))),  # "last week"
    (dt.date(2016, 3, 19), "weekend", (dt.date(2016, 3, 19), dt.date(2016, 3, 20))),  # Saturday and Sunday
    (dt.date(2016, 11, 1), "quarter", (dt.date(2016, 11, 1), dt.date(2017, 1, 31))),
    (dt.date(2016, 2, 1), "month", (dt.date(2016, 2, 1), dt.date(2016, 2, 29))),
    (dt.date(2016, 1, 1), "year", (dt.date(2016, 1, 1), dt.date(2016, 12, 31))),
])
def test_date_span_covers_every_precision_so_distant_periods_never_corefer(day: dt.date, precision: str,
                                                                          span: tuple[dt.date, dt.date]) -> None:
    event = Event(article_id="a", index=0, event_type="Battles", sub_event_type="Armed clash", sentences=(0,),
                  trigger_start=0, trigger_end=1, date=day, date_precision=precision)  # type: ignore[arg-type]
    assert _date_span(event) == span


def test_head_lemma_consults_wordnet_only_for_doubtful_forms(options) -> None:
    from eventdesk.coref_lexicon import Lexicon
    from eventdesk.coref_mentions import head_lemma
    from eventdesk.nlp import load_nlp

    class Watched(dict):
        asked: list[str] = []

        def __contains__(self, word: object) -> bool:
            self.asked.append(str(word))
            return super().__contains__(word)

    lexicon = Lexicon(concepts=Watched({"attack": frozenset({1})}), parents={})
    doc = load_nlp(options.model)("Gunmen stormed the base and attacked a convoy.")
    assert [head_lemma(doc[i], lexicon=lexicon) for i in (0, 3, 7)] == ["gunman", "base", "convoy"]
    assert lexicon.concepts.asked == []
    assert head_lemma(doc[5], lexicon=lexicon) == "attack" and lexicon.concepts.asked
