"""HTML of the web UI's pages: plain functions from stored data to escaped markup."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any
from urllib.parse import quote, urlencode

from eventdesk.model import Article, Extraction, Story
from eventdesk.report_render import CSS

_EXTRA_CSS = """
nav{display:flex;gap:1.2em;align-items:baseline;border-bottom:1px solid #ddd;padding-bottom:.5em}
nav b{margin-right:auto}nav a{color:#36c;text-decoration:none}nav a.on{font-weight:bold;color:#1c1c1c}
mark{padding:0 .1em;border-radius:2px}mark.place{background:#d8ecff}mark.time{background:#e4f6d7}
mark.figure{background:#ffe0cc}mark.entity{background:#f1e6ff}
.sent:target{outline:2px solid #e69500}.text{white-space:pre-wrap;line-height:1.7}
form.filters{display:flex;gap:.6em;flex-wrap:wrap;align-items:end;margin:.6em 0}
textarea{width:100%;font-family:monospace}th.sortable{cursor:pointer}th .dir{color:#999;font-size:.8em}
.legend mark{margin-right:.6em}
"""

# Click a column heading to sort by it; numbers sort as numbers.
_SORT_SCRIPT = """
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (th, col) {
    th.classList.add('sortable');
    var dir = document.createElement('span'); dir.className = 'dir'; dir.textContent = ' \\u2195';
    th.appendChild(dir);
    th.addEventListener('click', function () {
      var body = table.tBodies[0], rows = Array.from(body.rows), up = th.dataset.up !== '1';
      th.dataset.up = up ? '1' : '0';
      rows.sort(function (a, b) {
        var x = a.cells[col].textContent.trim(), y = b.cells[col].textContent.trim();
        var nx = parseFloat(x), ny = parseFloat(y);
        var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
        return up ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
"""

_SECTIONS = (("/", "Stories"), ("/events", "Events"), ("/sql", "SQL"), ("/runs", "Runs"))


def nav(active: str = "") -> str:
    """The bar of links at the top of every page."""
    links = "".join(f'<a href="{href}"{" class=on" if href == active else ""}>{name}</a>'
                    for href, name in _SECTIONS)
    return f"<nav><b>eventdesk</b>{links}</nav>\n"


def layout(title: str, body: str, *, active: str = "") -> str:
    """A whole page: head, navigation, body and the table-sorting script."""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)} - eventdesk</title><style>{CSS}{_EXTRA_CSS}</style></head><body>\n"
            f"{nav(active)}{body}\n<script>{_SORT_SCRIPT}</script></body></html>\n")


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, sortable: bool = True) -> str:
    """A table of already-escaped cells."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    kind = ' class="sortable"' if sortable else ""
    return f"<table{kind}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _text(value: Any) -> str:
    return "" if value is None else escape(str(value))


def message_page(title: str, text: str) -> str:
    """A page that only says something (not found, store busy)."""
    return layout(title, f"<h1>{escape(title)}</h1><p>{escape(text)}</p>")


# -- stories ----------------------------------------------------------------------------


def stories_page(stories: Sequence[Story], events: dict[str, int], totals: dict[str, int],
                 needle: str) -> str:
    """The list of stories with their dates, reports and events."""
    rows = [[f'<a href="/story/{quote(s.id)}">{_text(s.title or s.id)}</a>',
             _text(s.first_published), _text(s.last_published), str(len(s.article_ids)),
             str(events.get(s.id, 0)), _text(", ".join(s.keywords[:6]))]
            for s in sorted(stories, key=lambda s: (s.last_published is None, s.last_published),
                            reverse=True)]
    counts = ", ".join(f"{n} {name}" for name, n in totals.items())
    search = (f'<form class="filters" action="/"><label>Reports mentioning '
              f'<input name="q" value="{_text(needle)}"></label><button>Search</button></form>')
    found = f"<p class=muted>{len(rows)} story(ies) match “{_text(needle)}”.</p>" if needle else ""
    listing = table(["Story", "First report", "Last report", "Reports", "Events", "Keywords"], rows) \
        if rows else "<p>No stories yet: run <code>eventdesk ingest PATH</code>.</p>"
    return layout("Stories", f"<h1>Stories</h1><p class=muted>In the store: {escape(counts)}.</p>"
                             f"{search}{found}{listing}", active="/")


def story_header(situation: dict[str, Any]) -> str:
    """Navigation and links to each report of a story, above its situation report."""
    links = "".join(f'<li><a href="/article/{quote(s["article_id"])}">{escape(s["ref"])}: '
                    f'{_text(s["title"])}</a> <span class=muted>{_text(s["outlet"] or "unknown outlet")}, '
                    f'{_text(s["published"] or "undated")}</span></li>' for s in situation["sources"])
    return (f"<style>{_EXTRA_CSS}</style>{nav('/')}"
            f"<details><summary>Reports in this story</summary><ul>{links}</ul></details>\n")


# -- articles ---------------------------------------------------------------------------


def _place_note(p: Any) -> str:
    if p.latitude is None:
        return "unresolved place"
    where = ", ".join(dict.fromkeys(x for x in (p.name, p.admin1, p.country) if x))
    if p.inferred:
        where = f"not in the gazetteer; near {where}"
    return f"{where} ({p.latitude:.3f}, {p.longitude:.3f}); GeoNames {p.geonameid}; precision {p.precision}"


def _figure_note(f: Any) -> str:
    value = f"{f.low:g}" if f.low is not None else "?"
    if f.high is not None and f.high != f.low:
        value += f"-{f.high:g}"
    return " ".join(x for x in (f.kind + ":", f.qualifier, value, f.counts) if x)


def _marks(x: Extraction) -> list[tuple[int, int, str, str]]:
    """Non-overlapping highlighted spans: figures first, then times, places, other entities."""
    wanted = [(f.start, f.end, "figure", _figure_note(f)) for f in x.figures]
    wanted += [(t.start, t.end, "time", f"{t.value} ({t.precision})") for t in x.times]
    wanted += [(p.start, p.end, "place", _place_note(p)) for p in x.places]
    wanted += [(m.start, m.end, "entity", m.label) for m in x.mentions
               if m.label in {"PERSON", "ORG", "NORP"}]
    taken: list[tuple[int, int, str, str]] = []
    for mark in wanted:
        if all(mark[1] <= t[0] or mark[0] >= t[1] for t in taken):
            taken.append(mark)
    return sorted(taken)


def marked_text(x: Extraction) -> str:
    """The article's text, each sentence anchored (#s3) and what was found in it marked."""
    text, out = x.article.text, []
    marks = _marks(x)
    for sentence in x.sentences:
        out.append(f'<span class="sent" id="s{sentence.index}">')
        cursor = sentence.start
        for start, end, kind, note in marks:
            if start >= cursor and end <= sentence.end:
                out.append(escape(text[cursor:start]))
                out.append(f'<mark class="{kind}" title="{escape(note)}">{escape(text[start:end])}</mark>')
                cursor = end
        out.append(escape(text[cursor:sentence.end]) + "</span>")
        following = x.sentences[sentence.index + 1].start if sentence.index + 1 < len(x.sentences) else len(text)
        out.append(escape(text[sentence.end:following]))
    return "".join(out) if x.sentences else escape(text)


def _sentence_links(sentences: Sequence[int]) -> str:
    return " ".join(f'<a class="cite" href="#s{n}">§{n}</a>' for n in sentences)


def _event_rows(x: Extraction) -> list[list[str]]:
    rows = []
    for e in x.events:
        place = x.places[e.place_index] if e.place_index is not None else None
        actors = " vs ".join(a for a in (e.actor1, e.actor2) if a)
        rows.append([_text(e.event_type), _text(e.sub_event_type), _text(actors),
                     _text(f"{e.date} ({e.date_precision})" if e.date else "unknown"),
                     _text(_place_note(place) if place else ""), _text(e.fatalities),
                     _sentence_links(e.sentences)])
    return rows


def _figure_rows(x: Extraction) -> list[list[str]]:
    claimants = {c.figure_index: c for c in x.claims if c.figure_index is not None}
    rows = []
    for i, f in enumerate(x.figures):
        claim = claimants.get(i)
        who = f"{claim.claimant} ({claim.medium})" if claim and claim.medium else (claim.claimant if claim else "")
        rows.append([_text(f.text), _text(_figure_note(f)), _text(who), _sentence_links([f.sentence])])
    return rows


def article_page(x: Extraction, original: Article | None) -> str:
    """One article: its metadata, marked text, events, figures with claimants, places, times."""
    a = x.article
    facts = [("Outlet", a.outlet or "unknown"), ("Published", f"{a.published or 'unknown'} ({a.published_source})"),
             ("Author", a.author), ("Read from", a.url or a.source)]
    meta = "".join(f"<tr><th>{k}</th><td>{_text(v)}</td></tr>" for k, v in facts if v)
    if original is not None:
        meta += (f'<tr><th>Copy of</th><td><a href="/article/{quote(original.id)}">'
                 f"{_text(original.label)}</a></td></tr>")
    legend = ('<p class="legend muted"><mark class="figure">figure</mark><mark class="time">time</mark>'
              '<mark class="place">place</mark><mark class="entity">person or group</mark>'
              "hover a mark for what it was read as</p>")
    parts = [f"<h1>{_text(a.title or a.label)}</h1><table>{meta}</table>", legend,
             f'<div class="text">{marked_text(x)}</div>',
             "<h2>Events</h2>" + (table(["Type", "Sub-type", "Actors", "Date", "Place", "Fatalities",
                                         "Sentences"], _event_rows(x)) if x.events else "<p>None found.</p>"),
             "<h2>Figures and who claims them</h2>" + (
                 table(["Text", "Read as", "Claimed by", "Sentence"], _figure_rows(x))
                 if x.figures else "<p>None found.</p>")]
    if a.removed_boilerplate:
        removed = "".join(f"<li>{_text(line)}</li>" for line in a.removed_boilerplate)
        parts.append(f"<details><summary>Boilerplate removed ({len(a.removed_boilerplate)} lines)"
                     f"</summary><ul class=muted>{removed}</ul></details>")
    return layout(a.title or a.label, "\n".join(parts))


# -- events, SQL, runs ------------------------------------------------------------------------


def _options(name: str, values: Sequence[str], chosen: str) -> str:
    items = [f'<option value=""{"" if chosen else " selected"}>any</option>']
    items += [f'<option{" selected" if v == chosen else ""}>{_text(v)}</option>' for v in values]
    return f'<select name="{name}">{"".join(items)}</select>'


def events_page(rows: Sequence[dict[str, Any]], query: dict[str, str], types: Sequence[str],
                countries: Sequence[str]) -> str:
    """Every event, filterable by type, country and actor, with a CSV download of the same."""
    chosen = {k: query.get(k, "") for k in ("type", "country", "actor")}
    form = (f'<form class="filters" action="/events"><label>Type {_options("type", types, chosen["type"])}'
            f'</label><label>Country {_options("country", countries, chosen["country"])}</label>'
            f'<label>Actor <input name="actor" value="{_text(chosen["actor"])}"></label>'
            f"<button>Filter</button></form>")
    cells = [[_text(r["date"]), _text(r["event_type"]), _text(r["sub_event_type"]), _text(r["actor1"]),
              _text(r["actor2"]), _text(", ".join(x for x in (r["location"], r["country"]) if x)),
              _text(r["fatalities"]),
              f'<a href="/article/{quote(r["article_id"])}#s{(r["sentences"] or [0])[0]}">'
              f'{_text(r["outlet"] or r["title"] or "report")}</a>'] for r in rows]
    download = f'<p><a href="/events.csv?{urlencode({k: v for k, v in chosen.items() if v})}">' \
               f"Download these {len(rows)} events as CSV</a></p>"
    listing = table(["Date", "Type", "Sub-type", "Actor 1", "Actor 2", "Place", "Fatalities", "Source"],
                    cells) if rows else "<p>No events match.</p>"
    return layout("Events", f"<h1>Events</h1>{form}{download}{listing}", active="/events")


SQL_EXAMPLE = ("SELECT event_type, count(*) AS events, sum(fatalities) AS fatalities\n"
               "FROM events GROUP BY event_type ORDER BY events DESC")


def sql_page(sql: str, result: tuple[list[str], list[tuple[Any, ...]], int] | None,
             error: str | None) -> str:
    """The SQL prompt, and the result or the error of the last query."""
    form = (f'<form action="/sql"><textarea name="q" rows="5">{_text(sql or SQL_EXAMPLE)}</textarea>'
            "<p><button>Run</button> <span class=muted>Read-only. Tables: articles, sentences, mentions, "
            "times, places, figures, claims, events, stories, runs, failures.</span></p></form>")
    out = ""
    if error:
        out = f'<p class="disagree">{_text(error)}</p>'
    elif result is not None:
        names, rows, total = result
        shown = f"{total} row(s)" + (f", first {len(rows)} shown" if total > len(rows) else "")
        out = f"<p class=muted>{shown}</p>" + table(names, [[_text(v) for v in row] for row in rows])
    return layout("SQL", f"<h1>SQL</h1>{form}{out}", active="/sql")


def runs_page(runs: tuple[list[str], list[tuple[Any, ...]]],
              failures: tuple[list[str], list[tuple[Any, ...]]]) -> str:
    """Past ingest runs and every input that failed, with its reason."""
    parts = ["<h1>Runs</h1>", table(runs[0], [[_text(v) for v in row] for row in runs[1]])]
    parts.append("<h2>Inputs that failed</h2>")
    parts.append(table(failures[0], [[_text(v) for v in row] for row in failures[1]])
                 if failures[1] else "<p>None.</p>")
    return layout("Runs", "".join(parts), active="/runs")
