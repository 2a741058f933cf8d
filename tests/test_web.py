"""The web UI as users run it: a real server over the real store, read by HTTP and by Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventdesk import api, load_options
from eventdesk.errors import EventdeskError, StoreError
from eventdesk.settings import Options
from eventdesk.store import Store
from eventdesk.web import make_server_for

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _serve(options: Options) -> Iterator[str]:
    server = make_server_for(options, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site(examples_store) -> Iterator[str]:
    options, _ = examples_store
    yield from _serve(options)


def get(url: str) -> tuple[int, str, str]:
    """Status, content type and text of a GET, error statuses included."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode("utf-8")


def _links(page: str, prefix: str) -> list[str]:
    return re.findall(rf'href="({prefix}[^"#]+)', page)


def test_web_front_page_lists_every_stored_story(site: str, examples_store) -> None:
    options, _ = examples_store
    status, kind, page = get(site + "/")
    assert status == 200 and kind.startswith("text/html")
    with Store(options.db, read_only=True) as store:
        stories = store.stories()
    assert sorted(_links(page, "/story/")) == sorted(f"/story/{s.id}" for s in stories)
    assert "5 articles" in page


def test_web_search_keeps_only_stories_whose_reports_mention_it(site: str) -> None:
    assert _links(get(site + "/?q=Palmyra")[2], "/story/")
    _, _, page = get(site + "/?q=no+such+phrase+in+any+report")
    assert not _links(page, "/story/") and "0 story(ies) match" in page


def test_web_story_page_is_its_situation_report_with_links_to_its_reports(site: str) -> None:
    story = _links(get(site + "/")[2], "/story/")[0]
    status, _, page = get(site + story)
    assert status == 200
    assert "Key facts" in page and "Sources" in page
    for article in _links(page, "/article/"):
        assert get(site + article)[0] == 200


def test_web_article_page_marks_what_was_found_in_each_sentence(site: str, examples_store) -> None:
    options, result = examples_store
    [extraction] = api.load_extractions(options=options, article_ids=result.article_ids[:1])
    status, _, page = get(f"{site}/article/{extraction.article.id}")
    assert status == 200
    assert page.count('class="sent" id="s') == len(extraction.sentences)
    resolved = [p for p in extraction.places if p.latitude is not None]
    assert resolved and f"GeoNames {resolved[0].geonameid}" in page
    assert all(f">{t.text}</mark>" in page for t in extraction.times[:3])


def test_web_events_filter_by_type_and_download_the_same_rows(site: str) -> None:
    _, _, everything = get(site + "/events")
    types = re.findall(r"<option>([^<]+)</option>", everything.split('name="type"')[1].split("</select>")[0])
    assert types
    status, _, page = get(f"{site}/events?type={types[0].replace(' ', '+')}")
    rows = page.split("<tbody>")[1].count("<tr>")
    assert status == 200 and rows >= 1
    status, kind, csv_text = get(f"{site}/events.csv?type={types[0].replace(' ', '+')}")
    assert status == 200 and kind.startswith("text/csv")
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("article_id,idx,event_type") and len(lines) == rows + 1
    assert all(types[0] in line for line in lines[1:])


def test_web_sql_reads_but_cannot_change_the_store_or_touch_files(site: str, examples_store) -> None:
    _, _, page = get(site + "/sql?q=SELECT+count(*)+AS+n+FROM+articles")
    assert "<td>5</td>" in page
    status, _, page = get(site + "/sql?q=DROP+TABLE+articles")
    assert status == 400 and "SQL failed" in page
    status, _, page = get(site + "/sql?q=SELECT+*+FROM+read_csv('/etc/hostname')")
    assert status == 400
    options, _ = examples_store
    with Store(options.db, read_only=True) as store:
        assert store.query("SELECT count(*) FROM articles")[1][0][0] == 5


def test_web_unknown_pages_and_items_are_404_with_a_way_back(site: str) -> None:
    for path in ("/nowhere", "/story/s-nothing", "/article/" + "0" * 64):
        status, _, page = get(site + path)
        assert status == 404 and 'href="/"' in page


def test_web_runs_page_shows_the_ingest_run(site: str, examples_store) -> None:
    _, result = examples_store
    _, _, page = get(site + "/runs")
    assert result.run_id in page


def test_web_escapes_hostile_text(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("Title: <script>alert(1)</script> in Kabul\nPublished: 2021-08-26\n\n"
                       "Two blasts near Kabul airport killed at least 13 people on Thursday, "
                       "officials said. <img src=x onerror=alert(2)>\n", encoding="utf-8")
    options = load_options(db=str(tmp_path / "h.duckdb"))
    [article_id] = api.ingest([str(hostile)], options=options).article_ids
    for url in _serve(options):
        pages = [get(url + "/")[2], get(f"{url}/article/{article_id}")[2], get(url + "/events")[2]]
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[1]


def test_web_busy_store_answers_503_and_says_why(tmp_path: Path, examples_store) -> None:
    options, _ = examples_store
    busy = tmp_path / "busy.duckdb"
    shutil.copy(options.db, busy)
    holder = subprocess.Popen(  # another process writing, as `eventdesk ingest` would
        [sys.executable, "-c", "import sys, time, duckdb; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); time.sleep(60)", str(busy)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        for url in _serve(load_options(db=str(busy))):
            status, _, page = get(url + "/")
        assert status == 503 and "cannot open the store" in page
    finally:
        holder.kill()
        holder.wait()


def test_web_server_refuses_a_missing_store_and_a_taken_port(tmp_path: Path, examples_store) -> None:
    with pytest.raises(StoreError, match="eventdesk ingest"):
        make_server_for(load_options(db=str(tmp_path / "none.duckdb")))
    options, _ = examples_store
    first = make_server_for(options, port=0)
    try:
        with pytest.raises(EventdeskError, match="--port"):
            make_server_for(options, port=first.server_port)
    finally:
        first.server_close()


def _chromium_dom(url: str) -> str:
    if CHROMIUM is None:
        pytest.skip("Chromium not installed (Debian: apt-get install chromium)")
    done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_web_in_chromium_story_list_renders_and_tables_become_sortable(site: str) -> None:
    dom = _chromium_dom(site + "/")
    assert "<h1>Stories</h1>" in dom and _links(dom, "/story/")
    assert 'class="sortable"' in dom and 'class="dir"' in dom  # the page's script ran


def test_web_in_chromium_article_page_keeps_its_marks_and_anchors(site: str, examples_store) -> None:
    _, result = examples_store
    dom = _chromium_dom(f"{site}/article/{result.article_ids[0]}")
    assert '<mark class="place"' in dom and 'id="s0"' in dom and 'class="dir"' in dom


def test_web_in_chromium_sql_form_round_trips_a_query(site: str) -> None:
    dom = _chromium_dom(site + "/sql?q=" + urllib.request.quote("SELECT 6 * 7 AS answer"))
    assert ">answer<span" in dom and "<td>42</td>" in dom
