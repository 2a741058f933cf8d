"""Amounts in running text: digits, number words, ranges and vague amounts.

The scanner works on a sentence's words (spaCy token texts) so that callers
can map an amount back to tokens and character offsets. Word tables live in
`data/numbers_en.toml`; vague amounts take ACLED's conservative value.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_RANGE_JOINERS = frozenset({"-", "\u2013", "to", "or"})


@dataclass(frozen=True)
class Amount:
    """An amount found at words[start:end] (the qualifier included)."""

    start: int
    end: int
    low: float
    high: float | None = None
    vague: bool = False
    qualifier: str = ""


@dataclass(frozen=True)
class NumberWords:
    """The word tables of one language."""

    units: dict[str, float]
    scales: dict[str, float]
    fractions: dict[str, float]
    vague: dict[str, tuple[tuple[tuple[str, ...], float], ...]]  # by first word, longest phrase first
    exact: dict[str, tuple[tuple[tuple[str, ...], float], ...]]
    qualifiers: dict[str, tuple[tuple[tuple[str, ...], str], ...]]


def _phrases(table: dict[str, Any]) -> dict[str, tuple[tuple[tuple[str, ...], Any], ...]]:
    """A table's phrases by their first word, longest first: only those can start at a word, and the
    scanner tries them at every number-like word of every sentence."""
    items = sorted(((tuple(key.split()), value) for key, value in table.items()), key=lambda item: -len(item[0]))
    by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
    for phrase, value in items:
        by_first.setdefault(phrase[0], []).append((phrase, value))
    return {word: tuple(found) for word, found in by_first.items()}


@lru_cache(maxsize=4)
def number_words(language: str = "en") -> NumberWords:
    """Load the number-word tables for a language."""
    text = resources.files("eventdesk.data").joinpath(f"numbers_{language}.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return NumberWords(
        units={k: float(v) for k, v in data["units"].items()},
        scales={k: float(v) for k, v in data["scales"].items()},
        fractions={k: float(v) for k, v in data["fractions"].items()},
        vague=_phrases(data["vague"]),
        exact=_phrases(data["exact"]),
        qualifiers=_phrases(data["qualifiers"]),
    )


def _phrase_at(words: Sequence[str], i: int, table: dict[str, tuple[tuple[tuple[str, ...], Any], ...]]
               ) -> tuple[tuple[str, ...], Any] | None:
    """The longest phrase of a table written at words[i], with its value."""
    if i >= len(words):
        return None
    return next(((phrase, value) for phrase, value in table.get(words[i], ())
                 if tuple(words[i:i + len(phrase)]) == phrase), None)


def parse_digits(word: str) -> float | None:
    """The value of a digit string such as '1,200' or '2.5'."""
    if not _DIGITS.match(word):
        return None
    return float(word.replace(",", ""))


def _cardinal_words(words: Sequence[str], i: int, table: NumberWords) -> tuple[float, int] | None:
    """Number words from i ('two hundred and fifty', 'twenty - five'); (value, end)."""
    total, current, j, seen = 0.0, 0.0, i, False
    while j < len(words):
        word = words[j]
        if word in table.units:
            current += table.units[word]
        elif word in table.scales and (seen or word == "hundred"):
            if table.scales[word] == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * table.scales[word]
                current = 0.0
        elif word in {"-", "and"} and seen and j + 1 < len(words) and words[j + 1] in table.units and (
                words[j - 1] in table.scales if word == "and" else True):
            j += 1  # 'two hundred and fifty', 'twenty - five'; 'between five and eight' is a range
            continue
        else:
            break
        seen, j = True, j + 1
    return (total + current, j) if seen else None


def _single_value(words: Sequence[str], i: int, table: NumberWords) -> tuple[float, int, bool] | None:
    """One number at i: (value, end, vague)."""
    if (vague := _phrase_at(words, i, table.vague)) is not None:
        return vague[1], i + len(vague[0]), True
    if (exact := _phrase_at(words, i, table.exact)) is not None:
        return exact[1], i + len(exact[0]), False
    digits = parse_digits(words[i]) if i < len(words) else None
    if digits is not None and i + 1 < len(words) and words[i + 1] == "dozen":
        return digits * 12, i + 2, False  # "2 dozen"
    if digits is not None:
        end = i + 1
        if end < len(words) and words[end] in table.scales and table.scales[words[end]] > 100:
            return digits * table.scales[words[end]], end + 1, False
        return digits, end, False
    if i + 2 < len(words) and words[i] in table.fractions and words[i + 1] in {"a", "an"} \
            and words[i + 2] in table.scales:
        return table.fractions[words[i]] * table.scales[words[i + 2]], i + 3, False
    if i + 1 < len(words) and words[i] in {"a", "an"} and words[i + 1] in table.scales:
        # 'a thousand' reads as 'one thousand'
        found = _cardinal_words(["one", *words[i + 1:]], 0, table)
        if found:
            return found[0], i + found[1], False
    found = _cardinal_words(words, i, table)
    if found and found[1] < len(words) and words[found[1]] == "dozen":
        return found[0] * 12, found[1] + 1, False  # "two dozen", "over three dozen"
    return (found[0], found[1], False) if found else None


def _qualifier(words: Sequence[str], i: int, table: NumberWords) -> tuple[str, int]:
    found = _phrase_at(words, i, table.qualifiers)
    return (found[1], i + len(found[0])) if found is not None else ("", i)


def amount_at(words: Sequence[str], i: int, *, language: str = "en") -> Amount | None:
    """The amount starting at words[i] (a qualifier, a range or one number), if any."""
    return _amount_at([w.casefold() for w in words], i, number_words(language))


def _amount_at(lowered: Sequence[str], i: int, table: NumberWords) -> Amount | None:
    """`amount_at` over words already case-folded (the scanner folds a sentence once, not per amount)."""
    qualifier, j = _qualifier(lowered, i, table)
    between = j < len(lowered) and lowered[j] == "between"
    first = _single_value(lowered, j + 1 if between else j, table)
    if first is None:
        return None
    low, end, vague = first
    joiners = {"and"} if between else _RANGE_JOINERS
    if end + 1 < len(lowered) and lowered[end] in joiners and not vague:
        second = _single_value(lowered, end + 1, table)
        if second is not None and second[0] > low and not second[2]:
            return Amount(i, second[1], low, second[0], False, qualifier or "between")
    if between:
        return None
    return Amount(i, end, low, None, vague, qualifier)


@lru_cache(maxsize=4)
def _starters(language: str) -> frozenset[str]:
    """Words an amount can begin with (a quick test before the full parse)."""
    table = number_words(language)
    return frozenset(set(table.vague) | set(table.exact) | set(table.qualifiers) | set(table.units)
                     | set(table.fractions) | {"a", "an", "between"})


def scan_amounts(words: Sequence[str], *, language: str = "en") -> list[Amount]:
    """Every amount in a sentence's words, left to right, without overlaps."""
    found: list[Amount] = []
    starters = _starters(language)
    table = number_words(language)
    lowered = [w.casefold() for w in words]
    i = 0
    while i < len(lowered):
        word = lowered[i]
        if word not in starters and not word[:1].isdigit():
            i += 1
            continue
        amount = _amount_at(lowered, i, table)
        if amount is None:
            i += 1
            continue
        found.append(amount)
        i = amount.end
    return found


def parse_amount(text: str, *, language: str = "en") -> Amount | None:
    """Parse a whole phrase such as 'at least 400' or 'dozens' (tokens split on spaces)."""
    words = re.findall(r"\d[\d,.]*\d|\d|[A-Za-z]+|[-\u2013]", text)
    amount = amount_at(words, 0, language=language)
    return amount if amount is not None and amount.end == len(words) else None
