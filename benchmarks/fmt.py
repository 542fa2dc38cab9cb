"""How long ``refs fmt`` takes on a large library, against bibtexparser's own writer.

Run: ``python benchmarks/fmt.py [N]`` (default 10,000 synthetic entries from synth.py).

Baseline, measured in the same run: bibtexparser v2 parsing the text and writing it
back with its own ``write_string`` (it re-formats every entry; it is what a user would
otherwise reach for). refs fmt is timed as load (parse + decode into References, needed
to find the blocks) + ``document`` + ``format_blocks``; the layout step alone is also
printed, since it is the part this module owns.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import bibtexparser

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import generate

from refs.io.bibtex import document, loads
from refs.io.bibtex_fmt import Layout, format_blocks, format_text


def _time(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    text = generate(n)
    print(f"entries: {n}, {len(text) / 1e6:.1f} MB")

    t_base, _ = _time(lambda: bibtexparser.write_string(bibtexparser.parse_string(text)))
    t_load, library = _time(lambda: loads(text))
    t_doc, doc = _time(lambda: document(library))
    t_fmt, out = _time(lambda: format_blocks(doc.blocks, text, Layout()))
    t_sort, _ = _time(lambda: format_blocks(doc.blocks, text, Layout(sort=True, align=True)))
    total = t_load + t_doc + t_fmt
    print(f"bibtexparser parse+write (baseline): {t_base:7.2f} s")
    print(f"refs load:                           {t_load:7.2f} s")
    print(f"refs document (raw blocks):          {t_doc:7.2f} s")
    print(f"refs format_blocks:                  {t_fmt:7.2f} s")
    print(f"refs format_blocks sort+align:       {t_sort:7.2f} s")
    print(f"refs fmt total:                      {total:7.2f} s  ratio {total / t_base:.2f}")
    print(f"layout step alone:                             ratio {t_fmt / t_base:.2f}")
    t_again, again = _time(lambda: format_text(out))
    print(f"second run (already canonical):      {t_again:7.2f} s  "
          f"idempotent: {again == out}")


if __name__ == "__main__":
    main()
