"""Cross-document event coreference on ECB+: every split, within our own and within gold story clusters.

Run: `.venv/bin/python bench/bench_coref.py [ECB_DIR]` (default ../shared/eval/ecbplus/cybulska_setup).
The packaged model is fitted on Train only, so Train rows are not held-out
figures; Dev (and Test, where present) are. `--folds` adds out-of-fold Train
figures (each half of the Train topics resolved by a model fitted on the other
half) at every clustering cut: the held-out check of what is tuned on Train.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from eventdesk.coref import default_model
from eventdesk.eval_coref import evaluate_coref, format_coref, out_of_fold_coref
from eventdesk.settings import Options, load_options

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "ecbplus" / "cybulska_setup"


def main() -> None:
    """Print the coreference tables, predicted then gold story clusters."""
    args = [a for a in sys.argv[1:] if a != "--folds"]
    data_dir = Path(args[0]) if args else DEFAULT_DIR
    if not data_dir.is_dir():
        raise SystemExit(f"{data_dir}: ECB+ not found; pass the cybulska_setup folder")
    options = load_options()
    for gold in (False, True):
        start = time.perf_counter()
        result = evaluate_coref(data_dir, options=options, gold_clusters=gold)
        print(("GOLD story clusters (diagnostic)" if gold else "OUR story clusters") +
              f"  [{time.perf_counter() - start:.0f} s]")
        print(format_coref(result))
        for split, scores in result.items():
            figures = "  ".join(f"{k}={scores[k]:.3f}" for k in ("muc_f1", "b3_f1", "ceafe_f1", "conll_f1"))
            print(f"  {split}: {figures}")
        print()
    if "--folds" in sys.argv[1:]:
        _print_folds(data_dir, options)


def _print_folds(data_dir: Path, options: Options) -> None:
    start = time.perf_counter()
    by_cut = out_of_fold_coref(data_dir, options=options)
    print(f"OUT-OF-FOLD Train (two topic halves, our story clusters)  [{time.perf_counter() - start:.0f} s]")
    shipped = default_model().threshold
    for cut, scores in sorted(by_cut.items()):
        figures = "  ".join(f"{k}={scores[k]:.3f}" for k in ("muc_f1", "b3_f1", "ceafe_f1", "conll_f1"))
        print(f"  cut {cut:.2f}: {figures}" + ("   <- packaged cut" if cut == shipped else ""))


if __name__ == "__main__":
    main()
