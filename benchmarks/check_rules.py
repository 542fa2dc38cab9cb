"""`refs check` cost per rule on a synthetic library, against the load it follows.

What a user waits for is load + check; the load (split, @string expansion, LaTeX
decoding, References) is the baseline measured in the same run, and each rule's time is
printed with its ratio to it, so a slow rule stands out. Rules run on one shared
CheckContext, as in ``refs.check.runner.run``.

    python benchmarks/check_rules.py             # 10,000 entries
    python benchmarks/check_rules.py 2000        # smaller (development)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import generate

from refs.check.context import CheckContext
from refs.check.registry import all_rules
from refs.check.runner import run
from refs.io.bibtex import loads


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 10_000
    text = generate(n)
    t0 = time.perf_counter()
    library = loads(text, path="synth.bib")
    load_s = time.perf_counter() - t0
    print(f"entries: {n}, {len(text) / 1e6:.1f} MB")
    print(f"load (baseline):       {load_s:7.2f} s")
    t0 = time.perf_counter()
    ctx = CheckContext.from_library(library)
    list(ctx.records())
    ctx_s = time.perf_counter() - t0
    print(f"context (raw blocks):  {ctx_s:7.2f} s  ratio {ctx_s / load_s:5.2f}")
    rules_s = 0.0
    for r in all_rules():
        t0 = time.perf_counter()
        found = sum(1 for _ in r.func(ctx))
        secs = time.perf_counter() - t0
        rules_s += secs
        print(f"  {r.code} {r.name:<24} {secs:7.3f} s  ratio {secs / load_s:5.2f}  "
              f"findings {found}")
    print(f"all rules:             {rules_s:7.2f} s  ratio {rules_s / load_s:5.2f}")
    t0 = time.perf_counter()
    total = len(run(library))
    run_s = time.perf_counter() - t0
    print(f"runner.run end to end: {run_s:7.2f} s  ratio {run_s / load_s:5.2f}  "
          f"findings {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
