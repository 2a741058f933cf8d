"""What the words around a name say about whether it is a place.

Two cues the entity model misses: a name that an event verb takes as its object in the
article's country is a place though the model called it a person ("Israeli forces raided
Qalqilya"), and a name whose apposition describes a person is no place though the gazetteer
knows a town of that name ("Mostafa, a 34-year-old driver, was killed"). The words are a
data table, eventdesk/data/places_cues.toml.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from eventdesk.gazetteer import Gazetteer
from eventdesk.linking_names import name_tables
from eventdesk.model import Mention
from eventdesk.places_resolve import demonym_votes

# labels of names that may be towns the model misread; dates, numbers and laws never are
_MISREAD_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT"})
# ", a 34-year-old driver", ", a father of three", ", aged 34", ", 34," (not ", 1,600 km east of")
_APPOSITION = re.compile(r",\s+(?:aged\s+\d{1,3}\b|\d{1,3}\s*,(?!\d)|(?:a|an|the)\s+((?:[\w-]+\s+){0,4}?[\w-]+)"
                         r"(?=\s*(?:[,.;:()\u2014]|\b(?:of|from|in|at|with|who|and|was|is|had|has)\b)))")
# a place named after a person's name or after 'in': "Baucus of Montana, the chairman", "in Kidal, a town"
_OWNED = re.compile(r"(?:[A-Z][\w'\u2019-]*\s+(?:of|from)|\b(?:in|at|near))\s+(?:the\s+)?[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*$")
# a name the model took for an organisation or a work is a town only if a town of note has it: the
# institutions an event verb takes ("stormed Congress", "raided Parliament") are villages somewhere
_NOTED_TOWN_POPULATION = 10_000
_AGE = re.compile(r"\d{1,3}-year-old")


@lru_cache(maxsize=1)
def place_cues() -> dict[str, Any]:
    """The tables of eventdesk/data/places_cues.toml, as sets."""
    text = resources.files("eventdesk.data").joinpath("places_cues.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return {
        "object_verbs": frozenset(data["event_object"]["verbs"]),
        "person_verbs": frozenset(data["event_object"]["verbs_taking_persons"]),
        "preposition_heads": frozenset(data["event_object"]["verbs_with_preposition"]),
        "prepositions": frozenset(data["event_object"]["prepositions"]),
        "person_heads": frozenset(data["person_apposition"]["heads"]) | name_tables().role_heads,
    }


def person_apposition(text: str, end: int) -> str:
    """What the apposition after the name that ends at `end` says of a person: 'age' ('Mostafa, a
    34-year-old driver', 'Jordan, 30,', what only a person has, whatever country or city has the name),
    'role' ('Amina, a mother of three'), or '' (none, or a kind of place: 'Kidal, a town in northern Mali')."""
    match = _APPOSITION.match(text, end)
    if match is None or _OWNED.search(text, max(0, end - 60), end):
        return ""  # "Sen. Max Baucus of Montana, the chairman": the apposition is the senator's
    if match.group(1) is None:
        return "age"  # an age alone: ", aged 34", ", 34,"
    words = match.group(1).casefold().split()
    if any(_AGE.fullmatch(word) for word in words):
        return "age"
    return "role" if words[-1] in place_cues()["person_heads"] else ""


def article_countries(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> frozenset[str]:
    """The countries an article names or names the people of ("Israeli forces", "in Mali")."""
    codes = set(demonym_votes(text))
    for mention in mentions:
        entries = gazetteer.candidates(mention.text)
        if entries and entries[0].tier == 0 and entries[0].is_country:
            codes.add(entries[0].country_code)
    return frozenset(code for code in codes if code)


def object_of_event_verb(doc: Doc, mention: Mention, gazetteer: Gazetteer,
                         countries: Callable[[], frozenset[str]]) -> bool:
    """Whether a name the model took for a person or group is a town an event verb acts on ('raided
    Qalqilya', 'stormed into Tubas', 'an assault on Kadugli'): a proper noun, the verb's direct object
    or the object of its 'into/on/against', or one joined to either by 'and', that the gazetteer knows
    closely in the article's countries (asked for only once the parse fits, being dearer)."""
    if mention.label not in _MISREAD_LABELS:
        return False
    span = doc.char_span(mention.start, mention.end)
    if span is None or span.root.pos_ != "PROPN":
        return False
    cues, root = place_cues(), span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head  # "raided Jenin and Qalqilya": the verb acts on every name of its object's list
    if root.dep_ == "dobj":
        verb = root.head.lemma_.casefold()
        acts = verb in cues["object_verbs"] and not (mention.label == "PERSON" and verb in cues["person_verbs"])
    else:
        preposition = root.head
        acts = (root.dep_ == "pobj" and preposition.lower_ in cues["prepositions"]
                and preposition.head.lemma_.casefold() in cues["preposition_heads"])
    if not acts:
        return False
    least, known = (0 if mention.label == "PERSON" else _NOTED_TOWN_POPULATION), countries()
    return any(e.tier <= 1 and e.feature_class in {"P", "A"} and not e.is_country
               and e.country_code in known and e.population >= least
               for e in gazetteer.candidates(mention.text))
