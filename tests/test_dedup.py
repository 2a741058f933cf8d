"""Exact duplicates share an id; wire copies are linked to the report they copy."""

from __future__ import annotations

import re

import pytest

from eventdesk.boilerplate import strip_boilerplate
from eventdesk.dedup import NearDuplicateIndex, article_id, normalise_text, shingles
from eventdesk.model import Article

WIRE = """Floodwaters cut off river towns as rescue crews race against rain

Rescue crews used boats on Thursday to reach villages cut off by the swollen river after two days of heavy rain, the regional emergency service said.

The service said at least 14 people had died and more than 300 homes had been flooded, while police said dozens of residents were still unaccounted for in the upper valley.

Rail services between the two largest towns were suspended and several bridges were closed after inspectors found cracks in their supports.

The regional governor declared a state of emergency and asked the army to send engineers and heavy trucks to shore up the river banks before more rain arrives at the weekend.

Forecasters said another 80 millimetres of rain could fall on the hills above the valley by Sunday, raising the risk of landslides on roads that are already damaged.

"We have never seen the water rise this fast," said a volunteer firefighter who had worked through the night to move elderly residents to a school on higher ground.

Schools in the valley will stay closed until at least Wednesday, the education office said, and families whose homes were flooded have been offered rooms in hotels and holiday flats in the nearby coastal towns.

Farmers said the floods had destroyed much of the harvest in the lowest fields, and the agriculture ministry promised emergency payments to those who lost crops or livestock."""

# A republished wire copy: new headline, one sentence rewritten, boilerplate added.
COPY = (
    WIRE.replace("Floodwaters cut off river towns as rescue crews race against rain",
                 "Army called in as floods isolate valley villages")
    .replace("Rail services between the two largest towns were suspended",
             "Train services linking the two main towns were halted")
    + "\n\nFollow Marta Lindgren on Twitter: @mlindgren\n\nRelated: Ten years of floods"
)

OTHER = """Mine collapse traps eleven workers

Eleven workers were trapped underground on Thursday when part of a coal mine collapsed, the operating company said, and rescuers had made contact with four of them by the afternoon.

The company said ventilation shafts were still working and that teams were drilling a second access tunnel from the east side of the hill.

Relatives gathered at the gates of the mine, where the regional governor promised that every resource would be used to bring the men out alive."""


def _article(text: str) -> Article:
    cleaned, removed = strip_boilerplate(text)
    return Article(id=article_id(cleaned), text=cleaned, removed_boilerplate=removed)


@pytest.mark.parametrize("variant", [
    "  Rescue crews   used boats\non Thursday. ",
    "RESCUE CREWS USED BOATS ON THURSDAY.",
    "Rescue\u00a0crews used boats on Thursday.",  # no-break space (NFKC)
    "Rescue crews used boats on Thursday.\n\n",
])
def test_article_id_ignores_spacing_case_and_unicode_forms(variant: str) -> None:
    assert article_id(variant) == article_id("Rescue crews used boats on Thursday.")


def test_article_id_normalises_quotes() -> None:
    assert article_id("\u201cWe\u2019re safe,\u201d she said.") == article_id("\"We're safe,\" she said.")


def test_article_id_is_sha256_hex_and_stable() -> None:
    first = article_id(WIRE)
    assert re.fullmatch(r"[0-9a-f]{64}", first)
    assert article_id(WIRE) == first


def test_article_id_differs_for_different_reports() -> None:
    assert article_id(WIRE) != article_id(OTHER)
    assert article_id("14 people died.") != article_id("15 people died.")


def test_normalise_text_collapses_whitespace() -> None:
    assert normalise_text(" A\t b\n\nC ") == "a b c"


def test_shingles_are_word_five_grams() -> None:
    grams = shingles("one two three four five six")
    assert grams == {b"one two three four five", b"two three four five six"}
    assert shingles("too short") == {b"too short"}


def test_near_duplicate_index_links_wire_copy() -> None:
    index = NearDuplicateIndex(0.8, 128)
    original = index.add(_article(WIRE))
    copy = index.add(_article(COPY))
    assert original.near_duplicate_of is None
    assert copy.id != original.id
    assert copy.near_duplicate_of == original.id
    assert copy.removed_boilerplate  # the added credit lines were stripped first


def test_near_duplicate_index_keeps_unrelated_report_apart() -> None:
    index = NearDuplicateIndex(0.8, 128)
    index.add(_article(WIRE))
    assert index.add(_article(OTHER)).near_duplicate_of is None
    assert len(index) == 2


def test_near_duplicate_index_exact_duplicate_is_not_linked() -> None:
    index = NearDuplicateIndex(0.8, 128)
    first = index.add(_article(WIRE))
    again = index.add(_article(WIRE))
    assert again == first
    assert len(index) == 1


def test_near_duplicate_index_copy_of_copy_links_to_original() -> None:
    index = NearDuplicateIndex(0.8, 128)
    original = index.add(_article(WIRE))
    index.add(_article(COPY))
    second = index.add(_article(COPY.replace("at least 14 people", "at least 15 people")))
    assert second.near_duplicate_of == original.id


def test_near_duplicate_index_from_articles_seeds_stored_reports() -> None:
    stored = [_article(WIRE), _article(OTHER)]
    index = NearDuplicateIndex.from_articles(stored, threshold=0.8, num_perm=128)
    assert len(index) == 2
    assert stored[0].id in index
    assert index.add(_article(COPY)).near_duplicate_of == stored[0].id


def test_near_duplicate_index_find_original_reports_similarity() -> None:
    index = NearDuplicateIndex(0.8, 128)
    original = index.add(_article(WIRE))
    found = index.find_original(_article(COPY).text)
    assert found is not None
    assert found[0] == original.id
    assert 0.8 <= found[1] < 1.0
    assert index.find_original(OTHER) is None


def test_near_duplicate_index_rejects_bad_threshold() -> None:
    with pytest.raises(ValueError, match="threshold"):
        NearDuplicateIndex(1.5, 128)
