"""Ingest: every input a user names becomes articles, or a failure that says why.

`read_inputs` expands what it is given (files, folders, globs, http(s) URLs,
"-" for standard input), picks a reader by extension or by sniffing the
content, and yields one `Article` per report found, or one `InputFailure`
per input that cannot be read. A bad input never stops the run and never
hides the good ones: a JSON Lines file with one broken line still yields its
other lines.

Readers: plain text (optional `Title:`/`Outlet:`/`Published:`/`URL:` header),
HTML (trafilatura), JSON Lines, RSS/Atom feeds (feedparser), WARC archives
(warcio). Every text then loses its boilerplate lines and gets an id, an
outlet and, where one can be found, a publication date.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import glob
import io
import json
import os
import re
import sys
import zlib
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import feedparser
import lxml.etree
import lxml.html
import trafilatura

from eventdesk.boilerplate import strip_boilerplate
from eventdesk.dateline import date_from_name, find_dateline, parse_date
from eventdesk.dedup import article_id
from eventdesk.errors import (
    EmptyInput,
    InputError,
    InputTooLarge,
    MalformedInput,
    UndecodableInput,
    UnsupportedInput,
)
from eventdesk.fetch import FetchedPage, fetch_url, is_url
from eventdesk.model import Article, DateSource
from eventdesk.settings import Options


@dataclass(frozen=True)
class InputFailure:
    """One input that could not be read: where, why and what to do about it."""

    source: str
    reason: str
    kind: str  # the error class name: EmptyInput, InputTooLarge, FetchError, ...

    @classmethod
    def from_error(cls, error: InputError) -> InputFailure:
        """The failure an input error describes."""
        return cls(source=error.source, reason=str(error), kind=type(error).__name__)


IngestResult = Article | InputFailure


@dataclass(frozen=True)
class InputMeta:
    """What an input says about itself (header, page metadata, feed entry, JSON fields)."""

    title: str = ""
    outlet: str = ""
    url: str = ""
    author: str = ""
    published: dt.date | None = None

    def or_else(self, other: InputMeta) -> InputMeta:
        """These fields, with the empty ones filled from `other`."""
        return InputMeta(**{f.name: getattr(self, f.name) or getattr(other, f.name)
                            for f in dataclasses.fields(self)})


_SUFFIX_FORMATS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".xml": "xml", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
    ".warc": "warc",
}
_HEADER_LINE = re.compile(r"^(title|outlet|published|date|url|author)\s*:\s*(.*)$", re.IGNORECASE)
_HEADER_FIELDS = {"title": "title", "outlet": "outlet", "published": "published",
                  "date": "published", "url": "url", "author": "author"}
_GLOB_CHARS = re.compile(r"[*?\[]")
# a folder's own documentation is not a news report
_FOLDER_DOCS = re.compile(r"^(readme|license|licence|copying|changelog|notice)\b", re.IGNORECASE)
_MAGIC = (
    (b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx file)"),
    (b"\x1f\x8b", "gzip-compressed"),
)
_READABLE = "eventdesk reads plain text, HTML, JSON Lines, RSS/Atom and WARC"
_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
               "article", "section", "tr", "pre", "figcaption", "ul", "ol", "table")
_MIN_PROSE_WORDS = 8  # an extracted "article" without one such line is a menu or index
_MIN_SUMMARY_WORDS = 60  # a feed summary this long is the article, not a teaser
# htmldate's extensive search takes any date in the body for the publication date;
# dates in the story are events, so only the page's markup (and URL) may say it
_MARKUP_DATES_ONLY = {"extensive_search": False, "original_date": True}


def read_inputs(specs: Sequence[str], *, options: Options,
                stdin: TextIO | None = None) -> Iterator[IngestResult]:
    """Articles from every input spec, and a failure for each input that cannot be read."""
    for spec in specs:
        if spec == "-":
            yield from _guarded("-", lambda: _read_stdin(stdin or sys.stdin, options))
        elif is_url(spec):
            yield from _guarded(spec, lambda: _read_url(spec, options))
        else:
            for item in _expand_path(spec):
                if isinstance(item, InputFailure):
                    yield item
                else:
                    yield from _guarded(str(item), lambda: _read_path(item, options))


def _guarded(source: str, produce: Callable[[], Iterable[IngestResult]]) -> Iterator[IngestResult]:
    """What a reader yields, ending in a failure instead of an exception."""
    try:
        yield from produce()
    except InputError as error:
        yield InputFailure.from_error(error)
    except OSError as error:
        yield InputFailure.from_error(InputError(source, f"cannot be read: {error.strerror or error}",
                                                 hint="Check that it exists and is readable"))


# --- what the specs name -----------------------------------------------------

def _expand_path(spec: str) -> Iterator[Path | InputFailure]:
    """The files a path, folder or glob names; a failure when it names none."""
    path = Path(spec).expanduser()
    if _GLOB_CHARS.search(spec) and not path.exists():
        matches = sorted(glob.glob(os.path.expanduser(spec), recursive=True))
        if not matches:
            yield _failure(InputError(spec, "the pattern matches no files",
                                      hint="Check the pattern and the folder it starts from"))
        for match in matches:
            yield from _expand_one(Path(match), explicit=False)
    else:
        yield from _expand_one(path, explicit=True)


def _expand_one(path: Path, *, explicit: bool) -> Iterator[Path | InputFailure]:
    if path.is_dir():
        found = list(_walk(path))
        if not found:
            yield _failure(EmptyInput(str(path), "the folder holds no files to read",
                                      hint="Check the folder"))
        yield from found
    elif path.exists():
        if explicit or not _FOLDER_DOCS.match(path.name):
            yield path
    else:
        yield _failure(InputError(str(path), "no such file or folder",
                                  hint="Check the path (relative paths start from the current folder)"))


def _walk(folder: Path) -> Iterator[Path]:
    """Files under a folder, recursively and in a stable order, skipping hidden ones and docs."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / name for name in files
                     if not name.startswith(".") and not _FOLDER_DOCS.match(name))
    yield from sorted(found, key=lambda path: path.relative_to(folder).parts)


def _failure(error: InputError) -> InputFailure:
    return InputFailure.from_error(error)


# --- reading one input ---------------------------------------------------------

def _format_of(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith((".warc.gz", ".warc")):
        return "warc"
    return _SUFFIX_FORMATS.get(path.suffix.lower())


def _read_path(path: Path, options: Options) -> Iterator[IngestResult]:
    source = str(path)
    fmt = _format_of(path)
    if fmt == "warc":
        yield from _read_warc(path, source, options)
        return
    data = _read_bytes(path, source, options)
    if fmt in (None, "xml"):
        fmt = _sniff(data[:4096].decode("utf-8", errors="replace"))
        if fmt == "warc":
            raise UnsupportedInput(source, "is a WARC archive without a .warc name",
                                   hint="Rename it to .warc or .warc.gz")
    yield from _read_data(data, fmt, source=source, options=options, name=path.name,
                          markdown=path.suffix.lower() == ".md")


def _read_data(data: bytes, fmt: str, *, source: str, options: Options, name: str,
               kind: str | None = None, meta: InputMeta = InputMeta(),
               markdown: bool = False) -> Iterator[IngestResult]:
    """Articles from the bytes of one input in a known format."""
    if fmt == "html":
        yield _html_article(data, source=source, options=options, meta=meta,
                            kind=kind or "html", name=name)
    elif fmt == "feed":
        yield from _read_feed(data, source=source, options=options)
    elif fmt == "jsonl":
        yield from _read_jsonl(_decode(data, source), source=source, options=options)
    else:
        yield _text_article(_decode(data, source), source=source, options=options, meta=meta,
                            kind=kind or "text", name=name, markdown=markdown)


def _read_bytes(path: Path, source: str, options: Options) -> bytes:
    """A file's bytes, refused when empty, over the size cap or binary."""
    size = path.stat().st_size
    if size > options.max_bytes:
        raise InputTooLarge(source, f"the file is {size:,} bytes, over the "
                                    f"{options.max_bytes:,}-byte size cap",
                            hint="Raise the cap with --max-bytes, or split the file")
    data = path.read_bytes()
    _refuse_empty_or_binary(data, source)
    return data


def _refuse_empty_or_binary(data: bytes, source: str) -> None:
    if not data.strip():
        raise EmptyInput(source, "the input is empty" if not data else "the input holds only whitespace",
                         hint="Check that the right file was given")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UndecodableInput(source, f"this is {what}, not text",
                                   hint=f"{_READABLE}; convert it to text first")
    head = data[:8192]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UndecodableInput(source, "this looks like a binary file (it holds NUL bytes)",
                               hint=f"{_READABLE}; convert it to text first")


def _decode(data: bytes, source: str) -> str:
    """Text from bytes: UTF-8 (or UTF-16 with a BOM); Windows-1252 for mostly-ASCII legacy files."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        first_bad = error.start
    non_ascii = len(data.translate(None, bytes(range(128))))
    if non_ascii <= len(data) // 10:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    raise UndecodableInput(source, f"the bytes at offset {first_bad} are not valid UTF-8, "
                                   f"nor Windows-1252 text",
                           hint="Re-save it as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8 FILE)")


def _sniff(head: str) -> str:
    """The format a text's opening suggests: html, feed, jsonl, warc or text."""
    start = head.lstrip("\ufeff \t\r\n")
    low = start[:4096].lower()
    if start.startswith("WARC/"):
        return "warc"
    if start.startswith("{"):
        return "jsonl"
    if start.startswith("<"):
        if re.search(r"<(?:rss|feed|rdf:rdf)\b", low):
            return "feed"
        if re.search(r"<(?:!doctype html|html|head|body|p|div|article|main)\b", low):
            return "html"
        if low.startswith("<?xml"):
            return "feed"  # feedparser will say if it is not one
    return "text"


def _read_stdin(stream: TextIO, options: Options) -> Iterator[IngestResult]:
    try:
        text = stream.read(options.max_bytes + 1)
    except UnicodeDecodeError as error:
        raise UndecodableInput("-", f"standard input is not valid text ({error.reason})",
                               hint="Pipe UTF-8 text into eventdesk") from error
    if len(text) > options.max_bytes:
        raise InputTooLarge("-", f"standard input is over the {options.max_bytes:,}-byte size cap",
                            hint="Raise the cap with --max-bytes, or split the input")
    data = text.encode("utf-8")
    _refuse_empty_or_binary(data, "-")
    fmt = _sniff(text)
    if fmt == "warc":
        raise UnsupportedInput("-", "WARC archives cannot be read from standard input",
                               hint="Give the .warc file's path instead")
    yield from _read_data(data, fmt, source="-", options=options, name="")


def _read_url(url: str, options: Options) -> Iterator[IngestResult]:
    page = fetch_url(url, options=options)
    yield from _read_page(page, source=url, options=options, kind="url")


def _read_page(page: FetchedPage, *, source: str, options: Options, kind: str,
               meta: InputMeta = InputMeta()) -> Iterator[IngestResult]:
    """Articles from a fetched page, read by its content type (or by sniffing)."""
    _refuse_empty_or_binary(page.body, source)
    ctype = page.content_type
    if "html" in ctype:
        fmt = "html"
    elif any(word in ctype for word in ("rss", "atom", "xml")):
        fmt = "feed"
    else:
        fmt = _sniff(page.body[:4096].decode(page.charset or "utf-8", errors="replace"))
    url_meta = meta.or_else(InputMeta(url=page.final_url))
    path = urllib.parse.urlsplit(page.final_url).path
    yield from _read_data(page.body, fmt, source=source, options=options, name=path,
                          kind=kind, meta=url_meta)


# --- the readers ---------------------------------------------------------------

def split_header(text: str) -> tuple[dict[str, str], str]:
    """The `Title:`/`Outlet:`/`Published:`/`URL:`/`Author:` lines opening a text, and the rest."""
    lines = text.split("\n")
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    fields: dict[str, str] = {}
    while index < len(lines) and (match := _HEADER_LINE.match(lines[index].strip())):
        fields.setdefault(_HEADER_FIELDS[match[1].lower()], match[2].strip())
        index += 1
    if not fields:
        return {}, text
    return fields, "\n".join(lines[index:])


def _text_article(text: str, *, source: str, options: Options, meta: InputMeta, kind: str,
                  name: str, markdown: bool = False) -> Article:
    fields, body = split_header(_plain_newlines(text))
    if markdown:
        body = re.sub(r"^#{1,6}\s+", "", body, flags=re.MULTILINE)
    header = InputMeta(title=fields.get("title", ""), outlet=fields.get("outlet", ""),
                       url=fields.get("url", ""), author=fields.get("author", ""),
                       published=parse_date(fields.get("published", "")))
    return build_article(body, header.or_else(meta), source=source, kind=kind, options=options, name=name)


def _read_jsonl(text: str, *, source: str, options: Options) -> Iterator[IngestResult]:
    """One article per JSON line; a bad line is a failure of its own."""
    seen = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        seen = True
        where = f"{source}:line {number}"
        try:
            yield _record_article(json.loads(line), source=where, options=options)
        except json.JSONDecodeError as error:
            yield _failure(MalformedInput(where, f"not valid JSON ({error.msg}, column {error.colno})",
                                          hint="Fix or remove this line; the other lines were read"))
        except InputError as error:
            yield _failure(error)
    if not seen:
        raise EmptyInput(source, "the JSON Lines file holds no lines", hint="Check the file")


def _record_article(record: Any, *, source: str, options: Options) -> Article:
    """An article from one JSON object with `text` or `html` and optional metadata."""
    if not isinstance(record, dict):
        raise MalformedInput(source, f"expected a JSON object, found {type(record).__name__}",
                             hint="Write one object per line, with a 'text' or 'html' field")
    fields = {key: record.get(key) for key in ("text", "html", "title", "url", "outlet",
                                              "author", "published")}
    bad = [key for key, value in fields.items() if value is not None and not isinstance(value, str)]
    if bad:
        raise MalformedInput(source, f"field {bad[0]!r} must be a string",
                             hint="Quote the value in the JSON line")
    meta = InputMeta(title=fields["title"] or "", outlet=fields["outlet"] or "",
                     url=fields["url"] or "", author=fields["author"] or "",
                     published=parse_date(fields["published"] or ""))
    if fields["text"] and fields["text"].strip():
        return _text_article(fields["text"], source=source, options=options, meta=meta,
                             kind="jsonl", name="")
    if fields["html"] and fields["html"].strip():
        return _html_article(fields["html"], source=source, options=options, meta=meta,
                             kind="jsonl", name="")
    raise MalformedInput(source, "the object has no 'text' or 'html' field with content",
                         hint="Give the article's text in 'text' (or its page in 'html')")


def html_text(html: bytes | str, *, source: str, url: str = "") -> tuple[str, InputMeta]:
    """The main text of an HTML page and its metadata (title, author, date, site)."""
    try:
        document = trafilatura.bare_extraction(html, url=url or None, with_metadata=True,
                                               include_comments=False, include_tables=False,
                                               date_extraction_params=_MARKUP_DATES_ONLY)
    except (ValueError, TypeError, lxml.etree.LxmlError) as error:
        raise MalformedInput(source, f"the HTML cannot be parsed ({error})",
                             hint="Check that the file is an HTML page") from error
    text = (document.text or "").replace("\n", "\n\n") if document is not None else ""
    if not text.strip() and _is_fragment(html):
        text = fragment_text(html if isinstance(html, str) else html.decode("utf-8", "replace"))
    if not _has_prose(text):
        raise EmptyInput(source, "no article text found in the HTML",
                         hint="If this is a front or index page, ingest the article pages; "
                              "if the page is built by JavaScript, save the rendered page")
    if document is None:
        return text, InputMeta(url=url)
    return text, InputMeta(title=document.title or "", outlet=document.sitename or "",
                           url=document.url or url, author=document.author or "",
                           published=parse_date(document.date or ""))


def _has_prose(text: str) -> bool:
    """Whether a text holds a paragraph of running prose, not just menu and link lines."""
    return any(len(line.split()) >= _MIN_PROSE_WORDS for line in text.splitlines())


def _is_fragment(html: bytes | str) -> bool:
    head = html[:4096].lower() if isinstance(html, str) else html[:4096].lower().decode("ascii", "replace")
    return not re.search(r"<(?:html|body|head)\b", head)


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one paragraph per block."""
    if "<" not in fragment:
        return fragment
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.LxmlError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment)
    for element in root.iter("script", "style"):
        element.drop_tree()
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter(*_BLOCK_TAGS):
        element.text = "\n\n" + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    text = re.sub(r"[ \t\xa0]+", " ", root.text_content())
    return re.sub(r"\s*\n\s*\n\s*", "\n\n", text).strip()


def _html_article(html: bytes | str, *, source: str, options: Options, meta: InputMeta,
                  kind: str, name: str) -> Article:
    text, found = html_text(html, source=source, url=meta.url)
    return build_article(text, meta.or_else(found), source=source, kind=kind, options=options, name=name)


def _read_feed(data: bytes, *, source: str, options: Options) -> Iterator[IngestResult]:
    """Articles from an RSS/Atom feed's entries; link-only entries are fetched with --fetch."""
    parsed = feedparser.parse(io.BytesIO(data))
    if parsed.get("bozo") and not parsed.entries:
        raise MalformedInput(source, f"the feed does not parse ({parsed.get('bozo_exception')})",
                             hint="Check that it is RSS or Atom XML")
    if not parsed.get("version"):
        raise MalformedInput(source, "this XML is not an RSS or Atom feed",
                             hint="eventdesk reads XML only as RSS/Atom feeds")
    if not parsed.entries:
        raise EmptyInput(source, "the feed has no entries", hint="Check the feed")
    outlet = parsed.feed.get("title", "")
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#entry {number}"
        try:
            yield from _entry_articles(entry, source=where, outlet=outlet, options=options)
        except InputError as error:
            yield _failure(error)


def _entry_articles(entry: Any, *, source: str, outlet: str,
                    options: Options) -> Iterator[IngestResult]:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    meta = InputMeta(title=entry.get("title", ""), outlet=outlet, url=entry.get("link", ""),
                 author=entry.get("author", ""),
                 published=dt.date(*stamp[:3]) if stamp else None)
    body = entry["content"][0].get("value", "") if entry.get("content") else ""
    summary = fragment_text(entry.get("summary", ""))
    text = fragment_text(body) if body.strip() else ""
    if not text and len(summary.split()) >= _MIN_SUMMARY_WORDS:
        text = summary
    if text:
        yield build_article(text, meta, source=source, kind="feed", options=options, name="")
        return
    if not meta.url:
        raise EmptyInput(source, "the entry has neither content nor a link",
                         hint="Nothing to read in this entry")
    if not options.fetch:
        raise EmptyInput(source, f"the entry has only a link ({meta.url}), which was not fetched",
                         hint="Pass --fetch to download linked articles")
    page = fetch_url(meta.url, options=options)
    yield from _read_page(page, source=source, options=options, kind="feed", meta=meta)


def _read_warc(path: Path, source: str, options: Options) -> Iterator[IngestResult]:
    """Articles from the HTML response records of a WARC archive; the size cap is per record."""
    from warcio.archiveiterator import ArchiveIterator, ArchiveLoadFailed

    if path.stat().st_size == 0:
        raise EmptyInput(source, "the input is empty", hint="Check that the right file was given")
    found = 0
    with path.open("rb") as stream:
        try:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                if not _is_html_response(record):
                    continue
                found += 1
                yield from _guarded(f"{source}#record {number}",
                                    lambda: [_warc_article(record, number, source, options)])
        except (ArchiveLoadFailed, zlib.error, EOFError) as error:
            raise MalformedInput(source, f"not a readable WARC archive ({error})",
                                 hint="Check the file; only WARC (.warc, .warc.gz) is read") from error
    if not found:
        raise EmptyInput(source, "the archive holds no HTML response records",
                         hint="Only archived HTML pages become articles")


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    ctype = record.http_headers.get_header("Content-Type", "") or ""
    return status.startswith("2") and "html" in ctype.lower()


def _warc_article(record: Any, number: int, source: str, options: Options) -> Article:
    where = f"{source}#record {number}"
    body = record.content_stream().read(options.max_bytes + 1)
    if len(body) > options.max_bytes:
        raise InputTooLarge(where, f"the record is over the {options.max_bytes:,}-byte size cap",
                            hint="Raise the cap with --max-bytes")
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    return _html_article(body, source=where, options=options, meta=InputMeta(url=url), kind="warc",
                         name=urllib.parse.urlsplit(url).path)


# --- the article -----------------------------------------------------------------

def build_article(body: str, meta: InputMeta, *, source: str, kind: str, options: Options,
                  name: str) -> Article:
    """An article from a text and its metadata: boilerplate out, id, outlet, date."""
    raw = _plain_newlines(body)
    text, removed = strip_boilerplate(raw)
    if not text:
        reason = "only boilerplate lines are left" if removed else "there is no article text"
        raise EmptyInput(source, reason, hint="Check that the input holds a news report")
    published, how = _publication_date(meta, raw, name=name, options=options)
    return Article(
        id=article_id(text), text=text, title=meta.title or headline(text),
        outlet=meta.outlet or _domain(meta.url) or options.outlet, url=meta.url,
        author=meta.author, published=published, published_source=how, source=source,
        kind=kind, removed_boilerplate=removed,
    )


def _publication_date(meta: InputMeta, text: str, *, name: str,
                      options: Options) -> tuple[dt.date | None, DateSource]:
    """Metadata first, then a dateline in the text, the file name, and --published last."""
    if meta.published is not None:
        return meta.published, "metadata"
    if (found := find_dateline(text)) is not None:
        return found, "dateline"
    if name and (found := date_from_name(name)) is not None:
        return found, "filename"
    if options.published is not None:
        return options.published, "cli"
    return None, "none"


def headline(text: str) -> str:
    """The first line of a text when it reads like a headline, else ""."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    if (rest.strip() and len(first) <= 160 and len(first.split()) <= 25
            and not first.endswith((".", ",", ";", ":"))):
        return first
    return ""


def _domain(url: str) -> str:
    host = urllib.parse.urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _plain_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
