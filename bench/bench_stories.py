"""Story clustering speed: articles per second at 1k, 10k and 100k synthetic articles.

Features are precomputed (the clustering stage alone is timed). Each synthetic
story has its own small vocabulary and a few names, drawn over a shared
background vocabulary, and its reports fall within a few days; articles arrive
in publication order. Near-linear means articles/s stays roughly flat as the
stream grows. The time includes the second look at recent articles that
`stories()` settles. Run: .venv/bin/python bench/bench_stories.py [sizes...]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from eventdesk.stories import ArticleFeatures, StoryClusterer  # noqa: E402

START = dt.date(2020, 1, 1)
BACKGROUND = [f"w{i}" for i in range(20_000)]


def synthetic_articles(count: int, *, seed: int = 7) -> list[ArticleFeatures]:
    """`count` articles from about count/8 stories, in publication order."""
    rng = random.Random(seed)
    stories = max(1, count // 8)
    days = max(30, count // 200)  # about 200 articles a day
    plans = []
    for s in range(stories):
        vocabulary = [f"s{s}t{i}" for i in range(12)]
        names = [f"name{s}_{i}" for i in range(3)]
        plans.append((vocabulary, names, rng.randrange(days)))
    articles = []
    for n in range(count):
        vocabulary, names, day = plans[rng.randrange(stories)]
        lemmas = {w: 1 + rng.randrange(3) for w in rng.sample(vocabulary, 8)}
        lemmas.update({w: 1 for w in rng.sample(BACKGROUND, 25)})
        entities = {name: 1 + rng.randrange(2) for name in rng.sample(names, 2)}
        articles.append(ArticleFeatures(
            article_id=f"a{n}", lemmas=lemmas, entities=entities,
            places=frozenset(names[:1]), actors=frozenset(names[1:]),
            published=START + dt.timedelta(days=day + rng.randrange(3))))
    articles.sort(key=lambda a: a.published)
    return articles


def measure(count: int) -> tuple[float, int]:
    """Articles per second and the number of stories for one stream size."""
    articles = synthetic_articles(count)
    clusterer = StoryClusterer()
    began = time.perf_counter()
    for article in articles:
        clusterer.add(article)
    stories = len(clusterer.stories())  # reading settles the last articles' second look: timed too
    elapsed = time.perf_counter() - began
    return count / elapsed, stories


def main(sizes: list[int]) -> None:
    """Print one line per stream size."""
    print(f"{'articles':>10} {'articles/s':>12} {'stories':>9}")
    for count in sizes:
        rate, stories = measure(count)
        print(f"{count:>10} {rate:>12.0f} {stories:>9}", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
