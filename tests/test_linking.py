"""Tests for cross-report entity linking."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest

from eventdesk.linking import (
    LinkedEntity,
    assign_entity_ids,
    attribute_conflicts,
    link_entities,
    person_tokens,
    place_case,
    same_token,
    skeleton,
)
from eventdesk.model import Article, Extraction, Figure, Mention, Place, Sentence


def _sentences(text: str) -> tuple[Sentence, ...]:
    bounds = [0] + [m.end() for m in re.finditer(r"[.!?]\s+", text)] + [len(text)]
    return tuple(Sentence(i, a, b) for i, (a, b) in enumerate(zip(bounds, bounds[1:])) if b > a)


def report(text: str, names: dict[str, str], *, outlet: str = "Wire", figures: tuple[Figure, ...] = (),
           places: tuple[Place, ...] = ()) -> Extraction:
    """A hand-built extraction: every whole-word occurrence of each name is a mention."""
    article = Article(id=hashlib.sha256(text.encode()).hexdigest(), text=text, outlet=outlet,
                      published=dt.date(2024, 5, 2))
    draft = Extraction(article=article, sentences=_sentences(text), figures=figures, places=places)
    mentions = []
    for name, label in names.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            sentence = draft.sentence_at(match.start())
            mentions.append(Mention(article.id, match.start(), match.end(), name, label,
                                    sentence.index if sentence else 0))
    return Extraction(article=article, sentences=draft.sentences, figures=figures, places=places,
                      mentions=tuple(sorted(mentions, key=lambda m: m.start)))


def entity_named(entities: list[LinkedEntity], surface: str) -> LinkedEntity:
    """The entity that has a surface form among its name and aliases."""
    found = [e for e in entities if surface == e.name or surface in e.aliases]
    assert len(found) == 1, f"{surface!r} is in {len(found)} entities: {[e.name for e in entities]}"
    return found[0]


def _articles_of(entity: LinkedEntity) -> set[str]:
    return {article_id for article_id, _, _ in entity.mentions}


@pytest.mark.parametrize(("a", "b"), [
    ("Mamoun Abdelkarim", "Maamoun Abdulkarim"),
    ("Khaled al-Asaad", "Khaled Asaad"),
    ("Rami Abdel Rahman", "Rami Abdulrahman"),
    ("Mohammed Hamdan", "Muhammad Hamdan"),
    ("Khalid Sheikh", "Khaled Sheikh"),
    ("Abu Bakr al-Baghdadi", "Abu Bakr Baghdadi"),
])
def test_link_entities_joins_transliterations_across_reports(a: str, b: str) -> None:
    first = report(f"Officials said {a} spoke on Monday.", {a: "PERSON"})
    second = report(f"Later, {b} told reporters the site was safe.", {b: "PERSON"})
    entities = link_entities([first, second])
    person = entity_named(entities, a)
    assert b in (person.name, *person.aliases)
    assert _articles_of(person) == {first.article.id, second.article.id}


@pytest.mark.parametrize(("a", "b"), [
    ("Khaled al-Asaad", "Khaled Nasser"),
    ("Khaled al-Asaad", "Bashar al-Assad"),
    ("Ahmed Hassan", "Ahmed Hussein"),
    ("John Smith", "Jane Smith"),
])
def test_link_entities_keeps_people_who_share_a_name_apart(a: str, b: str) -> None:
    first = report(f"{a} was seen in the city.", {a: "PERSON"})
    second = report(f"{b} was seen in the city.", {b: "PERSON"})
    entities = link_entities([first, second])
    assert entity_named(entities, a) != entity_named(entities, b)


def test_link_entities_short_form_joins_full_name_in_same_report() -> None:
    text = "Syria's antiquities chief, Mamoun Abdelkarim, visited the site. Abdelkarim said it was damaged."
    entities = link_entities([report(text, {"Mamoun Abdelkarim": "PERSON", "Abdelkarim": "PERSON"})])
    person = entity_named(entities, "Mamoun Abdelkarim")
    assert person.aliases == ("Abdelkarim",) and len(person.mentions) >= 2


def test_link_entities_surname_alone_prefers_exact_spelling() -> None:
    first = report("Bashar al-Assad met envoys. Khaled al-Asaad was an archaeologist.",
                   {"Bashar al-Assad": "PERSON", "Khaled al-Asaad": "PERSON"})
    second = report("Assad praised the army on Sunday.", {"Assad": "PERSON"})
    entities = link_entities([first, second])
    assert "Assad" in entity_named(entities, "Bashar al-Assad").aliases
    assert second.article.id not in _articles_of(entity_named(entities, "Khaled al-Asaad"))


def test_link_entities_description_back_reference_joins_person() -> None:
    text = ("Syria's antiquities chief, Mamoun Abdelkarim, said the temple was lost. "
            "The antiquities chief added that statues had been moved.")
    person = entity_named(link_entities([report(text, {"Mamoun Abdelkarim": "PERSON"})]), "Mamoun Abdelkarim")
    starts = [start for _, start, _ in person.mentions]
    assert text.index("The antiquities chief") in starts
    assert ("description", "antiquities chief") in {(a.name, a.value) for a in person.attributes}


@pytest.mark.parametrize(("short", "long"), [
    ("SOHR", "Syrian Observatory for Human Rights"),
    ("Observatory", "Syrian Observatory for Human Rights"),
    ("ISIL", "Islamic State"),
    ("Daesh", "Islamic State"),
    ("AP", "Associated Press"),
    ("UN", "United Nations"),
])
def test_link_entities_joins_acronyms_short_forms_and_aliases(short: str, long: str) -> None:
    first = report(f"The {long} reported clashes.", {long: "ORG"})
    second = report(f"According to the {short}, fighting went on.", {short: "ORG"})
    org = entity_named(link_entities([first, second]), long)
    assert short in org.aliases and _articles_of(org) == {first.article.id, second.article.id}


def test_link_entities_defined_acronym_marks_later_uses() -> None:
    text = "Troops fought the Islamic State (IS) for weeks. IS lost the town. THIS IS NOT A NAME."
    org = entity_named(link_entities([report(text, {"Islamic State": "ORG"})]), "Islamic State")
    uses = [text[s:e] for _, s, e in org.mentions]
    assert uses.count("IS") == 2  # "(IS)" and "IS lost"; not the capitals in "THIS IS"


def test_link_entities_canonical_name_is_the_full_form() -> None:
    first = report("ISIS fighters retreated. ISIS lost ground.", {"ISIS": "ORG"})
    second = report("Islamic State fighters retreated.", {"Islamic State": "ORG"})
    org = entity_named(link_entities([first, second]), "ISIS")
    assert org.name == "Islamic State" and org.label == "ORG"


def test_link_entities_ages_kept_per_source_and_conflict_flagged() -> None:
    first = report("Militants killed an 81-year-old antiquities scholar in the town.", {})
    second = report("Militants beheaded Khaled al-Asaad, an 82-year-old antiquities scholar, in August.",
                    {"Khaled al-Asaad": "PERSON"})
    entities = link_entities([first, second])
    scholar = entity_named(entities, "Khaled al-Asaad")
    ages = {(a.value, a.article_id) for a in scholar.attributes if a.name == "age"}
    assert ages == {("81", first.article.id), ("82", second.article.id)}
    conflicts = attribute_conflicts(entities)
    assert [(c.entity_id, c.attribute) for c in conflicts] == [(scholar.id, "age")]
    assert "81" in conflicts[0].reason and "82" in conflicts[0].reason


def test_link_entities_age_from_a_removed_related_link_still_counts() -> None:
    first = report("Troops retook the town on Sunday.", {})
    first = Extraction(article=dataclasses.replace(first.article, removed_boilerplate=(
        "Related: Militants Have Killed a 79-Year-Old Museum Curator in the Town",)),
        sentences=first.sentences)
    second = report("Militants shot Hana Qasim, a 78-year-old museum curator, last year.",
                    {"Hana Qasim": "PERSON"})
    entities = link_entities([first, second])
    curator = entity_named(entities, "Hana Qasim")
    ages = {(a.value, a.article_id, a.start) for a in curator.attributes if a.name == "age"}
    assert ("79", first.article.id, -1) in ages
    assert [c.attribute for c in attribute_conflicts(entities)] == ["age"]


def test_attribute_conflicts_silent_when_sources_agree() -> None:
    first = report("Khaled al-Asaad, 82, was killed.", {"Khaled al-Asaad": "PERSON"})
    second = report("Khaled Asaad, an 82-year-old archaeologist, was killed.", {"Khaled Asaad": "PERSON"})
    entities = link_entities([first, second])
    assert len(entity_named(entities, "Khaled al-Asaad").attributes) >= 2
    assert attribute_conflicts(entities) == []


def test_link_entities_takes_age_figures_from_figure_stage() -> None:
    text = "Hana Qasim, who turned 90 this year, fled the shelling."
    figure = Figure(article_id="", start=text.index("90"), end=text.index("90") + 2, text="90",
                    sentence=0, kind="age", low=90.0, counts="Hana Qasim")
    draft = report(text, {"Hana Qasim": "PERSON"})
    figure = Figure(**{**figure.__dict__, "article_id": draft.article.id})
    person = entity_named(link_entities([report(text, {"Hana Qasim": "PERSON"}, figures=(figure,))]),
                          "Hana Qasim")
    assert [(a.name, a.value) for a in person.attributes] == [("age", "90")]


def test_link_entities_places_by_gazetteer_id_and_typo() -> None:
    text_a = "Troops entered Palmyra at dawn."
    text_b = "Residents of Palymra fled east."
    a = report(text_a, {"Palmyra": "GPE"})
    place = Place(a.article.id, text_a.index("Palmyra"), text_a.index("Palmyra") + 7, "Palmyra", 0,
                  geonameid=170592, name="Palmyra", latitude=34.56, longitude=38.28)
    a = report(text_a, {"Palmyra": "GPE"}, places=(place,))
    b = report(text_b, {"Palymra": "GPE"})
    town = entity_named(link_entities([a, b]), "Palmyra")
    assert _articles_of(town) == {a.article.id, b.article.id}


def test_link_entities_splits_names_joined_by_slash() -> None:
    text = "Photo: Syrian Arab News Agency / Reuters. Reuters said the town fell."
    entities = link_entities([report(text, {"Syrian Arab News Agency / Reuters": "ORG", "Reuters": "ORG"})])
    assert entity_named(entities, "Reuters") != entity_named(entities, "Syrian Arab News Agency")


def test_assign_entity_ids_sets_mention_ids() -> None:
    first = report("Mamoun Abdelkarim spoke.", {"Mamoun Abdelkarim": "PERSON"})
    second = report("Maamoun Abdulkarim spoke.", {"Maamoun Abdulkarim": "PERSON"})
    entities = link_entities([first, second])
    linked = assign_entity_ids([first, second], entities)
    ids = {m.entity_id for ex in linked for m in ex.mentions}
    assert len(ids) == 1 and ids != {""}


def test_link_entities_empty_input() -> None:
    assert link_entities([]) == [] and attribute_conflicts([]) == []


@pytest.mark.parametrize(("a", "b", "same"), [
    ("mamoun", "maamoun", True), ("abdkarim", "abdkarim", True), ("asaad", "assad", True),
    ("nasser", "asaad", False), ("hassan", "hussein", False), ("ali", "ala", False),
])
def test_same_token_transliteration(a: str, b: str, same: bool) -> None:
    assert same_token(a, b) is same


def test_person_tokens_drops_titles_and_fuses_abd() -> None:
    assert person_tokens("President Bashar al-Assad") == ("bashar", "assad")
    assert person_tokens("Abd al-Rahman") == person_tokens("Abdel Rahman") == ("abdrahman",)
    assert skeleton("maamoun") == skeleton("mamoun")


def test_link_entities_seeds_one_curator_and_scholar_ages(seeds_dir: Path) -> None:
    from tests.conftest import extract_text  # the pipeline is heavy: import only when the seeds exist

    extractions = [extract_text(path.read_text(encoding="utf-8"), published=dt.date(2016, 3, 27))
                   for path in sorted(seeds_dir.glob("*.txt"))]
    entities = link_entities(extractions)
    curator = [e for e in entities if {"Mamoun Abdelkarim", "Maamoun Abdulkarim"} & {e.name, *e.aliases}]
    assert len(curator) == 1 and len(_articles_of(curator[0])) == 2
    conflicts = {c.entity_name: c for c in attribute_conflicts(entities)}
    scholar = next(name for name in conflicts if "Asaad" in name)
    assert {a.value for a in conflicts[scholar].values} == {"81", "82"}
    nasser = [e for e in entities if e.name == "Khaled Nasser"]
    assert len(nasser) == 1 and not {"Khaled al-Asaad"} & set(nasser[0].aliases)


def test_link_entities_uses_events_actor_table_when_present() -> None:
    first = report("Houthi Movement fighters fired at ships.", {"Houthi Movement": "ORG"})
    second = report("The Houthis claimed the attack.", {"Houthis": "ORG"})
    group = entity_named(link_entities([first, second]), "Houthis")
    assert _articles_of(group) == {first.article.id, second.article.id}


@pytest.mark.parametrize("odd", ["\u2014", "'s", "al-", "Abdel", "123", "U.N.", "Dr.", "X"])
def test_link_entities_survives_odd_mentions(odd: str) -> None:
    text = f"Yesterday {odd} was mentioned, and {odd} again."
    for label in ("PERSON", "ORG", "GPE", "NORP"):
        entities = link_entities([report(text, {odd: label}), report(text + " More.", {odd: label})])
        assert all(e.mentions for e in entities)


def test_link_entities_a_site_in_a_town_is_not_the_town() -> None:
    text = "Troops entered Aleppo. They took Aleppo Citadel. Aleppo was quiet."
    town = Place("x", 0, 0, "", 0, geonameid=170063, name="Aleppo")
    x = report(text, {"Aleppo": "GPE"})
    citadel_start = text.index("Aleppo Citadel")
    mentions = tuple(m for m in x.mentions if not (citadel_start <= m.start < citadel_start + 14))
    mentions += (Mention(x.article.id, citadel_start, citadel_start + 14, "Aleppo Citadel", "FAC", 1),)
    places = tuple(dataclasses.replace(town, article_id=x.article.id, start=m.start, end=m.end, text=m.text)
                   for m in mentions)
    x = dataclasses.replace(x, mentions=tuple(sorted(mentions, key=lambda m: m.start)), places=places)
    entities = link_entities([x])
    assert entity_named(entities, "Aleppo").name == "Aleppo"
    assert entity_named(entities, "Aleppo Citadel").label == "FAC"


def test_link_entities_unresolved_mention_joins_the_place_geocoded_elsewhere() -> None:
    text = "Shelling hit Homs. Homs residents fled. Aid reached Homs."
    x = report(text, {"Homs": "GPE"})
    geocoded = tuple(Place(x.article.id, m.start, m.end, m.text, m.sentence, geonameid=169577, name="Homs")
                     for m in x.mentions[:2])
    assert len(link_entities([dataclasses.replace(x, places=geocoded)])) == 1


@pytest.mark.parametrize(("first_name", "second_name"), [
    ("Apple Inc.", "Apple"),  # a legal form is not part of the name
    ("General Motors Corp.", "General Motors"),
    ("Ford Motor Company", "Ford Motors"),  # kind words in the singular; the legal form dropped
])
def test_link_entities_company_names_without_legal_forms(first_name: str, second_name: str) -> None:
    first = report(f"{first_name} reported a loss on Monday.", {first_name: "ORG"})
    second = report(f"Shares of {second_name} fell.", {second_name: "ORG"})
    org = entity_named(link_entities([first, second]), second_name)
    assert _articles_of(org) == {first.article.id, second.article.id}


def test_link_entities_parent_name_does_not_fold_into_its_division() -> None:
    first = report("Boeing Commercial Airplanes delivered a jet. Boeing said sales rose.",
                   {"Boeing Commercial Airplanes": "ORG", "Boeing": "ORG"})
    second = report("Boeing won the contract.", {"Boeing": "ORG"})
    entities = link_entities([first, second])
    parent = entity_named(entities, "Boeing")
    assert _articles_of(parent) == {first.article.id, second.article.id}
    assert entity_named(entities, "Boeing Commercial Airplanes").id != parent.id


def test_link_entities_short_name_folds_into_name_with_kind_word() -> None:
    text = "Ford Motor Company cut jobs. Ford said demand was weak."
    org = entity_named(link_entities([report(text, {"Ford Motor Company": "ORG", "Ford": "ORG"})]),
                       "Ford Motor Company")
    assert "Ford" in org.aliases


def _spans(entity: LinkedEntity, text: str) -> list[str]:
    return [text[s:e] for _, s, e in entity.mentions]


def test_link_entities_pronouns_and_the_company_join_the_last_name_before_them() -> None:
    text = ("Volvo Cars said on Monday that it would cut 300 jobs. The company blamed weak demand. "
            "Its chief Hakan Samuelsson said he regretted the cuts.")
    entities = link_entities([report(text, {"Volvo Cars": "ORG", "Hakan Samuelsson": "PERSON"})])
    assert _spans(entity_named(entities, "Volvo Cars"), text) == ["Volvo Cars", "it", "The company", "Its"]
    assert _spans(entity_named(entities, "Hakan Samuelsson"), text) == ["Hakan Samuelsson", "he"]
    assert entity_named(entities, "Volvo Cars").aliases == ()  # pronouns are spans, not names


def test_link_entities_pronoun_far_from_any_name_or_pleonastic_joins_nothing() -> None:
    text = ("Anna Berg opened the plant. Workers cheered. Prices rose. Trade slowed. He left early. "
            "Nordbank lent money. It is likely that rates rise.")
    entities = link_entities([report(text, {"Anna Berg": "PERSON", "Nordbank": "ORG"})])
    assert _spans(entity_named(entities, "Anna Berg"), text) == ["Anna Berg"]  # 'He': four sentences on
    assert _spans(entity_named(entities, "Nordbank"), text) == ["Nordbank"]  # 'It is likely': no referent


def test_link_entities_first_person_plural_in_a_quote_is_the_organisation_named_last() -> None:
    text = 'Nordbank raised rates. "We expect our IT costs to fall," a spokesman said.'
    org = entity_named(link_entities([report(text, {"Nordbank": "ORG"})]), "Nordbank")
    assert _spans(org, text) == ["Nordbank", "We", "our"]  # not "IT"


def test_link_entities_title_before_a_name_is_the_person_not_an_organisation() -> None:
    text = "Acme CEO Jane Doe resigned. Acme said sales fell."
    entities = link_entities([report(text, {"Acme CEO": "ORG", "Jane Doe": "PERSON", "Acme": "ORG"})])
    assert _spans(entity_named(entities, "Jane Doe"), text) == ["Acme CEO", "Jane Doe"]
    assert "Acme CEO" not in _spans(entity_named(entities, "Acme"), text)


def test_link_entities_brand_short_form_across_reports_of_an_industry_name() -> None:
    first = report("Apple Computer opened a store. Apple hired staff.", {"Apple Computer": "ORG", "Apple": "ORG"})
    second = report("Apple cut prices.", {"Apple": "ORG"})
    org = entity_named(link_entities([first, second]), "Apple Computer")
    assert _articles_of(org) == {first.article.id, second.article.id}


@pytest.mark.parametrize(("written", "shown"), [
    ("BEIRUT", "Beirut"), ("PORT SUDAN", "Port Sudan"), ("NEW DELHI", "New Delhi"),
    ("UAE", "UAE"), ("DRC", "DRC"), ("Beirut", "Beirut"),
])
def test_place_case_writes_dateline_capitals_as_a_name(written: str, shown: str) -> None:
    assert place_case(written) == shown


def test_link_entities_dateline_place_in_capitals_is_named_as_written_elsewhere() -> None:
    entities = link_entities([report("MOGADISHU, May 2 (Wire) - Gunmen attacked a base.", {"MOGADISHU": "GPE"}),
                              report("UNICEF reported the attack.", {"UNICEF": "ORG"})])
    assert {e.name for e in entities} == {"Mogadishu", "UNICEF"}
