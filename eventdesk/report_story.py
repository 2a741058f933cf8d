"""What the situation report says about one story, as plain data.

Each function turns the stages' findings for a story's articles into
JSON-ready rows with citations; `analyse_story` puts them together.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from eventdesk.coref import EventCluster, corefer_events
from eventdesk.linking import LinkedEntity, attribute_conflicts
from eventdesk.mapsvg import render_map_svg
from eventdesk.model import Event, Extraction, Figure, Place, Story
from eventdesk.pipeline import kept_parses
from eventdesk.places import demonym_country
from eventdesk.settings import Options
from eventdesk.reconcile import Quantity, QuantityClaim, claim_statements, reconcile_figures
from eventdesk.summary import summarise_story

Cite = dict[str, Any]


def cite(x: Extraction, refs: dict[str, str], sentence: int) -> Cite:
    """A citation of one sentence of one article."""
    return {"ref": refs[x.article.id], "sentence": sentence}


def place_name(place: Place) -> str:
    """The name a reader knows the place by: the report's word, with the gazetteer's where
    it differs ('Palmyra (Tadmur)'); a demonym ('Syrian') gives way to the country's name."""
    if place.inferred or not place.name:
        return place.text
    said = " ".join(place.text.split())
    if said.casefold() == place.name.casefold() or not said[:1].isupper() or demonym_country(said):
        return place.name
    return f"{said} ({place.name})"


def _place_row(place: Place) -> dict[str, Any]:
    # an inferred place keeps its own name: the GeoNames fields are those of the place holding it
    return {
        "name": place_name(place), "mention": place.text,
        "geonameid": place.geonameid, "latitude": place.latitude, "longitude": place.longitude,
        "country": place.country, "admin1": place.admin1, "precision": place.precision,
        "feature_code": place.feature_code, "near": place.name if place.inferred else "",
    }


def event_row(x: Extraction, event: Event, refs: dict[str, str]) -> dict[str, Any]:
    """One event with its fields and the sentences it rests on."""
    place = x.places[event.place_index] if event.place_index is not None else None
    time = x.times[event.time_index] if event.time_index is not None else None
    return {
        "event_type": event.event_type, "sub_event_type": event.sub_event_type,
        "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision, "date_source": event.date_source,
        "date_text": time.text if time else "",
        "place": _place_row(place) if place else None,
        "actor1": event.actor1, "assoc_actor_1": event.assoc_actor_1,
        "actor2": event.actor2, "assoc_actor_2": event.assoc_actor_2,
        "fatalities": event.fatalities, "confidence": round(event.confidence, 2),
        "trigger": x.article.text[event.trigger_start:event.trigger_end],
        "cites": [cite(x, refs, s) for s in event.sentences],
    }


def _claimants(x: Extraction) -> dict[int, tuple[str, str]]:
    found = {}
    for claim in x.claims:
        if claim.figure_index is not None:
            found[claim.figure_index] = (claim.claimant, claim.medium)
    return found


def figure_row(x: Extraction, index: int, figure: Figure, refs: dict[str, str],
               claimants: dict[int, tuple[str, str]]) -> dict[str, Any]:
    """One figure as one report states it, with who claims it."""
    claimant, medium = claimants.get(index, (x.article.outlet or "the report", ""))
    return {
        "kind": figure.kind, "low": figure.low, "high": figure.high, "text": figure.text,
        "qualifier": figure.qualifier, "vague": figure.vague, "counts": figure.counts,
        "claimant": claimant, "medium": medium, "outlet": x.article.outlet,
        "published": x.article.published.isoformat() if x.article.published else None,
        "cites": [cite(x, refs, figure.sentence)],
    }


_PRECISION_RANK = {"day": 0, "week": 1, "weekend": 1, "month": 2, "season": 3, "quarter": 3,
                   "half": 4, "year": 5}


def cluster_row(cluster: EventCluster, by_key: dict[tuple[str, int], tuple[Extraction, Event]],
                refs: dict[str, str]) -> dict[str, Any] | None:
    """One real-world event: the best-dated, most confident mention, citing every report."""
    mentions = [by_key[m] for m in cluster.members if m in by_key]
    if not mentions:
        return None
    x, lead = min(mentions, key=lambda xe: (_PRECISION_RANK.get(xe[1].date_precision, 9),
                                            -xe[1].confidence))
    row = event_row(x, lead, refs)
    row["cites"] = list({json_key(c): c for mx, me in mentions
                         for c in (cite(mx, refs, s) for s in me.sentences)}.values())
    row["reports"] = [refs[a] for a in cluster.article_ids]
    tolls = sorted({me.fatalities for _, me in mentions if me.fatalities})
    row["fatalities"] = tolls[0] if tolls else row["fatalities"]
    row["fatalities_high"] = tolls[-1] if len(tolls) > 1 else None
    row["confidence"] = round(max(me.confidence for _, me in mentions), 2)
    row["cluster_id"] = cluster.id
    return row


def with_reconciled_toll(row: dict[str, Any], quantities: Sequence[Quantity]) -> dict[str, Any]:
    """An event's fatalities from its reconciled quantities: each side's dead counted once.

    Reports of one event often count different sides (one the soldiers, another the
    militants), so the lowest or highest toll of any one report would drop a side. The
    event's toll is the sum, over the groups counted, of each group's low (ACLED's
    conservative figure), up to the sum of their highs; parts of a toll ('killed by
    Russian strikes') are already inside their whole and are not added again. No report's
    own toll is undercut: a group's figure reconciled under a sibling event still counts
    in the report that gave it.
    """
    groups = [q for q in quantities if q.event and q.event == row.get("cluster_id")
              and q.kind == "killed" and q.scope == "" and q.part_of is None and q.low is not None]
    if not groups:
        return row
    summed = sum(int(q.low) for q in groups)  # type: ignore[arg-type]
    high = sum(int(q.high if q.high is not None else q.low) for q in groups)  # type: ignore[arg-type]
    one_report = row.get("fatalities_high") or row.get("fatalities") or 0
    if one_report > summed:  # a report's own total: the groups' lows miss what it counted
        return {**row, "fatalities": one_report, "fatalities_high": high if high > one_report else None}
    return {**row, "fatalities": summed, "fatalities_high": high if high > summed else None,
            "fatalities_by": [{"counts": q.label, "low": q.low, "high": q.high, "quantity": q.id}
                              for q in groups]}


def json_key(c: Cite) -> tuple[str, int]:
    """A hashable form of a citation."""
    return (c["ref"], c["sentence"])


def _events(members: Sequence[Extraction], refs: dict[str, str],
            clusters: Sequence[EventCluster]) -> list[dict[str, Any]]:
    by_key = {(x.article.id, e.index): (x, e) for x in members for e in x.events}
    rows = [r for c in clusters if (r := cluster_row(c, by_key, refs)) is not None]
    clustered = {m for c in clusters for m in c.members}
    rows += [event_row(x, e, refs) for key, (x, e) in by_key.items() if key not in clustered]
    return sorted(rows, key=lambda r: (r["date"] or "9999", -r["confidence"]))


def _figures(members: Sequence[Extraction], refs: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for x in members:
        claimants = _claimants(x)
        rows.extend(figure_row(x, i, f, refs, claimants) for i, f in enumerate(x.figures)
                    if f.kind != "age")
    return rows


def _places(members: Sequence[Extraction], refs: dict[str, str]) -> list[dict[str, Any]]:
    merged: dict[Any, dict[str, Any]] = {}
    for x in members:
        for place in x.places:
            key = place.text.casefold() if place.inferred or not place.geonameid else place.geonameid
            row = merged.setdefault(key, {**_place_row(place), "count": 0, "cites": [], "names": Counter()})
            row["count"] += 1
            row["names"][place_name(place)] += 1
            citation = cite(x, refs, place.sentence)
            if citation not in row["cites"]:
                row["cites"].append(citation)
    for row in merged.values():
        row["name"] = row.pop("names").most_common(1)[0][0]  # the form most reports use
    return sorted(merged.values(), key=lambda r: (-r["count"], r["name"]))


def _timeline(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    dated = [e for e in events if e["date"]]
    return [{"date": e["date"], "precision": e["date_precision"],
             "what": f"{e['sub_event_type'] or e['event_type']}: " + ", ".join(
                 a for a in (e["actor1"], e["actor2"]) if a),
             "place": (e["place"] or {}).get("name", ""), "cites": e["cites"]}
            for e in sorted(dated, key=lambda e: e["date"])]


def _claim_row(claim: QuantityClaim, refs: dict[str, str]) -> dict[str, Any]:
    return {
        "low": claim.low, "high": claim.high, "qualifier": claim.qualifier, "text": claim.text,
        "stated": claim.stated, "counts": claim.counts, "vague": claim.vague,
        "claimant": claim.claimant, "claimant_kind": claim.claimant_kind, "affiliation": claim.affiliation,
        "role": claim.role, "partisan": claim.partisan,
        "outlet": claim.outlet, "published": claim.published.isoformat() if claim.published else None,
        "cites": [{"ref": refs[claim.article_id], "sentence": claim.sentence}],
    }


def _quantity_rows(quantities: Sequence[Quantity], refs: dict[str, str]) -> list[dict[str, Any]]:
    labels = {q.id: q.label for q in quantities}
    return [{
        "id": q.id, "label": q.label, "kind": q.kind, "counts": q.counts, "scope": q.scope,
        "part_of": labels.get(q.part_of or ""), "low": q.low, "best": q.best, "high": q.high,
        "best_partisan": q.best_partisan,
        "claims": [_claim_row(c, refs) for c in q.claims],
        "statements": [_claim_row(c, refs) for c in q.statements],
    } for q in quantities if q.claims or q.statements]


def _cite_offset(members: dict[str, Extraction], refs: dict[str, str],
                 article_id: str, offset: int) -> Cite | None:
    x = members.get(article_id)
    sentence = x.sentence_at(offset) if x else None
    return cite(x, refs, sentence.index) if x and sentence else None


def _disagreement_rows(quantities: Sequence[Quantity], entities: Sequence[LinkedEntity],
                       members: dict[str, Extraction], refs: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for q in quantities:
        for d in q.disagreements:
            rows.append({"what": q.label, "kind": d.kind, "reason": d.reason,
                         "cites": [{"ref": refs[c.article_id], "sentence": c.sentence} for c in d.claims]})
    for conflict in attribute_conflicts(entities):
        said = "; ".join(
            f"{a.value} ({refs[a.article_id]}{', in a related-story link' if a.start < 0 else ''})"
            for a in conflict.values)
        rows.append({"what": f"{conflict.entity_name}: {conflict.attribute}", "kind": "attribute",
                     "reason": f"reports give different values: {said}",
                     "cites": [c for a in conflict.values
                               if (c := _cite_offset(members, refs, a.article_id, a.start))]})
    return rows


def _summary_rows(members: Sequence[Extraction], refs: dict[str, str], max_sentences: int,
                  clusters: Sequence[EventCluster]) -> list[dict[str, Any]]:
    return [{"text": " ".join(s.text.split()), "score": round(s.score, 4),
             "cite": {"ref": refs[s.article_id], "sentence": s.sentence_index}}
            for s in summarise_story(members, max_sentences=max_sentences, events=clusters)]


def analyse_story(members: Sequence[Extraction], refs: dict[str, str], *, story: Story,
                  entities: Sequence[LinkedEntity] = (), max_summary: int = 5,
                  nlp_model: str = Options.model) -> dict[str, Any]:
    """Key facts, figures with claims, disagreements, timeline, places and map of one story.

    Event coreference reads the parses extraction kept in this process, and parses the
    other reports again with `nlp_model` (the model they were extracted with), as the
    store keeps no parses.
    """
    parses = kept_parses((x.article for x in members), model=nlp_model)
    clusters = corefer_events(members, stories=[story], nlp_model=nlp_model, docs=parses)
    quantities = reconcile_figures(members, clusters=clusters, entities=entities)
    events = [with_reconciled_toll(row, quantities) for row in _events(members, refs, clusters)]
    places = [p for x in members for p in x.places]
    return {
        "summary": _summary_rows(members, refs, max_summary, clusters),
        "key_facts": events,
        "quantities": _quantity_rows(quantities, refs),
        "statements": [_claim_row(c, refs) for c in claim_statements(members, entities=entities)],
        "figures": _figures(members, refs),
        "disagreements": _disagreement_rows(
            quantities, entities, {x.article.id: x for x in members}, refs),
        "timeline": _timeline(events),
        "places": _places(members, refs),
        "map_svg": render_map_svg(places) if any(p.latitude is not None for p in places) else "",
    }
