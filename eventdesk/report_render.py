"""Markdown and self-contained HTML renderings of a situation report.

Both walk the same plain structure that `report.build_situation` makes. In
the HTML every string from an article goes through `html.escape`; the only
markup not escaped is the SVG map, which `mapsvg` builds with escaped labels.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

Row = dict[str, Any]

CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#1c1c1c}
h1{font-size:1.6em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f4f4f4}.cite{font-size:.8em;color:#36c;text-decoration:none;white-space:nowrap}
.disagree{background:#fff4e5;border-left:4px solid #e69500;padding:.4em .8em;margin:.4em 0}
.muted{color:#666}.map svg{max-width:100%;height:auto;border:1px solid #ddd}
blockquote{margin:.3em 0;padding-left:.8em;border-left:3px solid #ccc;color:#333}
"""


def _claimed_by(claim: Row) -> str:
    """'Rami Abdel Rahman (Syrian Observatory for Human Rights)': a spokesperson with the body
    behind him, or a person with his title; a party to the fighting is marked as one."""
    who, body = claim.get("claimant", ""), claim.get("affiliation", "") or claim.get("role", "")
    said = f"{who} ({body})" if body and body != who else who
    return f"{said} [party to the fighting]" if claim.get("partisan") else said


def _estimate(quantity: Row) -> str:
    """'low 100 / best 1,000 / high 1,000', saying when only parties to the fighting give the figures."""
    rng = " / ".join(f"{n} {v:,.0f}" for n, v in (("low", quantity.get("low")), ("best", quantity.get("best")),
                                                   ("high", quantity.get("high"))) if isinstance(v, (int, float)))
    return f"{rng} (only parties to the fighting give this figure)" if rng and quantity.get("best_partisan") else rng


def _fmt_value(row: Row) -> str:
    low, high = row.get("low"), row.get("high")
    if low is None:
        return "?"
    if row.get("vague") and row.get("stated"):
        return str(row["stated"])  # "hundreds (coded 100)"
    text = _span(low, high)
    return f"{row['qualifier']} {text}".strip() if row.get("qualifier") else text


def _actors(row: Row) -> str:
    sides = []
    for main, assoc in (("actor1", "assoc_actor_1"), ("actor2", "assoc_actor_2")):
        if row.get(main):
            sides.append(row[main] + (f" (with {row[assoc]})" if row.get(assoc) else ""))
    return " vs ".join(sides)


def _fatalities(row: Row) -> str:
    if row.get("fatalities") is None:
        return ""
    high = row.get("fatalities_high")
    by = row.get("fatalities_by") or []
    if by:  # the reconciled toll, side by side: "145–1,060 (troops killed 45–60; militants killed 100–1,000)"
        parts = "; ".join(f"{g['counts']} {_span(g['low'], g['high'])}" for g in by)
        return f"{_span(row['fatalities'], high)} ({parts})" if len(by) > 1 or high else _span(row["fatalities"], high)
    return f"{row['fatalities']}–{high} (by report)" if high else str(row["fatalities"])


def _span(low: float, high: float | None) -> str:
    """'400', '2.5', '400–450': a figure or a range of figures as a reader writes them."""
    text = f"{low:,.0f}" if float(low).is_integer() else f"{low:,}"
    return f"{text}–{high:,.0f}" if high not in (None, low) else text


def _date(row: Row) -> str:
    if not row.get("date"):
        return "date unknown"
    return f"{row['date']} ({row.get('date_precision') or row.get('precision') or '?'})"


class _Writer:
    """Shared layout for both formats; subclasses say how text becomes markup."""

    def __init__(self, situation: dict[str, Any]) -> None:
        self.s = situation
        self.out: list[str] = []

    # format-specific pieces
    def text(self, value: Any) -> str:
        raise NotImplementedError

    def cites(self, cites: list[Row]) -> str:
        raise NotImplementedError

    def heading(self, level: int, title: str) -> None:
        raise NotImplementedError

    def para(self, markup: str) -> None:
        raise NotImplementedError

    def table(self, headers: list[str], rows: list[list[str]]) -> None:
        raise NotImplementedError

    def raw_svg(self, svg: str) -> None:
        raise NotImplementedError

    # shared layout
    def story(self, story: Row) -> None:
        t = self.text
        self.heading(2, f"Story: {story.get('title') or story['id']}")
        span = " to ".join(d for d in dict.fromkeys(
            (story.get("first_published"), story.get("last_published"))) if d)
        self.para(t(f"{len(story['articles'])} report(s)" + (f", published {span}" if span else "")))
        self._summary(story)
        self._key_facts(story)
        self._quantities(story)
        self._disagreements(story)
        self._timeline(story)
        self._map(story)
        self._places(story)
        self._entities(story)

    def _summary(self, story: Row) -> None:
        if story.get("summary"):
            self.heading(3, "Summary")
            for sent in story["summary"]:
                self.para(f"{self.text(sent['text'])} {self.cites([sent['cite']])}")

    def _key_facts(self, story: Row) -> None:
        self.heading(3, "Key facts")
        facts = story.get("events") or story.get("key_facts") or []
        if not facts:
            self.para(self.text("No events were found in these reports."))
            return
        rows = []
        for e in facts:
            place = e.get("place") or {}
            where = ", ".join(p for p in (place.get("name"), place.get("admin1"), place.get("country")) if p)
            rows.append([self.text(e.get("sub_event_type") or e.get("event_type") or ""),
                         self.text(_date(e)), self.text(where or "unknown"),
                         self.text(_actors(e)),
                         self.text(_fatalities(e)),
                         self.cites(e.get("cites", []))])
        self.table(["Event", "Date (precision)", "Place", "Actors", "Fatalities", "Sources"], rows)

    def _quantities(self, story: Row) -> None:
        quantities = story.get("quantities")
        if quantities:
            self.heading(3, "Figures and who claims them")
            for q in quantities:
                rng = _estimate(q)
                self.para(f"<b>{self.text(q['label'])}</b> {self.text(rng)}" if self.html
                          else f"**{self.text(q['label'])}** {self.text(rng)}")
                self.table(["Figure", "Claimed by", "Outlet", "Date", "Source"],
                           [[self.text(_fmt_value(c)), self.text(_claimed_by(c)),
                             self.text(c.get("outlet", "")), self.text(c.get("published") or ""),
                             self.cites(c.get("cites", []))] for c in q["claims"]])
            return
        figures = story.get("figures") or []
        if figures:
            self.heading(3, "Figures and who claims them")
            self.table(["Kind", "Figure", "Counts", "Claimed by", "Outlet", "Source"],
                       [[self.text(f["kind"]), self.text(_fmt_value(f)), self.text(f.get("counts", "")),
                         self.text(f.get("claimant", "")), self.text(f.get("outlet", "")),
                         self.cites(f.get("cites", []))] for f in figures])

    def _disagreements(self, story: Row) -> None:
        items = story.get("disagreements")
        if items is None:
            return
        self.heading(3, "Sources disagree")
        if not items:
            self.para(self.text("No disagreements between sources were found."))
        for d in items:
            self.para(f"{self.text(d['what'])}: {self.text(d['reason'])} {self.cites(d.get('cites', []))}")

    def _timeline(self, story: Row) -> None:
        if story.get("timeline"):
            self.heading(3, "Timeline")
            self.table(["Date (precision)", "What", "Where", "Sources"],
                       [[self.text(_date(r)), self.text(r["what"]), self.text(r.get("place", "")),
                         self.cites(r.get("cites", []))] for r in story["timeline"]])

    def _map(self, story: Row) -> None:
        if story.get("map_svg"):
            self.heading(3, "Map")
            self.raw_svg(story["map_svg"])

    def _places(self, story: Row) -> None:
        if story.get("places"):
            self.heading(3, "Places")
            rows = []
            for p in story["places"]:
                coords = (f"{p['latitude']:.3f}, {p['longitude']:.3f}"
                          if p.get("latitude") is not None else "unresolved")
                name = p["name"] + (f" (not in the gazetteer; near {p['near']})" if p.get("near") else "")
                rows.append([self.text(name), self.text(", ".join(
                    v for v in (p.get("admin1"), p.get("country")) if v)), self.text(coords),
                    self.text(p.get("geonameid") or ""), self.text(p.get("count", "")),
                    self.cites(p.get("cites", []))])
            self.table(["Place", "Within", "Coordinates", "GeoNames", "Mentions", "Sources"], rows)

    def _entities(self, story: Row) -> None:
        if not story.get("entities"):
            return
        self.heading(3, "Entities")
        for group in story["entities"]:
            self.heading(4, group["title"])
            self.table(["Name", "Also written", "Mentions", "Reports", "Sources"],
                       [[self.text(e["name"]), self.text(", ".join(e.get("variants", []))),
                         self.text(e["count"]), self.text(", ".join(e["articles"])),
                         self.cites(e["cites"][:6])] for e in group["entities"]])

    def sources(self) -> None:
        self.heading(2, "Sources")
        rows = []
        for src in self.s["sources"]:
            published = src["published"] or "no date"
            if src["published"] and src["published_source"] not in ("metadata", "none"):
                published += f" (from {src['published_source']})"
            dup = f"near-duplicate of {src['near_duplicate_of']}" if src.get("near_duplicate_of") else ""
            rows.append([self.text(src["ref"]), self.text(src["title"]), self.text(src["outlet"] or "unknown"),
                         self.text(published), self.text(src["url"] or src["source"]), self.text(dup)])
        self.table(["Ref", "Title", "Outlet", "Published", "Where", "Note"], rows)

    def failures(self) -> None:
        if self.s.get("failures"):
            self.heading(2, "Inputs that could not be read")
            self.table(["Input", "Reason"], [[self.text(f["source"]), self.text(f["reason"])]
                                             for f in self.s["failures"]])

    def render(self) -> str:
        self.heading(1, "Situation report")
        self.para(self.text(f"{len(self.s['sources'])} report(s), {len(self.s['stories'])} story(ies); "
                            f"generated {self.s['generated']} by eventdesk {self.s['eventdesk_version']}."))
        for story in self.s["stories"]:
            self.story(story)
        self.sources()
        self.failures()
        self.cited()
        return "\n".join(self.out) + "\n"

    def cited(self) -> None:
        raise NotImplementedError

    html = False


class _Markdown(_Writer):
    def text(self, value: Any) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    def cites(self, cites: list[Row]) -> str:
        return " ".join(f"[{c['ref']} §{c['sentence']}]" for c in cites)

    def heading(self, level: int, title: str) -> None:
        self.out += [f"{'#' * level} {self.text(title)}", ""]

    def para(self, markup: str) -> None:
        self.out += [markup, ""]

    def table(self, headers: list[str], rows: list[list[str]]) -> None:
        self.out.append("| " + " | ".join(headers) + " |")
        self.out.append("|" + "---|" * len(headers))
        self.out += ["| " + " | ".join(r) + " |" for r in rows]
        self.out.append("")

    def raw_svg(self, svg: str) -> None:
        self.para("(The map is drawn in the HTML report.)")

    def cited(self) -> None:
        sentences = self.s.get("cited_sentences") or {}
        if sentences:
            self.heading(2, "Cited sentences")
            for key, sentence in sentences.items():
                ref, _, idx = key.partition("-s")
                self.out.append(f"- [{ref} §{idx}] {self.text(sentence)}")
            self.out.append("")


class _Html(_Writer):
    html = True

    def text(self, value: Any) -> str:
        return escape(str(value))

    def cites(self, cites: list[Row]) -> str:
        sentences = self.s.get("cited_sentences") or {}
        links = []
        for c in cites:
            key = f"{c['ref']}-s{c['sentence']}"
            links.append(f'<a class="cite" href="#{escape(key)}" title="{escape(sentences.get(key, ""))}">'
                         f"[{escape(c['ref'])} §{c['sentence']}]</a>")
        return " ".join(links)

    def heading(self, level: int, title: str) -> None:
        self.out.append(f"<h{level}>{escape(title)}</h{level}>")

    def para(self, markup: str) -> None:
        self.out.append(f"<p>{markup}</p>")

    def table(self, headers: list[str], rows: list[list[str]]) -> None:
        head = "".join(f"<th>{escape(h)}</th>" for h in headers)
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
        self.out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")

    def raw_svg(self, svg: str) -> None:
        self.out.append(f'<div class="map">{svg}</div>')

    def cited(self) -> None:
        sentences = self.s.get("cited_sentences") or {}
        if sentences:
            self.heading(2, "Cited sentences")
            self.out.append("<ol class='muted'>" + "".join(
                f'<li id="{escape(k)}"><b>{escape(k.replace("-s", " §"))}</b> {escape(v)}</li>'
                for k, v in sentences.items()) + "</ol>")

    def render(self, header: str = "") -> str:
        body = super().render()
        return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                f"<title>Situation report</title><style>{CSS}</style></head><body>\n"
                f"{header}{body}</body></html>\n")


def render_markdown(situation: dict[str, Any]) -> str:
    """The report as Markdown."""
    return _Markdown(situation).render()


def render_html(situation: dict[str, Any], *, header: str = "") -> str:
    """The report as one self-contained HTML page; `header` is markup put first in its body."""
    return _Html(situation).render(header)


Renderer = Callable[[dict[str, Any]], str]
