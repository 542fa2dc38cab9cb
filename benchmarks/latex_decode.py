"""Loading + LaTeX decoding vs bibtexparser's bare parse, measured side by side in one run.

Issue 2 measured bibtexparser's ``LatexDecodingMiddleware`` at ~18x the bare parse on
a 10,000-entry file. refs decodes every title and name on load, so the target is
``refs.io.bibtex.loads`` (split + @string expansion + decoding + References + the
snapshot for lossless writing) within 1.5x of ``bibtexparser.parse_string``.

    python benchmarks/latex_decode.py            # 10,000 entries, best of 3
    python benchmarks/latex_decode.py 2000 1     # smaller, one round (development)

(a) ``parse_string(text)``: bibtexparser with its default stack (split + string
    resolution + enclosing removal) -- what a user of bibtexparser calls;
(a0) the splitter alone (``parse_string(text, parse_stack=[])``), for reference;
(b) (a) plus ``LatexDecodingMiddleware``;
(c) ``refs.io.bibtex.loads(text)``.
Times are CPU time of this process (``time.process_time``), because the reference box is
shared and wall-clock figures swing with other people's jobs. Each figure is the best of
N rounds ((b) runs once: it is the slow one); the LaTeX
caches of refs are cleared before every round of (c) so that repeated rounds do not
flatter it.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares import LatexDecodingMiddleware
from synth import generate

from refs.io.bibtex import loads
from refs.text import latex, names


def _best(fn: Callable[[], object], rounds: int, before: Callable[[], None] | None = None) -> float:
    best = float("inf")
    for _ in range(rounds):
        if before:
            before()
        gc.collect()
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def _clear_caches() -> None:
    latex.latex_to_unicode.cache_clear()
    latex.unicode_to_latex.cache_clear()
    names._parse_cached.cache_clear()
    names._parse_one.cache_clear()


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    text = generate(n, seed=1)
    print(f"{n} entries, {len(text) / 1e6:.1f} MB, best of {rounds}")
    a0 = _best(lambda: parse_string(text, parse_stack=[]), rounds)
    a = _best(lambda: parse_string(text), rounds)
    b = _best(  # one round: it is ~20x slower and its figure is only the comparison
        lambda: parse_string(text, append_middleware=[LatexDecodingMiddleware()]),
        1,
    )
    c = _best(lambda: loads(text), rounds, before=_clear_caches)
    print(f"(a0) bibtexparser splitter only         {a0:7.3f} s")
    print(f"(a)  bibtexparser parse_string          {a:7.3f} s")
    print(f"(b)  parse_string + LatexDecoding       {b:7.3f} s")
    print(f"(c)  refs.io.bibtex.loads               {c:7.3f} s")
    print(f"(b)/(a) = {b / a:5.2f}   (c)/(a) = {c / a:5.2f}   (c)/(a0) = {c / a0:5.2f}")
    print("target (c)/(a) <= 1.50:", "met" if c / a <= 1.5 else "NOT met")


if __name__ == "__main__":
    main()
