"""Benchmark the gazetteer and the places resolver.

Prints: the gazetteer's cold build time (into a fresh temporary cache), its warm
start-up time and memory, warm candidate lookups per second, and toponyms
resolved per second (gold spans of GeoWebNews when ../shared is there, else a
built-in list of names).

    .venv/bin/python bench/bench_places.py [--cache-dir DIR]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from eventdesk.eval_geo import read_geo_corpus
from eventdesk.gazetteer import Gazetteer, index_path, load_gazetteer
from eventdesk.places import Toponym, resolve_toponyms, toponym_at
from eventdesk.settings import load_options

GWN = Path(__file__).resolve().parents[2] / "shared" / "eval" / "geoparsing" / "GeoWebNews" / "GWN.xml"
NAMES = ["Palmyra", "Homs", "Raqqa", "Deir ez-Zor", "Damascus", "Geneva", "Iraq", "Lebanon",
         "Iran", "Russia", "UK", "Paris", "Springfield", "Alexandria", "Georgia", "Aleppo"]


def _documents() -> list[tuple[str, list[Toponym]]]:
    if GWN.is_file():
        docs = read_geo_corpus(GWN)
        return [(d.text, [t for g in d.toponyms if g.located
                          if (t := toponym_at(d.text, g.start, g.end)) is not None]) for d in docs]
    text = " ".join(NAMES)
    spans, offset = [], 0
    for name in NAMES:
        spans.append(toponym_at(text, offset, offset + len(name)))
        offset += len(name) + 1
    return [(text, [t for t in spans if t is not None])] * 50


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="reuse this cache instead of a cold build in a temporary folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        options = load_options(cache_dir=args.cache_dir or Path(scratch))
        started = time.perf_counter()
        cpu = time.process_time()
        load_gazetteer(options)
        print(f"gazetteer build/first load: {time.perf_counter() - started:.1f} s wall, "
              f"{time.process_time() - cpu:.1f} s CPU ({index_path(options).stat().st_size / 1e6:.0f} MB)")
        tracemalloc.start()
        started = time.perf_counter()
        gazetteer = Gazetteer([index_path(options)])
        startup = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"warm start-up: {startup * 1000:.0f} ms, {peak / 1e6:.1f} MB Python heap; "
              f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        for name in NAMES:
            gazetteer.candidates(name)
        started = time.perf_counter()
        rounds = 2000
        for i in range(rounds):
            gazetteer.candidates(NAMES[i % len(NAMES)])
        print(f"warm lookup, cached name: {(time.perf_counter() - started) / rounds * 1e6:.1f} us")
        documents = _documents()
        fresh = Gazetteer([index_path(options)])
        names = list(dict.fromkeys(t.name for _, toponyms in documents for t in toponyms))
        started = time.perf_counter()
        for name in names:
            fresh.candidates(name)
        print(f"warm lookup, new name: {(time.perf_counter() - started) / len(names) * 1e6:.0f} us "
              f"({len(names)} names)")
        count = sum(len(toponyms) for _, toponyms in documents)
        started = time.perf_counter()
        for text, toponyms in documents:
            resolve_toponyms(toponyms, gazetteer, text)
        elapsed = time.perf_counter() - started
        print(f"resolved {count} toponyms in {elapsed:.2f} s: {count / elapsed:.0f} toponyms/s "
              f"({'GeoWebNews gold spans' if GWN.is_file() else 'built-in names'}, cold name cache)")


if __name__ == "__main__":
    main()
