"""Articles per second for cross-report entity linking and claims reconciliation.

Synthetic stories of eight reports each, with precomputed extractions (mentions
with spelling variants and aliases, an apposition with an age, a casualty figure
with its claimant, an event per report). Linking and reconciliation run over
all the articles at once, the worst case for blocking: the rate should stay
roughly flat from 1k to 100k articles if the work is near-linear.

    .venv/bin/python bench/bench_reconcile.py            # 1k, 10k, 100k
    .venv/bin/python bench/bench_reconcile.py 1000 5000  # chosen sizes
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from eventdesk.linking import link_entities
from eventdesk.model import Article, Claim, Event, Extraction, Figure, Mention, Sentence
from eventdesk.reconcile import reconcile_figures

FIRST = ["Khaled", "Khalid", "Mohammed", "Muhammad", "Ahmed", "Omar", "Yusuf", "Youssef", "Hassan",
         "Mamoun", "Maamoun", "Rami", "Samir", "Nabil", "Walid", "Tariq", "Karim", "Fadi"]
LAST = ["al-Asaad", "Asaad", "Abdelkarim", "Abdulkarim", "Nasser", "Haddad", "al-Hussein", "Saleh",
        "Mansour", "Khoury", "al-Masri", "Darwish", "Barakat", "Qasim", "Kassem", "Hamdan"]
ORGS = [("Islamic State", "ISIS"), ("Syrian Observatory for Human Rights", "SOHR"),
        ("United Nations", "UN"), ("Associated Press", "AP")]
CLAIMANTS = ["Syrian Observatory for Human Rights", "state media", "the army", "local activists"]
QUALIFIERS = ["", "at least", "about", "more than", "nearly"]
ROLES = ["antiquities scholar", "provincial governor", "militia commander", "hospital director"]
DAY = dt.date(2024, 1, 1)


def _article(rng: random.Random, story: int, number: int) -> Extraction:
    """One synthetic report of a story; its people and town depend on the story."""
    person = f"{FIRST[(story * 7 + number % 2) % len(FIRST)]} {LAST[(story * 3 + number % 2) % len(LAST)]}"
    person = f"{person} {story}"  # a surname of its own per story keeps blocks realistic
    town = f"Town{story % 5000}"
    org, acronym = ORGS[story % len(ORGS)]
    group = org if number % 3 else acronym
    qualifier = rng.choice(QUALIFIERS)
    value = 100 + 10 * rng.randint(0, 5)
    figure_text = f"{qualifier} {value}".strip()
    text = (f"Fighters of the {group} attacked {town} on Monday. "
            f"{person}, a 6{number % 2}-year-old {ROLES[story % len(ROLES)]}, was killed. "
            f"A monitor said {figure_text} militants were killed in the battle for {town}.")
    article = Article(id=f"s{story}-a{number}", text=text, outlet=f"Outlet {number}",
                      published=DAY + dt.timedelta(days=story % 300))
    spans = [(group, "ORG"), (town, "GPE"), (person, "PERSON")]
    mentions = tuple(Mention(article.id, text.index(name), text.index(name) + len(name), name, label, 0)
                     for name, label in spans)
    start = text.index(figure_text, text.index("A monitor"))
    figure = Figure(article.id, start, start + len(figure_text), figure_text, 2, "killed", float(value),
                    qualifier=qualifier, counts="militants", event_index=0)
    claim = Claim(article.id, start, start + 1, 2, CLAIMANTS[number % len(CLAIMANTS)], "organisation",
                  figure_index=0)
    event = Event(article.id, 0, "Battles", "Armed clash", (0, 2), text.index("attacked"),
                  text.index("attacked") + 8)
    bounds = [0, text.index(person), text.index("A monitor"), len(text)]
    sentences = tuple(Sentence(i, a, b) for i, (a, b) in enumerate(zip(bounds, bounds[1:])))
    return Extraction(article=article, sentences=sentences, mentions=mentions, figures=(figure,),
                      claims=(claim,), events=(event,))


def synthetic(count: int, *, seed: int = 7) -> list[Extraction]:
    """`count` reports in stories of eight."""
    rng = random.Random(seed)
    return [_article(rng, i // 8, i % 8) for i in range(count)]


def measure(count: int) -> tuple[float, float, int, int]:
    """Seconds for linking and for reconciliation over `count` articles, and what they found."""
    extractions = synthetic(count)
    clusters = {(ex.article.id, 0): ex.article.id.split("-")[0] for ex in extractions}
    started = time.perf_counter()
    entities = link_entities(extractions)
    linked = time.perf_counter()
    quantities = reconcile_figures(extractions, clusters=clusters, entities=entities)
    reconciled = time.perf_counter()
    return linked - started, reconciled - linked, len(entities), len(quantities)


def main(sizes: list[int]) -> None:
    """Print articles per second at each size."""
    print(f"{'articles':>9} {'link s':>8} {'reconcile s':>12} {'articles/s':>11} {'entities':>9} {'quantities':>11}")
    for size in sizes:
        link_s, reconcile_s, entities, quantities = measure(size)
        rate = size / (link_s + reconcile_s)
        print(f"{size:>9,} {link_s:>8.2f} {reconcile_s:>12.2f} {rate:>11,.0f} {entities:>9,} {quantities:>11,}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1_000, 10_000, 100_000])
