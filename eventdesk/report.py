"""The situation report: one JSON-ready structure, rendered to Markdown and HTML.

`build_situation` gathers what the stages found into a plain dict (also the
JSON output for programs); the renderers only lay it out. Every item carries
citations `{"ref": "A1", "sentence": 3}` that resolve to a cited sentence, so a
reader can check each fact against the report it came from. The HTML is one
self-contained file: inline CSS and SVG, nothing fetched, every string that
came from an article escaped.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eventdesk import __version__
from eventdesk.linking import assign_entity_ids, link_entities
from eventdesk.model import Extraction, Story
from eventdesk.report_render import render_html, render_markdown
from eventdesk.report_story import Cite, analyse_story, cite
from eventdesk.settings import Options

ENTITY_SECTIONS = (
    ("PERSON", "People"), ("ORG", "Organisations"), ("GPE", "Places"), ("LOC", "Places"),
    ("FAC", "Facilities and sites"), ("NORP", "Groups and nationalities"),
    ("EVENT", "Named events"),
)


def _ref_map(extractions: Sequence[Extraction]) -> dict[str, str]:
    return {x.article.id: f"A{i}" for i, x in enumerate(extractions, start=1)}


def _sources(extractions: Sequence[Extraction], refs: dict[str, str]) -> list[dict[str, Any]]:
    sources = []
    for x in extractions:
        a = x.article
        sources.append({
            "ref": refs[a.id], "article_id": a.id, "title": a.title or a.label,
            "outlet": a.outlet, "url": a.url, "author": a.author, "source": a.source,
            "published": a.published.isoformat() if a.published else None,
            "published_source": a.published_source,
            "near_duplicate_of": refs.get(a.near_duplicate_of or "", a.near_duplicate_of),
            "sentences": len(x.sentences),
        })
    return sources


def _entities(extractions: Sequence[Extraction], refs: dict[str, str],
              canonical: dict[str, str]) -> list[dict[str, Any]]:
    """Entities grouped by type, each with its count, articles and citations."""
    wanted = dict(ENTITY_SECTIONS)
    grouped: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for x in extractions:
        for m in x.mentions:
            if m.label not in wanted:
                continue
            key = m.entity_id or " ".join(m.text.split()).casefold()
            entry = grouped[wanted[m.label]].setdefault(
                key, {"name": m.text, "count": 0, "articles": [], "cites": [], "_names": {},
                      "_id": m.entity_id})
            entry["count"] += 1
            entry["_names"][m.text] = entry["_names"].get(m.text, 0) + 1
            if refs[x.article.id] not in entry["articles"]:
                entry["articles"].append(refs[x.article.id])
            citation = cite(x, refs, m.sentence)
            if citation not in entry["cites"]:
                entry["cites"].append(citation)
    sections = []
    for title in dict.fromkeys(wanted.values()):
        entries = sorted(grouped[title].values(), key=lambda e: (-e["count"], e["name"]))
        for entry in entries:
            names = entry.pop("_names")
            entry["name"] = canonical.get(entry.pop("_id"), "") or max(
                names, key=lambda n: (names[n], len(n)))
            entry["variants"] = sorted(n for n in names if n != entry["name"])
        if entries:
            sections.append({"title": title, "entities": entries})
    return sections


def _cited_sentences(extractions: Sequence[Extraction], refs: dict[str, str],
                     cites: list[Cite]) -> dict[str, str]:
    by_ref = {refs[x.article.id]: x for x in extractions}
    texts = {}
    for c in cites:
        key = f"{c['ref']}-s{c['sentence']}"
        x = by_ref.get(c["ref"])
        if x is not None and key not in texts and c["sentence"] < len(x.sentences):
            texts[key] = " ".join(x.sentence_text(c["sentence"]).split())
    return texts


def _collect_cites(node: Any, found: list[Cite]) -> None:
    if isinstance(node, dict):
        if set(node) == {"ref", "sentence"}:
            found.append(node)
            return
        for value in node.values():
            _collect_cites(value, found)
    elif isinstance(node, list):
        for value in node:
            _collect_cites(value, found)


def build_story(story: Story, extractions: Sequence[Extraction], refs: dict[str, str], *,
                max_summary: int = 5, nlp_model: str = Options.model) -> dict[str, Any]:
    """The report section of one story."""
    members = [x for x in extractions if x.article.id in set(story.article_ids)]
    section: dict[str, Any] = {
        "id": story.id, "title": story.title or (members[0].article.title if members else ""),
        "articles": [refs[x.article.id] for x in members],
        "first_published": story.first_published.isoformat() if story.first_published else None,
        "last_published": story.last_published.isoformat() if story.last_published else None,
    }
    entities = link_entities(members)
    members = assign_entity_ids(members, entities)
    section.update(analyse_story(members, refs, story=story, entities=entities,
                                 max_summary=max_summary, nlp_model=nlp_model))
    section["entities"] = _entities(members, refs, {e.id: e.name for e in entities})
    return section


def build_situation(extractions: Sequence[Extraction], *,
                    stories: Sequence[Story] | None = None,
                    failures: Sequence[dict[str, str]] = (),
                    max_summary: int = 5, nlp_model: str = Options.model) -> dict[str, Any]:
    """Everything a situation report shows, as plain JSON-ready data."""
    refs = _ref_map(extractions)
    if stories is None:
        stories = [one_story(extractions)]
    story_sections = [build_story(s, extractions, refs, max_summary=max_summary,
                                  nlp_model=nlp_model) for s in stories]
    situation: dict[str, Any] = {
        "generated": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "eventdesk_version": __version__,
        "sources": _sources(extractions, refs),
        "stories": story_sections,
        "failures": list(failures),
    }
    found: list[Cite] = []
    _collect_cites(story_sections, found)
    situation["cited_sentences"] = _cited_sentences(extractions, refs, found)
    return situation


def one_story(extractions: Sequence[Extraction]) -> Story:
    """All articles as one story (the report's fallback when no clustering ran)."""
    dates = [x.article.published for x in extractions if x.article.published]
    title = next((x.article.title for x in extractions if x.article.title), "All reports")
    return Story(id="S1", article_ids=tuple(x.article.id for x in extractions), title=title,
                 first_published=min(dates, default=None), last_published=max(dates, default=None))


def write_report(situation: dict[str, Any], out_dir: Path) -> dict[str, Path]:
    """Write report.md, report.html and report.json; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"markdown": out_dir / "report.md", "html": out_dir / "report.html",
             "json": out_dir / "report.json"}
    paths["markdown"].write_text(render_markdown(situation), encoding="utf-8")
    paths["html"].write_text(render_html(situation), encoding="utf-8")
    paths["json"].write_text(json.dumps(situation, indent=2, ensure_ascii=False), encoding="utf-8")
    return paths

