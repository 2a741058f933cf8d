"""Publication dates: from metadata values, datelines in the text, file names.

A report's publication date anchors its relative dates ("on Thursday",
"last December"). Ingest looks for it in this order: the input's metadata
(parsed with `parse_date`), then the opening of the text (`find_dateline`:
wire datelines, "Published: ..." lines, bylines carrying a date), then a date
in the file name (`date_from_name`). Every parser here wants a full date with
a year: a day and month alone cannot anchor anything.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_name[_number].lower()] = _number
    _MONTHS[calendar.month_abbr[_number].lower()] = _number
_MONTHS["sept"] = 9

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# Named-month forms first: they are unambiguous. Numeric d/m/y comes last and
# is taken only when one part is over 12.
_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<!\d)" + _YEAR + r"-(?P<mon>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)"),
    re.compile(r"(?<!\d)" + _YEAR + r"[/.](?P<mon>[01]?\d)[/.](?P<day>[0-3]?\d)(?!\d)"),
    re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b", re.IGNORECASE),
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.IGNORECASE),
)
_NUMERIC = re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.]" + _YEAR + r"(?![\d/])")

_LABELLED = re.compile(
    r"^\s*(?P<label>published|first published|posted|date|updated|last updated|last modified)"
    r"(?:\s+on)?\s*[:\-–—]?\s*(?P<rest>.{4,80})$",
    re.IGNORECASE,
)
# A wire dateline opens a paragraph: a place in capitals, maybe a region, a
# date, then the agency or a dash ("DAMASCUS, Syria, March 2, 2017 (AP) -").
_WIRE_START = re.compile(r"^\s*[A-Z][A-Z'’.\-]{2,}(?:\s+[A-Z][A-Z'’.\-]+)*\s*[,(]")
_WIRE_END = re.compile(r"\)\s*[-–—:]|\s[-–—]\s|\s?[–—]")
_BYLINE_MARKS = re.compile(r"^\s*by\s|[|·•]", re.IGNORECASE)
_OPENING_LINES = 8


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _dates_in(value: str) -> Iterator[tuple[int, dt.date]]:
    """Every full date in a string, with where it starts."""
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(value):
            parts = match.groupdict()
            month = int(parts["mon"]) if parts.get("mon") else _MONTHS[parts["month"].lower()]
            found = _safe_date(int(parts["year"]), month, int(parts["day"]))
            if found is not None:
                yield match.start(), found
    for match in _NUMERIC.finditer(value):
        first, second, year = int(match["a"]), int(match["b"]), int(match["year"])
        if first > 12 >= second:
            found = _safe_date(year, second, first)
        elif second > 12 >= first:
            found = _safe_date(year, first, second)
        else:
            continue  # 03/04/2017: day-first or month-first cannot be told
        if found is not None:
            yield match.start(), found


def parse_date(value: str) -> dt.date | None:
    """The first full date (with a year) written in a metadata value, or None."""
    found = sorted(_dates_in(value), key=lambda item: item[0])
    return found[0][1] if found else None


def _labelled_date(lines: list[str]) -> dt.date | None:
    """A date from a "Published: ..." line; "Updated" only when nothing says published."""
    published: dt.date | None = None
    updated: dt.date | None = None
    for line in lines:
        match = _LABELLED.match(line)
        if match is None:
            continue
        found = parse_date(match["rest"])
        if found is None:
            continue
        if "updated" in match["label"].lower() or "modified" in match["label"].lower():
            updated = updated or found
        else:
            published = published or found
    return published or updated


def _wire_date(paragraphs: list[str]) -> dt.date | None:
    for paragraph in paragraphs[:3]:
        if _WIRE_START.match(paragraph) is None:
            continue
        end = _WIRE_END.search(paragraph, 0, 120)
        if end is not None:
            found = parse_date(paragraph[:end.start()])
            if found is not None:
                return found
    return None


def _byline_date(lines: list[str]) -> dt.date | None:
    """A date on a short byline-like line: "By Jane Roe | 2 March 2017"."""
    for line in lines[:_OPENING_LINES]:
        if len(line.split()) > 15:
            continue
        found = parse_date(line)
        if found is None:
            continue
        alone = _remove_dates(line).strip(" ,.|-–—·•") == ""
        if alone or _BYLINE_MARKS.search(line):
            return found
    return None


def _remove_dates(line: str) -> str:
    for pattern in (*_DATE_PATTERNS, _NUMERIC):
        line = pattern.sub("", line)
    weekdays = "|".join(calendar.day_name)
    return re.sub(rf"\b(?:{weekdays})\b|\d{{1,2}}[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{{2,4}})?",
                  "", line, flags=re.IGNORECASE)


def find_dateline(text: str) -> dt.date | None:
    """The publication date a text states about itself, or None.

    Looks at "Published:"-style lines anywhere (they are short and labelled),
    at wire datelines opening the first paragraphs, and at byline lines near
    the top. Dates inside the story's sentences are not publication dates and
    are left alone.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    short = [line for line in lines if len(line) <= 120]
    return (_labelled_date(short)
            or _wire_date(lines)
            or _byline_date(lines))


# news URLs often carry the date as /2017/03/02/; file names as 2017-03-02 or 2017_03_02
_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_./])([01]\d)\2([0-3]\d)(?!\d)")


def date_from_name(name: str) -> dt.date | None:
    """A YYYY-MM-DD date written in a file name or URL path, or None."""
    for match in _NAME_DATE.finditer(name):
        found = _safe_date(int(match[1]), int(match[3]), int(match[4]))
        if found is not None:
            return found
    return None
