"""The fatalities of one event, counted ACLED's way.

`fatalities_of` keeps the most conservative figure per counted group and adds the
groups: two reports of one toll keep the lower ('IS claimed 12 soldiers; the army said
3 died'), a revised toll replaces the first count, a death told later adds to the toll,
and bodies counted loosely beside a toll are the same dead.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from eventdesk.actor_kinds import UNARMED_KINDS, actor_kind
from eventdesk.figures_sides import BOTH_SIDES
from eventdesk.model import Figure

VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})


def _group(figure: Figure) -> str:
    """Whom a killed figure counts, as a key: the actor, else the counted noun, else '' (everyone)."""
    if figure.counts_actor:
        return figure.counts_actor
    if figure.counts.endswith(BOTH_SIDES):
        return BOTH_SIDES  # the fighters of every side: rivals one side's count, adds to civilians'
    words = figure.counts.lower().split()
    if not words or words[-1] in {"people", "persons", "person", "fatalities", "fatality", "dead", "deaths",
                                  "death", "bodies", "body", "killed", "lives"}:
        return ""
    return words[-1].rstrip("s")


# What parts two reports within a sentence: "IS claimed 12; the army said 3", "the army said 1 soldier
# was killed, while the rebels claimed 6", "JNIM claimed 300 killed, and local sources spoke of 200".
_REPORT_BREAK = re.compile(r";|, (?:while|whereas|although|though|but) |, and (?=(?:[^,;.](?!\band\b)){0,40}?"
                           r"\b(?:said|spoke|reported|counted|claimed|put|gave|estimated)\b)")


def _statement(text: str, figure: Figure) -> int:
    """Which semicolon-parted statement of its sentence a figure is in (0 without the text)."""
    if not text:
        return 0
    start = max(text.rfind(". ", 0, figure.start), 0)
    return len(_REPORT_BREAK.findall(text, start, figure.start))


# A statement that reports rather than tells: "IS claimed 12 soldiers killed; the military said 3 died".
_REPORTED = re.compile(r"\b(?:said|says|claimed|claims|reported|reports|told|stated|announced|admitted|gave|spoke|"
                       r"acknowledged|conceded|confirmed|recorded|according to|put|counted|estimated)\b",
                       re.IGNORECASE)


# A toll told as a later count: "the death toll rose to 30", "was later put at 168", "raising the toll to 19".
# A named source's 'later put the toll at 80' beside another's 41 is a rival report, not a revision;
# 'the toll was later put at 168' is the count revised.
_REVISED = re.compile(r"\b(?:rose|risen|rising|climbed|raising|raised|bringing|brought|increased|jumped|mounted|"
                      r"(?:was|were|is|are|been) later|revised|"
                      r"updated|reached|reaching)\b(?:(?![.;]).){0,40}?\b(?:to|at|reached|reaching)\s+"
                      r"(?:about |around |at least |some )?$",
                      re.IGNORECASE)
# ACLED's own coding of a toll spread over several events: "(coded as 110 for this event)".
_CODED = re.compile(r"\bcoded as\s+$", re.IGNORECASE)


def _statement_text(text: str, sentence_start: int, statement: int) -> str:
    end = text.find(". ", sentence_start + 1)
    parts = _REPORT_BREAK.split(text[sentence_start:end if end >= 0 else len(text)])
    return parts[statement] if statement < len(parts) else ""


def _rival_reports(counts: dict[tuple[str, int, int], float], text: str, starts: dict[int, int],
                   vague: dict[tuple[str, int, int], bool]) -> dict[tuple[str, int, int], float]:
    """Two reports of one toll in one sentence keep the lower total.

    Where each statement reports ('IS claimed 12 soldiers killed; the military said 3 died') and
    one counts everyone, the statements are rival counts of one toll, not parts to add; where each
    names its groups, the lower count per group is kept and the groups add up ('the army said 28
    soldiers and 40 attackers were killed; JNIM claimed 30 soldiers' is 28 + 40).
    """
    by_sentence: dict[int, dict[int, dict[str, float]]] = {}
    for (group, sentence, statement), value in counts.items():
        by_sentence.setdefault(sentence, {}).setdefault(statement, {})[group] = value
    out = dict(counts)
    for sentence, statements in by_sentence.items():
        if len(statements) < 2 or not _all_reported(text, starts.get(sentence), statements):
            continue
        statements = _vague_retold(statements, sentence, vague)
        out = {k: v for k, v in out.items() if k[1] != sentence or k[2] in statements}
        if len(statements) < 2:
            continue
        groups = [set(g) for g in statements.values()]
        if not any(g & {"", BOTH_SIDES} for g in groups):
            continue  # each statement names its groups: the lower count per group is kept below
        totals = [max(sum(v for k, v in g.items() if k and k != BOTH_SIDES), g.get("", 0.0), g.get(BOTH_SIDES, 0.0))
                  for g in statements.values()]
        out = {k: v for k, v in out.items() if k[1] != sentence}
        out[("", sentence, 0)] = min(totals)
    return out


def _vague_retold(statements: dict[int, dict[str, float]], sentence: int,
                  vague: dict[tuple[str, int, int], bool]) -> dict[int, dict[str, float]]:
    """'residents said dozens were killed; police confirmed 13 deaths': a vague report of the dead a
    number counts (everyone, or the same groups) gives way to the number; a vague count of another
    side ('17 soldiers were reported dead, while the army claimed dozens of militants') stays."""
    counted = {s: g for s, g in statements.items() if not all(vague.get((k, sentence, s), False) for k in g)}
    told = {k for g in counted.values() for k in g}
    return {s: g for s, g in statements.items()
            if s in counted or not counted or not ("" in told or "" in g or set(g) <= told)}


def _all_reported(text: str, start: int | None, statements: dict[int, dict[str, float]]) -> bool:
    """Whether every statement of the sentence starting at `start` reports what it counts."""
    if not text or start is None:
        return False
    # the first statement may tell the toll outright: "gunmen killed 9 civilians; other sources reported 13"
    return all(_REPORTED.search(_statement_text(text, start, s)) for s in statements if s != min(statements))


def _loose_bodies(figure: Figure) -> bool:
    """'dozens of bodies', 'scores of corpses': bodies counted vaguely, by whoever found them."""
    return figure.vague and figure.counts.lower().split()[-1:] in (["bodies"], ["corpses"], ["remains"])


def _counted_over_vague(counts: dict[tuple[str, int, int], float],
                        vague: dict[tuple[str, int, int], bool]) -> dict[tuple[str, int, int], float]:
    """'killing several farmers ... more than 10 bodies were recovered': a group's vague count ('several',
    'dozens', ACLED's stand-ins for an unknown number) yields to a number told of the same group."""
    counted = {key[0] for key in counts if not vague.get(key, False)}
    return {key: value for key, value in counts.items() if not (vague.get(key, False) and key[0] in counted)}


def fatalities_of(figures: Sequence[Figure], *, event_type: str = "Battles", sub_type: str = "",
                  text: str = "") -> int:
    """ACLED's count: the most conservative figure per counted group, groups added, 0 when none.

    Figures of one group add up within one statement ('a woman and her 3 children'); a
    semicolon in `text` (the article) parts two reports ('IS claimed 12 soldiers; the army
    said 3 died'), which count as two figures for the group, the lower one kept.
    """
    if event_type not in VIOLENT_TYPES and sub_type != "Excessive force against protesters":
        return 0
    killed = [f for f in figures if f.kind == "killed" and f.low is not None and f.qualifier != "including"]
    if not killed:  # "two officers were among the dead", with no total told: the part is all we know
        killed = [dataclasses.replace(f, qualifier="") for f in figures if f.kind == "killed" and f.low is not None]
    loose = [f for f in killed if _loose_bodies(f)]
    if len(loose) < len(killed):  # "117 suspects and 4 officers, while residents brought dozens of bodies"
        killed = [f for f in killed if f not in loose]  # the same dead counted loosely, never added to them
    coded = [f for f in killed if _CODED.search(text, max(0, f.start - 12), f.start)]
    if coded:  # "killing around 150 people across two areas (coded as 110 for this event)"
        return int(round(sum(f.low or 0.0 for f in coded)))
    revised = [f for f in killed if f.qualifier != "additional" and _REVISED.search(text, max(0, f.start - 80), f.start)]
    per_sentence: dict[tuple[str, int, int], float] = {}
    vague: dict[tuple[str, int, int], bool] = {}
    added = 0.0  # "4 dead at the scene; a fifth man died in hospital"
    for figure in killed:
        if figure in revised:
            continue
        if figure.qualifier == "additional":
            added += figure.low
            continue
        key = (_group(figure), figure.sentence, _statement(text, figure))  # "a woman and her 3 children"
        per_sentence[key] = per_sentence.get(key, 0.0) + figure.low
        vague[key] = vague.get(key, True) and figure.vague
    starts = {f.sentence: max(text.rfind(". ", 0, f.start), 0) for f in figures if text}
    per_sentence = _rival_reports(per_sentence, text, starts, vague)
    lows: dict[str, float] = {}
    for (group, _, _), value in _counted_over_vague(per_sentence, vague).items():  # two reports of one group
        lows[group] = min(lows.get(group, value), value)  # the lower one
    lows = _sides_as_one(lows, {_group(f) for f in killed if _armed(f)})
    specific = sum(v for k, v in lows.items() if k)
    total = max(specific, lows.get("", 0.0)) + added
    if revised:  # "first counted 50 bodies; the toll was later put at 168": the later count stands
        total = max(total, max(revised, key=lambda f: f.start).low or 0.0)
    return int(round(max(total, _sum_told_again(killed))))


def _armed(figure: Figure) -> bool:
    """Whether a killed figure counts one armed side's dead ('20 militants', '2 soldiers'): the dead of an
    unarmed kind (civilians, crowds, a government's ministers) add to the fighters' dead."""
    return bool(figure.counts_actor) and actor_kind(figure.counts_actor) not in UNARMED_KINDS


def _sides_as_one(lows: dict[str, float], armed: set[str]) -> dict[str, float]:
    """'killed 14 fighters from both sides. The army said 20 militants were killed': a count of every side's
    fighters and counts of the sides are one quantity (14, not 34); civilians still add. One side's count is
    a part of it ('... The army said it lost 3 soldiers' is 14); the sides' own counts of two or more sides
    rival it, the lower kept."""
    sides = [value for group, value in lows.items() if group in armed]
    if BOTH_SIDES not in lows or not sides:
        return lows
    out = {group: value for group, value in lows.items() if group not in armed}
    out[BOTH_SIDES] = min(lows[BOTH_SIDES], sum(sides)) if len(sides) > 1 else lows[BOTH_SIDES]
    return out


def _sum_told_again(killed: Sequence[Figure]) -> float:
    """'killing 3 drivers. Two wounded passengers died overnight, and police put the toll at 5': a count
    that equals the sum of two or more counts told before it is their total, whoever tells it, not a
    rival report of one of them. A part told again by a second source ('the army said 10 militants were
    killed. A local source said 10 militants died, while a rights group put the toll at 20') is one part."""
    ordered = sorted((f for f in killed if not f.vague and f.high is None), key=lambda f: f.start)
    for index, figure in enumerate(ordered[2:], start=2):
        parts = {_told_part(f) for f in ordered[:index]}
        if figure.low and len(parts) >= 2 and sum(value for *_, value in parts) == figure.low:
            return figure.low
    return 0.0


def _told_part(figure: Figure) -> tuple[str, str, float]:
    """A part of a toll as a key: its group, its noun and its number ('10 militants' told by two sources is one)."""
    noun = figure.counts.lower().split()[-1:] or [""]
    return _group(figure), noun[0].rstrip("s"), figure.low or 0.0
