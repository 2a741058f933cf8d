"""An actor as the stages pass it, and its kind.

`Actor` is an ACLED-style name with its kind and country, and `with_country` writes a name's
'({country})' ending. `group_kind` is the kind of a named group of the alias table;
`actor_kind` reads the kind back from a name alone, for stages that keep only the name.
`eventdesk.actors` gives the names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from eventdesk.actor_tables import Group, actor_table

ActorKind = str  # state, police, rebel, militia, unidentified, civilian, protester, rioter, external


@dataclass(frozen=True)
class Actor:
    """A normalised actor: its ACLED-style name, kind and country."""

    name: str
    kind: ActorKind
    country: str = ""
    # a state force named only as "security forces": the report leaves its branch open (ACLED codes
    # those who fire on protesters as police); not part of the actor's identity
    unspecified_branch: bool = field(default=False, compare=False)


def with_country(template: str, country: str) -> str:
    """A name template's '({country})' filled in: 'Civilians ({country})' -> 'Civilians (Mali)', 'Civilians' when
    the country is unknown."""
    if "{country}" not in template:
        return template
    return template.replace("{country}", country) if country else template.replace(" ({country})", "")


_GROUP_KINDS = {1: "state", 2: "rebel", 3: "militia", 4: "militia", 8: "external"}


def group_kind(group: Group) -> ActorKind:
    """A named group's kind by its ACLED inter code: 'Unidentified ...' groups unidentified, else state, rebel,
    militia or external."""
    if group.name.startswith("Unidentified"):
        return "unidentified"
    return _GROUP_KINDS.get(group.inter, "rebel")


# The kinds whose names `eventdesk.actors` writes with a fixed opening word, and the kinds that bear no arms
_KIND_OPENINGS = (("Civilians", "civilian"), ("Protesters", "protester"), ("Rioters", "rioter"),
                  ("Government", "civilian"), ("Police Forces", "police"), ("Military Forces", "state"),
                  ("Unidentified", "unidentified"))
UNARMED_KINDS = frozenset({"civilian", "protester", "rioter"})


def actor_kind(name: str) -> ActorKind:
    """The kind of an actor by the ACLED name `eventdesk.actors` gives it, for stages that keep only the
    name (a figure's counted actor): 'Civilians (Mali)' civilian, 'Government of Afghanistan (2021-)'
    civilian, 'Police Forces of Egypt (2014-)' police, 'Kuki Ethnic Militia (India)' militia, a named group
    by its table entry, else rebel."""
    kind = next((kind for opening, kind in _KIND_OPENINGS if name.startswith(opening)), "")
    if kind:
        return kind
    named = _groups_by_name()
    group = named.get(name) or named.get(re.sub(r" \([^()]*\)$", "", name))  # "Islamic State (Syria)"
    if group is not None:
        return group_kind(group)
    return "militia" if "Militia" in name else "rebel"


@lru_cache(maxsize=1)
def _groups_by_name() -> dict[str, Group]:
    """The table's groups by their names and their branches' names, without a '({country})' ending."""
    named: dict[str, Group] = {}
    for group in actor_table().groups:
        for name in (group.name, *(branch for _, branch in group.branches), *(e for _, _, e in group.branch_eras)):
            named.setdefault(name.replace(" ({country})", ""), group)
    return named
