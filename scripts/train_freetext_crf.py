"""Build the free-text CRF model shipped in ``src/refs/io/freetext/crf_model.bin``.

Run from the repository root (about a minute; longer with --extra):

    python scripts/train_freetext_crf.py [--data ../shared/data/anystyle/core.xml] [--extra FILE]...

It trains python-crfsuite (L-BFGS, parameters in ``refs.io.freetext.crf.PARAMS``) on
every labelled string of AnyStyle's ``core.xml`` (BSD-2-Clause, Sylvester Keil), plus
those of any ``--extra`` files in the same format less the strings that repeat core.xml
(``freetext_anystyle.extra_training``; the shipped model has none), with the features of
``refs.io.freetext.crf_features``, and overwrites the model file; then the
title-span classifier (``refs.io.freetext.title_span``) on three inner CRFs' labellings
of the strings they were not trained on, written beside it as
``crf_model_title_span.json``. The model
is trained on all of core.xml, so core.xml cannot measure it: the accuracy figures in
docs/benchmarks.md come from ``benchmarks/freetext_anystyle.py``, which retrains one
model per fold and scores each string with a model that never saw it.
Re-run this script whenever the features or PARAMS change, and commit the model.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from freetext_anystyle import CORE, extra_training, read_core  # noqa: E402

from refs.io.freetext import crf, title_span  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description="Train the free-text CRF on AnyStyle core.xml.")
    ap.add_argument("--data", type=Path, default=CORE, help="AnyStyle dataset XML")
    ap.add_argument("--out", type=Path, default=crf.MODEL, help="model file to write")
    ap.add_argument("--extra", type=Path, action="append", default=[],
                    help="another AnyStyle-format XML file to train on as well")
    args = ap.parse_args()
    data = read_core(args.data)
    if args.extra:
        extra, dropped = extra_training(data, args.extra)
        print(f"{len(data)} strings from {args.data.name}, {len(extra)} more from "
              f"{', '.join(map(str, args.extra))} ({dropped} repeats dropped)")
        data += extra
    t0 = time.perf_counter()
    crf.train(data, args.out)
    size = args.out.stat().st_size
    span = title_span.span_model_path(args.out)
    print(f"trained on {len(data)} strings in {time.perf_counter() - t0:.0f} s; "
          f"wrote {args.out} ({size / 1024:.0f} KiB) and {span.name} "
          f"({span.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
