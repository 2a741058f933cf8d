"""Read TimeML (`.tml`) documents: the raw text, its DCT and its TIMEX3 spans.

Only the `<TEXT>` element is read as the document body, as TempEval-3 scores
it; the creation time comes from the `<DCT>` TIMEX3 (or the one whose
`functionInDocument` is `CREATION_TIME`). Offsets are into the body text
with all markup removed and entities decoded.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from eventdesk.errors import EvalDataError

_DATE_PREFIX = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


@dataclass(frozen=True)
class GoldTimex:
    """One TIMEX3 annotation: its span in the body text and its attributes."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str = ""


@dataclass(frozen=True)
class TimeMLDoc:
    """A TimeML document: its name, body text, creation date and time expressions."""

    name: str
    text: str
    dct: dt.date | None
    timexes: tuple[GoldTimex, ...]
    annotated_end: int | None = None  # text after this offset was not annotated (MEANTIME: the first sentences only)


def _parse_date(value: str) -> dt.date | None:
    match = _DATE_PREFIX.match(value)
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _find_dct(root: ET.Element) -> dt.date | None:
    """The creation date: the DCT element's TIMEX3, else any CREATION_TIME TIMEX3."""
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            return _parse_date(timex.get("value", "") or (timex.text or ""))
    dct = root.find("DCT")
    if dct is not None:
        return _parse_date("".join(dct.itertext()).strip())
    return None


def _flatten(element: ET.Element, parts: list[str], spans: list[GoldTimex], offset: int) -> int:
    """Append the element's text to `parts`, recording TIMEX3 spans; returns the new offset."""
    if element.text:
        parts.append(element.text)
        offset += len(element.text)
    for child in element:
        start = offset
        offset = _flatten(child, parts, spans, offset)
        if child.tag == "TIMEX3":
            text = "".join(child.itertext())
            spans.append(GoldTimex(
                start=start, end=offset, text=text, type=child.get("type", "DATE"),
                value=child.get("value", ""), mod=child.get("mod", ""),
            ))
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    return offset


def parse_timeml(source: str, *, name: str = "<string>") -> TimeMLDoc:
    """Parse one TimeML document from its XML text; raises EvalDataError."""
    try:
        root = ET.fromstring(source)
    except ET.ParseError as error:
        raise EvalDataError(f"{name}: not well-formed TimeML XML: {error}; fix or remove the file") from error
    body = root.find("TEXT")
    if body is None:
        raise EvalDataError(f"{name}: no <TEXT> element; a TimeML file needs its body in <TEXT>")
    parts: list[str] = []
    spans: list[GoldTimex] = []
    _flatten(body, parts, spans, 0)
    return TimeMLDoc(name=name, text="".join(parts), dct=_find_dct(root), timexes=tuple(spans))


def read_timeml(path: Path) -> TimeMLDoc:
    """Read one `.tml` file; raises EvalDataError naming the file."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise EvalDataError(f"{path}: cannot read TimeML file: {error}") from error
    return parse_timeml(source, name=path.stem)


def timeml_files(paths: Sequence[Path]) -> list[Path]:
    """Every `.tml` file under the given files and folders, sorted; raises EvalDataError."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.rglob("*.tml")) or sorted(path.rglob("*.xml")))
        elif path.is_file():
            found.append(path)
        else:
            raise EvalDataError(f"{path}: no such file or folder; pass folders of .tml files")
    if not found:
        raise EvalDataError(f"no .tml files under {', '.join(map(str, paths))}; check the path")
    return found


def iter_timeml(paths: Sequence[Path]) -> Iterator[TimeMLDoc]:
    """Read every `.tml` document under the given paths (MEANTIME `.xml` too), in order."""
    for path in timeml_files(paths):
        yield read_meantime(path) if path.suffix == ".xml" else read_timeml(path)


# MEANTIME (NewsReader) stores tokens, not text: rebuild the text with a space
# between tokens except before closing punctuation, a newline between sentences.
_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?)\]}%]|'s|n't|'re|'ve|'ll|'d|'m)$")


def _meantime_text(root: ET.Element) -> tuple[str, dict[str, tuple[int, int]]]:
    """The document text and each token id's character span."""
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    offset, sentence = 0, None
    for token in root.iter("token"):
        word = token.text or ""
        if parts:
            gap = "\n" if token.get("sentence") != sentence else ("" if _NO_SPACE_BEFORE.match(word) else " ")
            parts.append(gap)
            offset += len(gap)
        sentence = token.get("sentence")
        spans[token.get("t_id", "")] = (offset, offset + len(word))
        parts.append(word)
        offset += len(word)
    return "".join(parts), spans


# MEANTIME annotates times in the title and the sentences after it up to this
# many in all (sentence 0 to 5; no TIMEX3 of its 120 English documents lies later).
MEANTIME_TIME_SENTENCES = 6


def read_meantime(path: Path) -> TimeMLDoc:
    """Read one MEANTIME document: its rebuilt text, DCT and TIMEX3 spans (the dateline's included)."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        raise EvalDataError(f"{path}: cannot read MEANTIME XML: {error}") from error
    text, token_spans = _meantime_text(root)
    dct, timexes = None, []
    # Times were annotated in the opening sentences only: what the system finds after them is not scored.
    last_end = max((token_spans[t.get("t_id", "")][1] for t in root.iter("token")
                    if int(t.get("sentence", "0")) < MEANTIME_TIME_SENTENCES), default=len(text))
    newline = text.find("\n", last_end)
    for timex in root.iter("TIMEX3"):
        anchors = [token_spans[a.get("t_id", "")] for a in timex.iter("token_anchor")
                   if a.get("t_id", "") in token_spans]
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = _parse_date(timex.get("value", ""))  # and, being in the text here, scored like any other
        if anchors:
            start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
            timexes.append(GoldTimex(start=start, end=end, text=text[start:end], type=timex.get("type", "DATE"),
                                     value=timex.get("value", ""), mod=timex.get("mod", "")))
    return TimeMLDoc(name=path.stem, text=text, dct=dct, timexes=tuple(sorted(timexes, key=lambda t: t.start)),
                     annotated_end=len(text) if newline < 0 else newline)
