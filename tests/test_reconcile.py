"""Tests for claims reconciliation."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from pathlib import Path

import pytest

from eventdesk.model import Article, Claim, Event, Extraction, Figure, Sentence
from eventdesk.reconcile import (
    QuantityClaim,
    estimate_range,
    Quantity,
    claim_interval,
    claim_statements,
    counted_group,
    disagreements,
    figure_scope,
    reconcile_figures,
)

DAY = dt.date(2024, 5, 2)


def _sentences(text: str) -> tuple[Sentence, ...]:
    bounds = [0] + [m.end() for m in re.finditer(r"[.!?]\s+", text)] + [len(text)]
    return tuple(Sentence(i, a, b) for i, (a, b) in enumerate(zip(bounds, bounds[1:])) if b > a)


def report(text: str, figures: list[dict[str, object]], *, outlet: str = "Wire",
           published: dt.date | None = DAY, events: tuple[Event, ...] = ()) -> Extraction:
    """A hand-built extraction; each figure dict names its `text` and optional claimant."""
    article = Article(id=hashlib.sha256((outlet + text).encode()).hexdigest(), text=text,
                      outlet=outlet, published=published)
    draft = Extraction(article=article, sentences=_sentences(text))
    built, claims = [], []
    for index, spec in enumerate(figures):
        spec = dict(spec)
        written = str(spec.pop("text"))
        claimant = spec.pop("claimant", None)
        start = text.index(written)
        sentence = draft.sentence_at(start)
        assert sentence is not None
        built.append(Figure(article_id=article.id, start=start, end=start + len(written), text=written,
                            sentence=sentence.index, **spec))  # type: ignore[arg-type]
        if claimant:
            kind = "media" if "media" in str(claimant) else "organisation"
            claims.append(Claim(article.id, start, start + 1, sentence.index, str(claimant),
                                claimant_kind=kind, figure_index=index))
    return Extraction(article=article, sentences=draft.sentences, figures=tuple(built),
                      claims=tuple(claims), events=events)


def only(quantities: list[Quantity], **fields: object) -> Quantity:
    """The one quantity with the given field values."""
    found = [q for q in quantities if all(getattr(q, k) == v for k, v in fields.items())]
    assert len(found) == 1, [(q.label, q.scope, q.counts) for q in quantities]
    return found[0]


FIRST = report(
    "The Observatory said at least 400 jihadists were killed in the battle. "
    "It said 188 troops were also killed.",
    [dict(text="at least 400", kind="killed", low=400.0, qualifier="at least", counts="jihadists",
          claimant="Syrian Observatory for Human Rights"),
     dict(text="188", kind="killed", low=188.0, counts="troops",
          claimant="Syrian Observatory for Human Rights")],
    outlet="VICE News")
SECOND = report(
    "State media estimates about 450 ISIS militants were killed in the operation. "
    "The ministry said Russian warplanes carried out 40 sorties and killed more than 100 militants.",
    [dict(text="about 450", kind="killed", low=450.0, qualifier="about", counts="ISIS militants",
          claimant="state media"),
     dict(text="more than 100", kind="killed", low=100.0, qualifier="more than", counts="militants",
          claimant="Russian ministry of defence")],
    outlet="The Atlantic")


def test_reconcile_figures_same_quantity_side_by_side_with_disagreement() -> None:
    quantities = reconcile_figures([FIRST, SECOND])
    toll = only(quantities, counts="militants", scope="")
    assert [c.low for c in toll.claims] == [400.0, 450.0]
    assert [c.outlet for c in toll.claims] == ["VICE News", "The Atlantic"]
    assert (toll.low, toll.high) == (400.0, 450.0)
    assert toll.best == 400.0  # the independent monitor, not the belligerent's media
    assert [d.kind for d in toll.disagreements] == ["disagreement"]
    reason = toll.disagreements[0].reason
    assert "at least 400" in reason and "about 450" in reason


def test_reconcile_figures_agent_scope_is_its_own_part_quantity() -> None:
    quantities = reconcile_figures([FIRST, SECOND])
    russian = only(quantities, scope="by Russian warplanes")
    toll = only(quantities, counts="militants", scope="")
    assert [c.stated for c in russian.claims] == ["more than 100"]
    assert russian.part_of == toll.id and russian.disagreements == ()
    assert all(c.low != 100.0 for c in toll.claims)


def test_reconcile_figures_different_groups_are_different_quantities() -> None:
    quantities = reconcile_figures([FIRST, SECOND])
    troops = only(quantities, counts="troops")
    assert [c.low for c in troops.claims] == [188.0] and troops.disagreements == ()


def test_reconcile_figures_war_toll_is_differing_estimates() -> None:
    a = report("According to one estimate, nearly half a million people have died in the conflict.",
               [dict(text="nearly half a million", kind="killed", low=500000.0, qualifier="nearly",
                     counts="people", event_index=None)], outlet="VICE News")
    b = report("The civil war has left more than 250,000 people dead in over five years.",
               [dict(text="more than 250,000", kind="killed", low=250000.0, qualifier="more than",
                     counts="people")], outlet="The Atlantic")
    toll = only(reconcile_figures([a, b]), scope="conflict")
    assert len(toll.claims) == 2 and {c.outlet for c in toll.claims} == {"VICE News", "The Atlantic"}
    assert [d.kind for d in toll.disagreements] == ["differing estimates"]
    assert (toll.low, toll.high) == (250000.0, 500000.0)


@pytest.mark.parametrize(("text", "scope"), [
    ("The Valley Conflict Monitor said 40 fighters were killed in the raid on Tuesday.", ""),
    ("Rights groups say 40 fighters have been killed since the conflict began.", "conflict"),
    ("The War Crimes Desk said 40 fighters were killed in the raid.", ""),
    ("The war has killed 40,000 fighters.", "conflict"),
])
def test_figure_scope_war_cue_inside_a_name_is_no_war_toll(text: str, scope: str) -> None:
    written = re.search(r"40(?:,000)?", text).group()
    extraction = report(text, [dict(text=written, kind="killed", low=float(written.replace(",", "")),
                                    counts="fighters")])
    assert figure_scope(extraction, extraction.figures[0]) == scope


@pytest.mark.parametrize(("first", "second", "flagged"), [
    (("about", 450.0), ("", 460.0), False),       # 460 is about 450
    (("at least", 400.0), ("more than", 400.0), False),
    (("nearly", 500.0), ("about", 480.0), False),
    (("", 400.0), ("", 450.0), True),
    (("up to", 50.0), ("at least", 80.0), True),  # cannot both hold
])
def test_reconcile_figures_flags_only_beyond_qualifiers(first: tuple[str, float], second: tuple[str, float],
                                                        flagged: bool) -> None:
    texts = [f"A monitor said {q} {v:.0f} civilians were killed.".replace("  ", " ") for q, v in (first, second)]
    extractions = [
        report(text, [dict(text=f"{q} {v:.0f}".strip(), kind="killed", low=v, qualifier=q, counts="civilians",
                           claimant=name)], outlet=name)
        for text, (q, v), name in zip(texts, (first, second), ("Monitor A", "Monitor B"))
    ]
    toll = only(reconcile_figures(extractions), counts="civilians")
    assert bool(toll.disagreements) is flagged


def test_reconcile_figures_contradiction_when_intervals_exclude() -> None:
    a = report("Officials said up to 50 civilians died.", [dict(text="up to 50", kind="killed", low=50.0,
               qualifier="up to", counts="civilians", claimant="officials")], outlet="A")
    b = report("Medics said at least 80 civilians died.", [dict(text="at least 80", kind="killed", low=80.0,
               qualifier="at least", counts="civilians", claimant="medics")], outlet="B")
    toll = only(reconcile_figures([a, b]), counts="civilians")
    assert toll.disagreements[0].kind == "contradiction"


def test_reconcile_figures_same_source_change_is_revision() -> None:
    a = report("Police said 10 people were killed.", [dict(text="10", kind="killed", low=10.0, counts="people",
               claimant="police")], outlet="A", published=dt.date(2024, 5, 1))
    b = report("Police said 25 people were killed.", [dict(text="25", kind="killed", low=25.0, counts="people",
               claimant="police")], outlet="B", published=dt.date(2024, 5, 2))
    toll = only(reconcile_figures([b, a]), counts="people")
    assert [c.low for c in toll.claims] == [10.0, 25.0]  # in date order
    assert toll.disagreements[0].kind == "revision"


def test_reconcile_figures_numberless_claims_are_statements() -> None:
    a = report("The army said heavy losses were inflicted on the militants.",
               [dict(text="heavy losses", kind="killed", low=None, counts="militants", claimant="the army")])
    quantity = only(reconcile_figures([a]), counts="militants")
    assert quantity.claims == () and [s.text for s in quantity.statements] == ["heavy losses"]
    assert (quantity.low, quantity.best, quantity.high) == (None, None, None)
    text = "Assad called the operation a significant achievement."
    article = Article(id="s1", text=text, outlet="Wire", published=DAY)
    said = Extraction(article=article, claims=(Claim("s1", 0, 5, 0, "Bashar al-Assad", "person",
                                                     statement="a significant achievement"),))
    assert [s.statement for s in claim_statements([said])] == ["a significant achievement"]


def test_reconcile_figures_event_clusters_separate_quantities() -> None:
    text = "In the north, 30 civilians were killed. In the south, 12 civilians were killed."
    events = (Event("x", 0, "Battles", "Armed clash", (0,), 0, 1), Event("x", 1, "Battles", "Armed clash", (1,), 0, 1))
    ex = report(text, [dict(text="30", kind="killed", low=30.0, counts="civilians", event_index=0),
                       dict(text="12", kind="killed", low=12.0, counts="civilians", event_index=1)],
                events=events)
    clusters = {(ex.article.id, 0): "north", (ex.article.id, 1): "south"}
    quantities = reconcile_figures([ex], clusters=clusters)
    assert sorted(q.event for q in quantities) == ["north", "south"]
    assert all(not q.disagreements for q in quantities)
    merged = reconcile_figures([ex])  # no clusters and no places: one story-wide quantity
    assert len(merged) == 1 and merged[0].disagreements


def test_reconcile_figures_single_report_and_empty() -> None:
    assert reconcile_figures([]) == [] and disagreements([]) == []
    quantities = reconcile_figures([FIRST])
    assert {q.counts for q in quantities} == {"militants", "troops"}
    assert all(q.best == q.low == q.high for q in quantities)


@pytest.mark.parametrize(("low", "high", "qualifier", "expected"), [
    (400.0, None, "at least", (400.0, math.inf)),
    (450.0, None, "about", (405.0, 495.0)),
    (100.0, None, "", (100.0, 100.0)),
    (10.0, 20.0, "between", (10.0, 20.0)),
    (50.0, None, "up to", (0.0, 50.0)),
])
def test_claim_interval_reads_qualifiers(low: float, high: float | None, qualifier: str,
                                         expected: tuple[float, float]) -> None:
    assert claim_interval(low, high, qualifier) == pytest.approx(expected)


def test_claim_interval_open_bounds_exclude_the_number() -> None:
    assert claim_interval(100.0, None, "more than")[0] > 100.0
    assert 450.0 < claim_interval(500.0, None, "nearly")[1] < 500.0


@pytest.mark.parametrize(("counts", "group"), [
    ("ISIS militants", "militants"), ("jihadists", "militants"), ("government-allied troops", "troops"),
    ("civilians", "civilians"), ("people", "people"), ("", "unspecified"),
])
def test_counted_group_classes(counts: str, group: str) -> None:
    assert counted_group(counts) == group


@pytest.fixture(scope="module")
def seed_extractions(seeds_dir: Path) -> list[Extraction]:
    """The two seed reports through the whole per-article pipeline."""
    from tests.conftest import extract_text  # the pipeline is heavy: import only when the seeds exist

    extractions = [extract_text(path.read_text(encoding="utf-8"), published=dt.date(2016, 3, 27),
                                outlet=f"outlet {i}")
                   for i, path in enumerate(sorted(seeds_dir.glob("*.txt")))]
    if not any(ex.figures for ex in extractions) or not any(ex.claims for ex in extractions):
        pytest.xfail("the figures/claims stages (eventdesk.figures, eventdesk.claims) have not landed")
    return extractions


def event_clusters(extractions: list[Extraction]) -> list[object]:
    """Event clusters from the coreference stage; xfail (not skip) while that stage is broken."""
    from eventdesk.coref import corefer_events

    try:
        return list(corefer_events(extractions))
    except Exception as error:  # noqa: BLE001 - another stage's failure, reported by name
        pytest.xfail(f"event coreference (eventdesk.coref.corefer_events) failed: {error}")


def _seed_toll(quantities: list[Quantity]) -> Quantity:
    return next(q for q in quantities if q.kind == "killed" and q.scope == "" and q.counts == "militants")


def test_reconcile_figures_seeds_is_toll_disagreement(seed_extractions: list[Extraction]) -> None:
    toll = _seed_toll(reconcile_figures(seed_extractions))
    assert [c.low for c in toll.claims] == [400.0, 450.0]
    first, second = toll.claims
    assert "Observatory" in first.claimant and first.article_id == seed_extractions[0].article.id
    assert "media" in second.claimant.lower() and second.article_id == seed_extractions[1].article.id
    assert (toll.low, toll.high) == (400.0, 450.0)
    assert [d.kind for d in toll.disagreements] == ["disagreement"]


def test_reconcile_figures_seeds_russian_strikes_own_quantity(seed_extractions: list[Extraction]) -> None:
    quantities = reconcile_figures(seed_extractions)
    russian = [q for q in quantities if "Russian" in q.scope and q.kind == "killed"]
    assert len(russian) == 1 and [c.stated for c in russian[0].claims] == ["more than 100"]
    assert russian[0].part_of == _seed_toll(quantities).id


def test_reconcile_figures_seeds_war_toll_differing_estimates(seed_extractions: list[Extraction]) -> None:
    war = next(q for q in reconcile_figures(seed_extractions) if q.scope == "conflict")
    assert sorted(c.low for c in war.claims) == [250000.0, 500000.0]
    assert len({c.article_id for c in war.claims}) == 2
    assert [d.kind for d in war.disagreements] == ["differing estimates"]


def test_reconcile_figures_strike_coded_as_own_event_still_part_of_toll() -> None:
    text = ("A monitor said 300 militants were killed in the battle. "
            "The ministry said French jets killed more than 40 militants in raids.")
    events = (Event("x", 0, "Battles", "Armed clash", (0,), 0, 1),
              Event("x", 1, "Explosions/Remote violence", "Air/drone strike", (1,), 0, 1))
    ex = report(text, [dict(text="300", kind="killed", low=300.0, counts="militants", event_index=0),
                       dict(text="more than 40", kind="killed", low=40.0, qualifier="more than",
                            counts="militants", event_index=1)], events=events)
    clusters = {(ex.article.id, 0): "battle", (ex.article.id, 1): "strikes"}
    quantities = reconcile_figures([ex], clusters=clusters)
    jets = only(quantities, scope="by French jets")
    assert jets.part_of == only(quantities, scope="").id


def test_reconcile_figures_reads_coref_event_clusters() -> None:
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Cluster:  # the shape of eventdesk.coref.EventCluster that reconciliation reads
        id: str
        members: tuple[tuple[str, int], ...]

    text = "In the north, 30 civilians were killed. In the south, 12 civilians were killed."
    events = (Event("x", 0, "Battles", "Armed clash", (0,), 0, 1), Event("x", 1, "Battles", "Armed clash", (1,), 0, 1))
    ex = report(text, [dict(text="30", kind="killed", low=30.0, counts="civilians", event_index=0),
                       dict(text="12", kind="killed", low=12.0, counts="civilians", event_index=1)],
                events=events)
    clusters = [Cluster("north", ((ex.article.id, 0),)), Cluster("south", ((ex.article.id, 1),))]
    assert sorted(q.event for q in reconcile_figures([ex], clusters=clusters)) == ["north", "south"]


def _battle_report(text: str, value: float, *, outlet: str, event_type: str = "Battles",
                   date: dt.date | None = DAY) -> Extraction:
    event = Event("x", 0, event_type, "Armed clash", (0,), 0, 1, date=date, date_precision="day")
    return report(text, [dict(text=f"{value:.0f}", kind="killed", low=value, counts="militants",
                              claimant=outlet, event_index=0)], outlet=outlet, events=(event,))


@pytest.mark.parametrize(("second_type", "second_date", "merged"), [
    ("Battles", DAY, True),                                # two reports' mentions of one battle
    ("Battles", None, True),
    ("Battles", DAY + dt.timedelta(days=10), False),       # a battle ten days later
    ("Explosions/Remote violence", DAY, False),            # another kind of event
])
def test_reconcile_figures_joins_events_reports_do_not_tell_apart(second_type: str, second_date: dt.date | None,
                                                                  merged: bool) -> None:
    a = _battle_report("A monitor said 40 militants were killed in the town.", 40.0, outlet="A")
    b = _battle_report("The army said 55 militants were killed near the river.", 55.0, outlet="B",
                       event_type=second_type, date=second_date)
    clusters = {(a.article.id, 0): "first", (b.article.id, 0): "second"}
    quantities = [q for q in reconcile_figures([a, b], clusters=clusters) if q.counts == "militants"]
    assert len(quantities) == (1 if merged else 2)


def test_reconcile_figures_seeds_with_event_clusters(seed_extractions: list[Extraction]) -> None:
    quantities = reconcile_figures(seed_extractions, clusters=event_clusters(seed_extractions))
    toll = _seed_toll(quantities)
    assert [c.low for c in toll.claims] == [400.0, 450.0] and toll.disagreements
    russian = [q for q in quantities if "Russian" in q.scope and q.kind == "killed"]
    assert len(russian) == 1 and russian[0].part_of == toll.id


def test_estimate_range_best_lies_between_low_and_high_with_vague_claims() -> None:
    def claim(low: float, qualifier: str, vague: bool, who: str) -> QuantityClaim:
        return QuantityClaim(article_id="a", claimant=who, claimant_kind="organisation", outlet="W",
                             published=None, qualifier=qualifier, low=low, high=None, text="",
                             start=0, end=1, sentence=0, vague=vague)

    low, best, high = estimate_range([claim(100, "", True, "state media"),
                                      claim(1000, "more than", False, "defence ministry")])
    assert low is not None and best is not None and high is not None
    assert low <= best <= high


def test_estimate_range_best_passes_over_a_spokesperson_of_a_party_to_the_fighting() -> None:
    def claim(low: float, who: str, body: str = "") -> QuantityClaim:
        return QuantityClaim(article_id="a", claimant=who, claimant_kind="person", outlet="W",
                             published=None, qualifier="", low=low, high=None, text="",
                             start=0, end=1, sentence=0, affiliation=body)

    # the general speaks for the army: the monitors' figures set the best estimate
    claims = [claim(300, "Jane Roe", "Conflict Monitor"), claim(320, "John Doe", "Casualty Watch"),
              claim(2000, "Gen. Smith", "Army")]
    assert estimate_range(claims)[1] == 300


def test_reconcile_a_vague_claim_sets_the_conservative_low_and_says_how_it_was_coded() -> None:
    a = report("State television said hundreds of rebels were killed.",
               [{"text": "hundreds of rebels", "kind": "killed", "low": 100.0, "counts": "rebels",
                 "vague": True, "claimant": "state media"}])
    b = report("The defence ministry said more than 1,000 rebels were killed.",
               [{"text": "more than 1,000 rebels", "kind": "killed", "low": 1000.0, "counts": "rebels",
                 "qualifier": "more than", "claimant": "defence ministry"}], outlet="Post")
    toll = only(reconcile_figures([a, b]), kind="killed")
    assert (toll.low, toll.high) == (100.0, 1000.0)
    assert [c.stated for c in toll.claims] == ["hundreds (coded 100)", "more than 1,000"]


def test_reconcile_a_toll_with_no_event_joins_the_one_its_own_source_gave() -> None:
    clash = Event("x", 0, "Battles", "Armed clash", (0,), 0, 1)
    regain = Event("x", 1, "Battles", "Government regains territory", (1,), 0, 1)
    first = report("The monitor counted about 70 rebels killed since June. Officials said 300 rebels died.",
                   [{"text": "about 70 rebels", "kind": "killed", "low": 70.0, "counts": "rebels",
                     "qualifier": "about", "claimant": "Valley Watch", "event_index": 0},
                    {"text": "300 rebels", "kind": "killed", "low": 300.0, "counts": "rebels",
                     "claimant": "officials", "event_index": 1}],
                   events=(clash, regain))
    later = report("Valley Watch said at least 70 rebels were killed since June.",
                   [{"text": "at least 70 rebels", "kind": "killed", "low": 70.0, "counts": "rebels",
                     "qualifier": "at least", "claimant": "Valley Watch"}], outlet="Herald")
    clusters = {(first.article.id, 0): "clash", (first.article.id, 1): "recapture"}
    quantities = [q for q in reconcile_figures([first, later], clusters=clusters) if q.kind == "killed"]
    by_source = {frozenset(c.claimant for c in q.claims): sorted(c.low for c in q.claims) for q in quantities}
    assert by_source[frozenset({"Valley Watch"})] == [70.0, 70.0]


def test_reconcile_label_names_what_was_done_to_things_counted() -> None:
    ex = report("The army said it destroyed dozens of their trucks.",
                [{"text": "dozens of their trucks", "kind": "destroyed", "low": 12.0, "counts": "their trucks",
                  "vague": True, "claimant": "army"}])
    [quantity] = reconcile_figures([ex])
    assert quantity.label == "trucks destroyed"
    assert quantity.claims[0].stated == "dozens (coded 12)"


# Issue 6: a party's own figure is the best estimate only when no neutral source gives one.
PARTY_DAY = dt.date(2022, 4, 6)


def _reconciled(*texts: str) -> list[Quantity]:
    from conftest import extract_text
    from eventdesk.linking import link_entities

    extractions = [extract_text(t, published=PARTY_DAY, outlet=f"Outlet {i}") for i, t in enumerate(texts)]
    return reconcile_figures(extractions, entities=link_entities(extractions))


@pytest.mark.parametrize(("text", "role"), [
    ("Defence Minister Ivan Petrenko said 800 separatists were killed in the offensive on Tuesday.",
     "Defence Minister"),
    ("Ivan Petrenko, the country's defence minister, said 800 separatists were killed in the offensive "
     "on Tuesday.", "country's defence minister"),
    ("Army spokesman Ahmed Khalil said 300 militants were killed in the offensive on Tuesday.",
     "Army spokesman"),
    ("Militant spokesman Abu Omar al-Harbi said 45 soldiers were killed in the ambush on Monday.",
     "Militant spokesman"),
    ("A spokesman for the rebels, Musa Idris, said 60 government troops died in the assault on Friday.",
     "spokesman for the rebels"),
])
def test_reconcile_a_title_beside_the_name_puts_the_claimant_on_a_side(text: str, role: str) -> None:
    (toll,) = _reconciled(text)
    (claim,) = toll.claims
    assert claim.role == role and claim.partisan
    assert toll.best == claim.low and toll.best_partisan  # shown, but flagged: no neutral source


def test_reconcile_a_title_without_a_side_leaves_the_claimant_neutral() -> None:
    (toll,) = _reconciled("UN spokesman Stefan Lindqvist said 40 civilians were killed in the shelling on Monday.")
    assert toll.claims[0].role == "UN spokesman"
    assert not toll.claims[0].partisan and not toll.best_partisan


def test_reconcile_a_neutral_monitor_sets_the_best_over_the_parties_own_counts() -> None:
    toll = only(_reconciled(
        "Army spokesman Ahmed Khalil said 500 militants were killed in the offensive on Tuesday.",
        "Defence Minister Ivan Petrenko said 450 militants were killed in the offensive on Tuesday.",
        "The monitoring group Valley Watch said 120 militants were killed in the offensive on Tuesday."),
        kind="killed")
    assert (toll.low, toll.best, toll.high) == (120.0, 120.0, 500.0)
    assert not toll.best_partisan


def test_reconcile_a_person_named_bare_takes_the_title_another_report_gives_him() -> None:
    (toll,) = _reconciled(
        "Ivan Petrenko, the country's defence minister, said 800 separatists were killed in the offensive "
        "on Tuesday.",
        "Petrenko said on Wednesday that 800 separatists had been killed in the offensive.")
    assert [c.role for c in toll.claims] == ["country's defence minister"] * 2
    assert all(c.partisan for c in toll.claims)


def test_estimate_range_two_parties_agreeing_do_not_outweigh_one_neutral_source() -> None:
    def claim(low: float, who: str) -> QuantityClaim:
        return QuantityClaim(article_id="a", claimant=who, claimant_kind="organisation", outlet="W",
                             published=None, qualifier="", low=low, high=None, text="",
                             start=0, end=1, sentence=0)

    claims = [claim(900, "defence ministry"), claim(900, "state media"), claim(250, "Casualty Watch")]
    assert estimate_range(claims) == (250, 250, 900)
