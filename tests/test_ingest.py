"""Ingest: each reader, each kind of bad input, input expansion and publication dates."""

from __future__ import annotations

import datetime as dt
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventdesk.dateline import date_from_name, find_dateline, parse_date
from eventdesk.dedup import NearDuplicateIndex, article_id
from eventdesk.ingest import InputFailure, fragment_text, headline, read_inputs, split_header
from eventdesk.model import Article
from eventdesk.settings import Options

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

REPORT = """Bridge closed after barge strike

Engineers closed the city's oldest road bridge on Monday after a barge struck one of its piers during the night, the transport department said.

No one was hurt, but the department said divers had found damage to the stone footing and that the bridge would stay shut for at least two weeks."""


def _read(*specs: str, options: Options | None = None,
          stdin: io.StringIO | None = None) -> tuple[list[Article], list[InputFailure]]:
    results = list(read_inputs(list(specs), options=options or Options(), stdin=stdin))
    articles = [r for r in results if isinstance(r, Article)]
    failures = [r for r in results if isinstance(r, InputFailure)]
    assert len(articles) + len(failures) == len(results)
    return articles, failures


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- plain text ------------------------------------------------------------------

def test_read_inputs_text_with_header(tmp_path: Path) -> None:
    path = _write(tmp_path / "bridge.txt",
                  "Title: Barge hits bridge\nOutlet: City Tribune\nPublished: 3 May 2021\n"
                  f"URL: https://tribune.example/bridge\n\n{REPORT}\n")
    (article,), failures = _read(str(path))
    assert failures == []
    assert article.title == "Barge hits bridge"
    assert article.outlet == "City Tribune"
    assert article.url == "https://tribune.example/bridge"
    assert article.published == dt.date(2021, 5, 3)
    assert article.published_source == "metadata"
    assert article.text == REPORT
    assert article.id == article_id(REPORT)
    assert article.source == str(path)
    assert article.kind == "text"


def test_read_inputs_text_without_header_uses_headline_and_options(tmp_path: Path) -> None:
    path = _write(tmp_path / "bridge.txt", REPORT)
    options = Options(published=dt.date(2021, 5, 4), outlet="Desk Notes")
    (article,), _ = _read(str(path), options=options)
    assert article.title == "Bridge closed after barge strike"
    assert article.outlet == "Desk Notes"
    assert article.published == dt.date(2021, 5, 4)
    assert article.published_source == "cli"


def test_read_inputs_text_without_any_date_flags_the_gap(tmp_path: Path) -> None:
    (article,), _ = _read(str(_write(tmp_path / "bridge.txt", REPORT)))
    assert article.published is None
    assert article.published_source == "none"
    assert not article.has_dct


def test_read_inputs_outlet_from_url_domain(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", f"URL: https://www.tribune.example/x\n\n{REPORT}")
    (article,), _ = _read(str(path), options=Options(outlet="fallback"))
    assert article.outlet == "tribune.example"


def test_read_inputs_dateline_in_text(tmp_path: Path) -> None:
    body = REPORT.replace("Engineers closed", "LYON, May 3, 2021 (City Wire) - Engineers closed")
    (article,), _ = _read(str(_write(tmp_path / "a.txt", body)),
                          options=Options(published=dt.date(2000, 1, 1)))
    assert article.published == dt.date(2021, 5, 3)
    assert article.published_source == "dateline"
    assert article.text.count("LYON, May 3, 2021") == 1  # a dateline is part of the story


def test_read_inputs_date_from_file_name(tmp_path: Path) -> None:
    (article,), _ = _read(str(_write(tmp_path / "2021-05-03_bridge.txt", REPORT)))
    assert (article.published, article.published_source) == (dt.date(2021, 5, 3), "filename")


def test_read_inputs_removes_boilerplate(tmp_path: Path) -> None:
    text = f"This story is over 3 years old.\n\n{REPORT}\n\nFollow Ana Ruiz on Twitter: @aruiz\n"
    (article,), _ = _read(str(_write(tmp_path / "a.txt", text)))
    assert article.text == REPORT
    assert article.removed_boilerplate == ("This story is over 3 years old.",
                                           "Follow Ana Ruiz on Twitter: @aruiz")


def test_read_inputs_markdown_headings(tmp_path: Path) -> None:
    (article,), _ = _read(str(_write(tmp_path / "a.md", f"# {REPORT}")))
    assert article.text == REPORT


def test_read_inputs_windows_1252_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "legacy.txt", (REPORT + " Caf\u00e9 owners helped.").encode("cp1252"))
    (article,), failures = _read(str(path))
    assert failures == []
    assert article.text.endswith("Caf\u00e9 owners helped.")


def test_read_inputs_utf16_file_with_bom(tmp_path: Path) -> None:
    (article,), failures = _read(str(_write(tmp_path / "wide.txt", REPORT.encode("utf-16"))))
    assert failures == []
    assert article.text == REPORT


def test_fragment_text_one_paragraph_per_block() -> None:
    html = "<p>First <b>bold</b> line.</p><script>x()</script><ul><li>One</li><li>Two</li></ul>"
    assert fragment_text(html) == "First bold line.\n\nOne\n\nTwo"


def test_read_inputs_same_file_twice_same_id(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", REPORT)
    copy = _write(tmp_path / "b.txt", REPORT.replace("\n", "\r\n") + "\n\n\n")
    first, second, third = _read(str(path), str(path), str(copy))[0]
    assert first.id == second.id == third.id


@pytest.mark.parametrize("text,expected", [
    ("Title: A\nOutlet: B\n\nBody", ({"title": "A", "outlet": "B"}, "\nBody")),
    ("\nPUBLISHED: 2021-05-03\nurl: https://x.example\nBody", (
        {"published": "2021-05-03", "url": "https://x.example"}, "Body")),
    ("Body first\nTitle: not a header", ({}, "Body first\nTitle: not a header")),
    ("Date: 3 May 2021\n\nBody", ({"published": "3 May 2021"}, "\nBody")),
])
def test_split_header(text: str, expected: tuple[dict[str, str], str]) -> None:
    assert split_header(text) == expected


@pytest.mark.parametrize("text,expected", [
    (REPORT, "Bridge closed after barge strike"),
    ("A full sentence that ends with a period.\n\nMore text.", ""),
    ("Only one line", ""),
])
def test_headline(text: str, expected: str) -> None:
    assert headline(text) == expected


# --- publication dates --------------------------------------------------------------

@pytest.mark.parametrize("value,expected", [
    ("2021-05-03", dt.date(2021, 5, 3)),
    ("2021-05-03T22:10:00+02:00", dt.date(2021, 5, 3)),
    ("Mon, 03 May 2021 08:30:00 GMT", dt.date(2021, 5, 3)),
    ("3rd May, 2021", dt.date(2021, 5, 3)),
    ("May 3, 2021", dt.date(2021, 5, 3)),
    ("Sept. 30, 2019", dt.date(2019, 9, 30)),
    ("30/09/2019", dt.date(2019, 9, 30)),
    ("09/30/2019", dt.date(2019, 9, 30)),
    ("03/04/2019", None),  # day-first or month-first: cannot tell
    ("May 3", None),  # no year
    ("2021-02-30", None),
    ("yesterday", None),
])
def test_parse_date(value: str, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("text,expected", [
    ("KYIV, March 27, 2016 (Wire) - Troops moved in.", dt.date(2016, 3, 27)),
    ("LYON, France, 2 March 2017 \u2014 The council met.", dt.date(2017, 3, 2)),
    ("Headline\n\nPublished: 27 March 2016\n\nBody text.", dt.date(2016, 3, 27)),
    ("Headline\nUpdated: 28 March 2016\nPosted on March 27, 2016\nBody.", dt.date(2016, 3, 27)),
    ("Headline\nBy Ana Ruiz | 2016-03-27 10:31 GMT\nBody text.", dt.date(2016, 3, 27)),
    ("Headline\nSunday, March 27, 2016\nBody text.", dt.date(2016, 3, 27)),
    ("Headline\n\nThe army said on March 27, 2016 that it had won.", None),
    ("LYON (Wire) \u2014 Troops on March 2, 2017 entered the city.", None),
    ("No dates here at all.", None),
])
def test_find_dateline(text: str, expected: dt.date | None) -> None:
    assert find_dateline(text) == expected


@pytest.mark.parametrize("name,expected", [
    ("2017-03-02_wire.txt", dt.date(2017, 3, 2)),
    ("/news/2017/03/02/palmyra", dt.date(2017, 3, 2)),
    ("2017-03_02.txt", None),
    ("report_2017_03_02.html", dt.date(2017, 3, 2)),
    ("000_405dfa10c295e0da.txt", None),
    ("20170302.txt", None),
])
def test_date_from_name(name: str, expected: dt.date | None) -> None:
    assert date_from_name(name) == expected


# --- HTML, JSONL, feeds, WARC -----------------------------------------------------

def test_read_inputs_html_page() -> None:
    (article,), failures = _read(str(FIXTURES / "page.html"))
    assert failures == []
    assert article.kind == "html"
    assert article.title == "Floodwaters cut off river towns"
    assert article.author == "Priya Nandakumar"
    assert article.outlet == "Northern Ledger"
    assert article.published == dt.date(2021, 7, 16)
    assert article.published_source == "metadata"
    assert "at least 14 people had died" in article.text
    for chrome in ("Transfer gossip", "Sport", "All rights reserved", "Sign up"):
        assert chrome not in article.text


def test_read_inputs_jsonl_keeps_good_lines() -> None:
    path = FIXTURES / "mixed.jsonl"
    articles, failures = _read(str(path))
    assert [a.source for a in articles] == [f"{path}:line 1", f"{path}:line 6"]
    first, second = articles
    assert (first.title, first.outlet, first.published) == (
        "Bridge reopens after repairs", "Metro Bulletin", dt.date(2020, 5, 4))
    assert second.kind == "jsonl"
    assert "Bus drivers walked out" in second.text
    assert second.outlet == "metro-bulletin.example"
    assert {f.source: f.kind for f in failures} == {
        f"{path}:line 2": "MalformedInput", f"{path}:line 3": "MalformedInput",
        f"{path}:line 4": "MalformedInput", f"{path}:line 7": "MalformedInput",
    }
    assert all(f.reason.startswith(f.source) for f in failures)


def _feed_copy(tmp_path: Path, link: str) -> Path:
    text = (FIXTURES / "feed.rss").read_text(encoding="utf-8").replace("LINK_ONLY_URL", link)
    return _write(tmp_path / "feed.rss", text)


def test_read_inputs_rss_feed_entries(tmp_path: Path) -> None:
    path = _feed_copy(tmp_path, "https://harbourpost.example/world/storm")
    articles, (failure,) = _read(str(path))
    assert [a.source for a in articles] == [f"{path}#entry 1", f"{path}#entry 2"]
    ferry = articles[0]
    assert ferry.kind == "feed"
    assert ferry.title == "Ferry runs aground off the coast"
    assert ferry.outlet == "Harbour Post - World"
    assert ferry.url == "https://harbourpost.example/world/ferry-aground"
    assert ferry.published == dt.date(2021, 11, 9)
    assert "all 212 people on board" in ferry.text
    assert "\n\n" in ferry.text  # one paragraph per <p>
    assert failure.source == f"{path}#entry 3"
    assert "--fetch" in failure.reason


def test_read_inputs_atom_feed() -> None:
    (article,), failures = _read(str(FIXTURES / "feed.atom"))
    assert failures == []
    assert article.author == "Tomas Lindqvist"
    assert article.published == dt.date(2022, 2, 3)
    assert article.text.startswith("Eleven workers were trapped")


def test_read_inputs_feed_that_does_not_parse() -> None:
    (), (failure,) = _read(str(FIXTURES / "broken.xml"))
    assert failure.kind == "MalformedInput"
    assert "feed does not parse" in failure.reason


def test_read_inputs_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = _write(tmp_path / "data.xml", '<?xml version="1.0"?><stock><item>1</item></stock>')
    (), (failure,) = _read(str(path))
    assert "not an RSS or Atom feed" in failure.reason


def _warc(path: Path, records: list[tuple[str, str, bytes]]) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for uri, ctype, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    return path


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_read_inputs_warc_html_records(tmp_path: Path, name: str) -> None:
    page = (FIXTURES / "page.html").read_bytes()
    path = _warc(tmp_path / name, [
        ("https://img.example/a.png", "image/png", b"\x89PNG not really"),
        ("https://northern-ledger.example/floods", "text/html; charset=utf-8", page),
    ])
    (article,), failures = _read(str(path))
    assert failures == []
    assert article.kind == "warc"
    assert article.source == f"{path}#record 2"
    assert "at least 14 people had died" in article.text


def test_read_inputs_warc_without_html(tmp_path: Path) -> None:
    path = _warc(tmp_path / "images.warc", [("https://img.example/a.png", "image/png", b"png")])
    (), (failure,) = _read(str(path))
    assert failure.kind == "EmptyInput"


def test_read_inputs_warc_that_is_not_warc(tmp_path: Path) -> None:
    (), (failure,) = _read(str(_write(tmp_path / "bad.warc", "just some text\n" * 5)))
    assert failure.kind == "MalformedInput"


# --- bad input --------------------------------------------------------------------

@pytest.mark.parametrize("name,content,kind,words", [
    ("empty.txt", b"", "EmptyInput", "empty"),
    ("blank.txt", b"  \n\n\t\n", "EmptyInput", "whitespace"),
    ("binary.txt", b"abc\x00\x01\x02\x03" * 50, "UndecodableInput", "binary"),
    ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "UndecodableInput", "PDF"),
    ("garbled.txt", b"The army said \x81\x8d\x8f\x90\x9d" * 20, "UndecodableInput", "UTF-8"),
    ("index.html", (FIXTURES / "index_page.html").read_bytes(), "EmptyInput", "no article text"),
    ("only-boilerplate.txt", b"Advertisement\n\nShare this article\n", "EmptyInput", "boilerplate"),
    ("empty.jsonl", b"\n\n", "EmptyInput", "whitespace"),
])
def test_read_inputs_bad_file(tmp_path: Path, name: str, content: bytes, kind: str,
                              words: str) -> None:
    bad = _write(tmp_path / name, content)
    good = _write(tmp_path / "good.txt", REPORT)
    articles, (failure,) = _read(str(bad), str(good))
    assert [a.source for a in articles] == [str(good)]  # the run goes on
    assert failure.kind == kind
    assert failure.source == str(bad)
    assert words in failure.reason


def test_read_inputs_over_size_cap(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.txt", REPORT * 10)
    (), (failure,) = _read(str(path), options=Options(max_bytes=1000))
    assert failure.kind == "InputTooLarge"
    assert "--max-bytes" in failure.reason


@pytest.mark.parametrize("spec,words", [
    ("missing.txt", "no such file"),
    ("nothing-*.txt", "matches no files"),
])
def test_read_inputs_missing_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    spec: str, words: str) -> None:
    monkeypatch.chdir(tmp_path)
    (), (failure,) = _read(spec)
    assert failure.source == spec
    assert failure.kind == "InputError"
    assert words in failure.reason


def test_read_inputs_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (), (failure,) = _read(str(tmp_path / "empty"))
    assert "holds no files" in failure.reason


# --- folders, globs, stdin, URLs ------------------------------------------------------

def test_read_inputs_folder_recursive_sorted_skips_hidden_and_docs(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", REPORT)
    _write(tmp_path / "a" / "deep" / "c.txt", REPORT.replace("Monday", "Tuesday"))
    _write(tmp_path / ".hidden.txt", REPORT.replace("Monday", "Friday"))
    _write(tmp_path / ".git" / "x.txt", REPORT.replace("Monday", "Sunday"))
    _write(tmp_path / "README.md", "# About this folder\n\nNotes for people.")
    articles, failures = _read(str(tmp_path))
    assert failures == []
    assert [Path(a.source).relative_to(tmp_path).as_posix() for a in articles] == [
        "a/deep/c.txt", "b.txt"]


def test_read_inputs_explicit_readme_is_read(tmp_path: Path) -> None:
    (article,), _ = _read(str(_write(tmp_path / "README.txt", REPORT)))
    assert article.text == REPORT


def test_read_inputs_glob(tmp_path: Path) -> None:
    _write(tmp_path / "one.txt", REPORT)
    _write(tmp_path / "two.txt", REPORT.replace("Monday", "Tuesday"))
    _write(tmp_path / "skip.html", "<p>not matched</p>")
    articles, failures = _read(str(tmp_path / "*.txt"))
    assert failures == []
    assert [Path(a.source).name for a in articles] == ["one.txt", "two.txt"]


def test_read_inputs_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    page = (FIXTURES / "page.html").read_bytes()
    (article,), _ = _read(str(_write(tmp_path / "saved_page", page)))
    assert article.kind == "html"


@pytest.mark.parametrize("content,kind", [
    (REPORT, "text"),
    ((FIXTURES / "page.html").read_text(encoding="utf-8"), "html"),
    ('{"text": "The ferry docked safely on Tuesday, the port said."}\n', "jsonl"),
])
def test_read_inputs_stdin(content: str, kind: str) -> None:
    (article,), failures = _read("-", stdin=io.StringIO(content))
    assert failures == []
    assert article.kind == kind
    assert article.source.startswith("-")


def test_read_inputs_stdin_empty() -> None:
    (), (failure,) = _read("-", stdin=io.StringIO(""))
    assert (failure.source, failure.kind) == ("-", "EmptyInput")


class _PageHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        body = (FIXTURES / "page.html").read_bytes()
        self.send_response(200 if self.path.startswith("/news/") else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet tests
        return


class _QuietServer(http.server.ThreadingHTTPServer):
    """A test server that does not print the broken pipes of clients that gave up."""

    def handle_error(self, request: object, client_address: object) -> None:
        return


@pytest.fixture()
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A local HTTP server on 127.0.0.1 serving page.html under /news/."""
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    httpd = _QuietServer(("127.0.0.1", 0), _PageHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_read_inputs_url(server: str) -> None:
    url = f"{server}/news/2021/07/16/floods"
    (article,), failures = _read(url)
    assert failures == []
    assert (article.source, article.kind) == (url, "url")
    assert "at least 14 people had died" in article.text
    assert article.published == dt.date(2021, 7, 16)  # the page's own metadata


def test_read_inputs_unreachable_url_and_run_goes_on(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.txt", REPORT)
    articles, (failure,) = _read("http://127.0.0.1:1/story", str(good),
                                 options=Options(fetch_timeout=2))
    assert len(articles) == 1
    assert (failure.source, failure.kind) == ("http://127.0.0.1:1/story", "FetchError")


def test_read_inputs_feed_link_fetched_with_fetch(tmp_path: Path, server: str) -> None:
    path = _feed_copy(tmp_path, f"{server}/news/storm")
    articles, failures = _read(str(path), options=Options(fetch=True))
    assert failures == []
    fetched = articles[2]
    assert fetched.source == f"{path}#entry 3"
    assert fetched.kind == "feed"
    assert fetched.title == "Storm warning for the islands"  # the entry's own metadata wins
    assert "at least 14 people had died" in fetched.text


# --- the examples and the seeds ---------------------------------------------------------

def test_read_inputs_examples_folder() -> None:
    articles, failures = _read(str(EXAMPLES))
    assert failures == []
    assert len(articles) == 5
    assert all(a.published is not None and a.title for a in articles)
    index = NearDuplicateIndex(0.8, 128)
    linked = [index.add(a) for a in articles]
    assert sum(a.near_duplicate_of is not None for a in linked) == 1


def test_read_inputs_seeds(seeds_dir: Path) -> None:
    articles, failures = _read(str(seeds_dir / "*.txt"), options=Options(published=dt.date(2016, 3, 27)))
    assert failures == []
    assert len(articles) == 2
    for article in articles:
        assert article.title
        assert article.removed_boilerplate
        assert article.published_source == "cli"
        assert "This story is over" not in article.text
        assert "Related:" not in article.text


def test_read_inputs_html_date_in_body_is_not_metadata(tmp_path: Path) -> None:
    page = (FIXTURES / "page.html").read_text(encoding="utf-8")
    page = page.replace('<meta property="article:published_time" content="2021-07-16T06:15:00Z">', "")
    page = page.replace("<p>Rail services", "<p>On July 2, 2019, a smaller flood hit the valley.</p><p>Rail services")
    (article,), _ = _read(str(_write(tmp_path / "page.html", page)))
    assert (article.published, article.published_source) == (None, "none")
