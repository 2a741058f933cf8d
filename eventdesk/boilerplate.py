"""Boilerplate removal: the lines of a news page that are not the report.

Rules are kinds of line (age notices, "Follow NAME on Twitter", "Related:"
links, photo credits, share and subscribe prompts, bylines, adverts,
copyright lines), kept as data in `eventdesk/data/boilerplate_rules.toml`.
One more rule needs the whole text: a line that is only a quotation which
the body quotes again is a pull quote, printed twice on the page.

A rule matches a whole line, never part of a sentence, so headlines and body
paragraphs pass through untouched; the blank lines left behind are collapsed.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_QUOTES = "\"'“”‘’«»„‟‚‛"
_QUOTED_LINE = re.compile(rf"^[{_QUOTES}](?P<inner>.{{12,}}?)[{_QUOTES}][.,]?$")
_BLANK_RUNS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Rule:
    """One kind of boilerplate line."""

    name: str
    patterns: tuple[re.Pattern[str], ...]
    max_words: int | None = None
    skip_first: bool = False

    def matches(self, line: str, *, words: int, first: bool) -> bool:
        """Whether a stripped line of `words` words is this kind of boilerplate."""
        if first and self.skip_first:
            return False
        if self.max_words is not None and words > self.max_words:
            return False
        return any(pattern.fullmatch(line) for pattern in self.patterns)


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    """The packaged boilerplate rules, compiled once."""
    source = resources.files("eventdesk.data").joinpath("boilerplate_rules.toml")
    table = tomllib.loads(source.read_text("utf-8"))
    rules = []
    for entry in table["rule"]:
        flags = 0 if entry.get("case_sensitive", False) else re.IGNORECASE
        rules.append(Rule(
            name=entry["name"],
            patterns=tuple(re.compile(p, flags) for p in entry["patterns"]),
            max_words=entry.get("max_words"),
            skip_first=entry.get("skip_first", False),
        ))
    return tuple(rules)


def boilerplate_kind(line: str, *, first: bool = False) -> str | None:
    """The name of the rule a single line breaks, or None for a content line."""
    stripped = line.strip()
    if not stripped:
        return None
    words = len(stripped.split())
    for rule in load_rules():
        if rule.matches(stripped, words=words, first=first):
            return rule.name
    return None


def _squash(text: str) -> str:
    """Text reduced for comparing quotations: no quote marks, case or spacing."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(rf"[{_QUOTES}]", "", text)
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _pull_quotes(lines: list[str]) -> set[int]:
    """Indexes of lines that only repeat a quotation found elsewhere in the body."""
    quotes: dict[int, str] = {}
    for index, line in enumerate(lines):
        match = _QUOTED_LINE.match(line.strip())
        if match is not None and len((quote := _squash(match["inner"])).split()) >= 4:
            quotes[index] = quote
    if not quotes:
        return set()
    body = "\n".join(_squash(line) for line in lines)
    alone = Counter(quotes.values())  # how often each quote stands on a line of its own
    found: set[int] = set()
    seen: set[str] = set()
    for index, quote in quotes.items():
        if quote in seen or body.count(quote) > alone[quote]:
            found.add(index)  # a repeat of an earlier quote line, or quoted in the body
        seen.add(quote)
    return found


def strip_boilerplate(text: str) -> tuple[str, tuple[str, ...]]:
    """The text without boilerplate lines, and the lines removed (stripped, in order)."""
    lines = text.split("\n")
    drop: set[int] = set()
    seen_content = False  # the first content line is the headline: some rules spare it
    for index, line in enumerate(lines):
        if boilerplate_kind(line, first=not seen_content):
            drop.add(index)
        elif line.strip():
            seen_content = True
    kept_index = [i for i in range(len(lines)) if i not in drop]
    drop |= {kept_index[i] for i in _pull_quotes([lines[i] for i in kept_index])}
    removed = tuple(lines[i].strip() for i in sorted(drop))
    kept = "\n".join(line.rstrip() for i, line in enumerate(lines) if i not in drop)
    return _BLANK_RUNS.sub("\n\n", kept).strip(), removed
