"""Free-text parser accuracy on AnyStyle's core.xml, and parsing speed.

Run: ``python benchmarks/freetext_anystyle.py [--limit N] [--folds K] [--heldout] [--speed N]
[--speed-only] [--learning-curve] [--extra FILE]... [--workers N]``

``--extra FILE`` (repeatable) adds the labelled strings of other AnyStyle-format files
(AnyStyle's ``gold.xml`` and ``good.xml``, say) to every fold's training set, less each
string that repeats a core.xml string (:func:`extra_training`); only core.xml strings are
scored, each by a model trained without its fold.

Scores per field (exact match after normalising case, whitespace, quotes and trailing
punctuation; authors and editors as lists of family names; date as the year; volume,
issue and pages as digits, a short page range such as ``737-8`` read whole on both
sides, as the parser stores it): precision, recall and F1, for

* ``rules``    -- the hand-written rules alone (``parse_rules``; written for the seed
                  styles, never fitted to core.xml),
* ``crf``      -- the CRF segmenter, K-fold cross-validated: each fold's strings are
                  labelled by a model trained on the other folds only (never in-sample),
* ``hybrid``   -- the shipped parser's strategy: rules where they are confident, the CRF
                  otherwise (also cross-validated),
* ``baseline`` -- a naive split-on-full-stops parser, for the ratio.

Gold family names are read from the gold author/editor segments with refs' own name
splitter (``refs.io.freetext.names.parse_names``, name order decided as the CRF path
decides it, editors' role words removed by ``strip_role_words``): that step is shared
by gold and prediction, so the figures measure
segmentation and field reading, not name splitting.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from refs.io.freetext import parse_all, parse_reference  # noqa: E402
from refs.io.freetext.clean import clean  # noqa: E402
from refs.io.freetext.names import (  # noqa: E402
    REPEATED_AUTHORS,
    parse_names,
    strip_role_words,
)
from refs.io.freetext.numbers import page_range, read_volume  # noqa: E402
from refs.io.freetext.parser import parse_rules  # noqa: E402
from refs.io.freetext.segment import natural_first  # noqa: E402
from refs.model.reference import Reference  # noqa: E402
from refs.text.names import OTHERS  # noqa: E402

CORE = ROOT.parent / "shared" / "data" / "anystyle" / "core.xml"
if not CORE.exists():
    CORE = Path("/work/shared/data/anystyle/core.xml")
FIELDS = ("author", "year", "title", "container", "volume", "issue", "pages", "publisher",
          "location", "editor", "url/doi")

Gold = dict[str, object]
Core = list[tuple[str, list[tuple[str, str]]]]


def read_core(path: Path = CORE) -> list[tuple[str, list[tuple[str, str]]]]:
    """(raw string, [(label, segment text)]) for every sequence."""
    out = []
    for seq in ET.parse(path).getroot().iter("sequence"):
        segs = [(child.tag, " ".join((child.text or "").split())) for child in seq]
        segs = [(t, s) for t, s in segs if s]
        out.append((" ".join(s for _, s in segs), segs))
    return out


def fingerprint(raw: str) -> str:
    """A string's letters and digits, case-folded: equal for copies that differ only in
    spacing, punctuation or case."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", raw).casefold() if ch.isalnum())


def extra_training(core: Core, paths: list[Path]) -> tuple[Core, int]:
    """Labelled strings of ``paths`` that do not repeat ``core`` (nor each other), and how
    many were dropped.

    A string is dropped when its fingerprint equals a core.xml string's, or when its gold
    title (25 characters or more) is a core.xml string's title: the same work cited in
    another style would still teach the model the words of a string it is scored on.
    """
    seen = {fingerprint(raw) for raw, _ in core}
    titles = {t for _, segs in core for t in [_title_key(segs)] if t}
    kept: Core = []
    dropped = 0
    for path in paths:
        for raw, segs in read_core(path):
            key, title = fingerprint(raw), _title_key(segs)
            if key in seen or (title and title in titles):
                dropped += 1
                continue
            seen.add(key)
            kept.append((raw, segs))
    return kept, dropped


def _title_key(segs: list[tuple[str, str]]) -> str | None:
    title = next((text for tag, text in segs if tag == "title"), "")
    key = fingerprint(title)
    return key if len(key) >= 25 else None


def heldout_split(core: Core, seed: int = 20261122) -> tuple[Core, Core]:
    """(development, held-out): every 5th string of a seeded shuffle is held out.

    Fixed before the 2026-11-22 feature/routing work: its errors were never looked at;
    features, lexicons and routing were chosen by 3-fold CV on the development part.
    """
    import random

    order = list(range(len(core)))
    random.Random(seed).shuffle(order)
    held = {i for j, i in enumerate(order) if j % 5 == 0}
    return ([c for i, c in enumerate(core) if i not in held],
            [c for i, c in enumerate(core) if i in held])


def heldout(core: Core, extra: Core) -> dict[str, dict[str, tuple[float, float, float, int]]]:
    """CRF and hybrid trained on the development part (and ``extra``), scored on the
    held-out part."""
    import tempfile

    from refs.io.freetext import crf

    dev, held = heldout_split(core)
    with tempfile.TemporaryDirectory() as tmp:
        model = crf.train(dev + extra, Path(tmp) / "dev.bin")
        data = [(raw, gold_fields(segs)) for raw, segs in held]
        out = {}
        for raw, _ in data:
            tokens, labels = crf.tag(raw, model)
            out[raw] = (crf.fields_from_labels(raw, tokens, labels),
                        parse_reference(raw, model=model).reference)
    return {"crf (held-out)": run("crf", lambda t: out[t][0], data),
            "hybrid (held-out)": run("hybrid", lambda t: out[t][1], data)}


def norm(text: str | None) -> str:
    """Case, accents, quotes, whitespace and edge punctuation folded."""
    if not text:
        return ""
    t = unicodedata.normalize("NFKC", clean(text)).casefold()
    t = re.sub(r"[“”\"‘’'«»*]", "", t)
    t = re.sub(r"^(?:in:?\s+)", "", t)
    return re.sub(r"\s+", " ", t).strip(" .,;:()[]")


def families(text: str | None, *, editors: bool = False) -> tuple[str, ...]:
    """Family names of a name segment (literal names kept whole)."""
    if not text or REPEATED_AUTHORS.match(text.strip()):
        return ()  # "———." repeats the previous entry's authors: no names of its own
    if editors:
        text = strip_role_words(text)
    text = text.strip(" ,;:")
    names, _ = parse_names(text, inverted_first=not natural_first(text))
    return tuple(norm(n.family or n.literal) for n in names)


def digits(text: str | None) -> str:
    return re.sub(r"[^0-9a-z]+", "-", norm(text)).strip("-") if text else ""


def gold_fields(segs: list[tuple[str, str]]) -> Gold:
    """The gold value of every scored field (None when the string does not have it)."""
    by: dict[str, str] = {}
    for tag, text in segs:
        by.setdefault(tag, text)
    # a gold volume segment may be Vancouver's whole "1994;2(4):" (one token): read it
    # as the parser reads the same run, so both sides agree on its year, volume, issue
    nums = read_volume(by.get("volume", ""))
    year = re.search(r"(1[5-9]\d\d|20\d\d)", by.get("date", "") or nums.year or "")
    pages = re.search(r"(\w*\d\w*)(?:\s*[-–—]+\s*(\w*\d\w*))?",
                      by.get("pages", "") or "-".join(filter(None, [nums.first, nums.last])))
    link = by.get("doi") or by.get("url")
    return {
        "author": families(by.get("author")) or None,
        "year": year.group(1) if year else None,
        "title": norm(by.get("title")) or None,
        "container": norm(by.get("journal") or by.get("container-title")) or None,
        "volume": nums.volume,
        "issue": nums.issue,
        # a short range (737-8) read whole, as the parser holds it (numbers.page_range):
        # both spellings name the same pages
        "pages": _whole(pages.group(1), pages.group(2)) if pages else None,
        "publisher": norm(by.get("publisher")) or None,
        "location": norm(by.get("location")) or None,
        "editor": families(by.get("editor"), editors=True) or None,
        "url/doi": _link(link),
    }


def _whole(first: str, last: str | None) -> str:
    got = page_range(first, last)
    return "-".join(p for p in (got.first, got.last) if p) if got else first


def _link(text: str | None) -> str | None:
    if not text:
        return None
    m = re.search(r"(10\.\d{4,9}/\S+)|((?:https?://|www\.)\S+)", text)
    return (m.group(1) or m.group(2)).rstrip(".,;)").lower() if m else None


def predicted_fields(ref: Reference) -> Gold:
    """The same fields read from a parsed Reference."""
    page = None
    if ref.page:
        page = "-".join(p for p in (ref.page.first, ref.page.last) if p)
    return {
        # "and others" (the parser's reading of "et al.") is no name, as in gold_fields
        "author": tuple(norm(n.family or n.literal) for n in ref.author if n != OTHERS) or None,
        "year": str(ref.year) if ref.year else None,
        "title": norm(ref.title) or None,
        "container": norm(ref.container_title or ref.collection_title) or None,
        "volume": digits(ref.volume) or None,
        "issue": digits(ref.issue or ref.number) or None,
        "pages": digits(page) or None,
        "publisher": norm(ref.publisher) or None,
        "location": norm(ref.publisher_place) or None,
        "editor": tuple(norm(n.family or n.literal) for n in ref.editor if n != OTHERS) or None,
        "url/doi": (ref.doi or (ref.url or "")).lower().rstrip(".,;)") or None,
    }


def score(pairs: list[tuple[Gold, Gold]]) -> dict[str, tuple[float, float, float, int]]:
    """Field -> (precision, recall, F1, gold count), exact match per string."""
    out = {}
    for f in FIELDS:
        tp = fp = fn = 0
        for gold, pred in pairs:
            g, p = gold[f], pred[f]
            if f == "pages" and isinstance(g, str) and isinstance(p, str):
                g, p = digits(g), p
            if p is not None and p == g:
                tp += 1
            else:
                fp += p is not None
                fn += g is not None
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[f] = (prec, rec, f1, sum(1 for g, _ in pairs if g[f] is not None))
    return out


def baseline(text: str) -> Reference:
    """Naive: split on '. '; author, title, container in that order; first year; first range."""
    parts = [p.strip() for p in re.split(r"\.\s+", text) if p.strip()]
    year = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", text)
    pages = re.search(r"\b(\d+)\s*[-–]\s*(\d+)\b", text)
    fields: dict[str, object] = {"title": parts[1] if len(parts) > 1 else None,
                                 "container_title": parts[2] if len(parts) > 2 else None}
    if parts:
        fields["author"] = parse_names(parts[0])[0]
    if year:
        fields["issued"] = {"year": int(year.group(1))}
    if pages:
        fields["page"] = {"first": pages.group(1), "last": pages.group(2)}
    return Reference(id="b", **{k: v for k, v in fields.items() if v})


def run(name: str, parse: Callable[[str], Reference], data: list[tuple[str, Gold]]
        ) -> dict[str, tuple[float, float, float, int]]:
    pairs = [(gold, predicted_fields(parse(text))) for text, gold in data]
    return score(pairs)


def table(results: dict[str, dict[str, tuple[float, float, float, int]]]) -> str:
    names = list(results)
    head = "| field | gold n | " + " | ".join(f"{n} P / R / F1" for n in names) + " |"
    rows = [head, "|---|---:|" + "---:|" * len(names)]
    for f in FIELDS:
        n = next(iter(results.values()))[f][3]
        cells = [f"{r[f][0]:.3f} / {r[f][1]:.3f} / **{r[f][2]:.3f}**" for r in results.values()]
        rows.append(f"| {f} | {n} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def learning_curve(core: Core, fractions: list[float], folds: int = 3,
                   extra: Core | None = None) -> None:
    """CRF (with its title-span model) F1 against the number of training strings.

    Development part only (the held-out 20 % stays unseen): ``folds``-fold CV in which
    each fold's model is trained on the first ``fraction`` of the other folds' strings.
    How fast F1 still rises with data says whether more labelled strings would help.
    With ``extra``, each fold's training set is all of the other folds plus the first
    ``fraction`` of ``extra`` instead.
    """
    import random
    import tempfile

    from refs.io.freetext import crf

    dev, _ = heldout_split(core)
    order = list(range(len(dev)))
    random.Random(0).shuffle(order)
    shuffled = list(extra or [])
    random.Random(1).shuffle(shuffled)
    print(f"learning curve: {folds}-fold CV on the {len(dev)} development strings")
    print("| training strings | " + " | ".join(FIELDS) + " |")
    print("|---:|" + "---:|" * len(FIELDS))
    for fraction in fractions:
        pairs: list[tuple[Gold, Gold]] = []
        size = 0
        with tempfile.TemporaryDirectory() as tmp:
            for k in range(folds):
                test = [i for j, i in enumerate(order) if j % folds == k]
                rest = [dev[i] for j, i in enumerate(order) if j % folds != k]
                train = (rest + shuffled[: int(len(shuffled) * fraction)] if extra
                         else rest[: int(len(rest) * fraction)])
                size = len(train)
                model = crf.train(train, Path(tmp) / f"lc{k}.bin")
                for i in test:
                    raw, segs = dev[i]
                    tokens, labels = crf.tag(raw, model)
                    pairs.append((gold_fields(segs),
                                  predicted_fields(crf.fields_from_labels(raw, tokens, labels))))
        scores = score(pairs)
        print(f"| {size} | " + " | ".join(f"{scores[f][2]:.3f}" for f in FIELDS) + " |")


def distinct_strings(core: Core, n: int, seed: int = 7) -> list[str]:
    """``n`` different strings in core.xml's shapes: each takes one string's segments and
    swaps in the author, title and container segments of other strings (seeded), so the
    timing does not ride on caches warmed by the same 1,514 strings over and over."""
    import random

    rng = random.Random(seed)
    pools: dict[str, list[str]] = {}
    for _, segs in core:
        for tag, text in segs:
            pools.setdefault(tag, []).append(text)
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        _, segs = core[rng.randrange(len(core))]
        parts = [rng.choice(pools[tag]) if tag in ("author", "title", "journal",
                                                   "container-title") else text
                 for tag, text in segs]
        text = " ".join(parts)
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="score only the first N strings")
    ap.add_argument("--folds", type=int, default=5, help="k for the CRF's cross-validation")
    ap.add_argument("--speed", type=int, default=10_000, help="strings for the timing run")
    ap.add_argument("--no-crf", action="store_true", help="skip the CRF (rules + baseline only)")
    ap.add_argument("--heldout", action="store_true",
                    help="also train on the development 80%% and score the held-out 20%%")
    ap.add_argument("--speed-only", action="store_true", help="only the timing runs")
    ap.add_argument("--learning-curve", action="store_true",
                    help="only F1 against training-set size (development part, 3-fold CV)")
    ap.add_argument("--extra", type=Path, action="append", default=[],
                    help="another AnyStyle-format XML file to train on (never scored)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="folds trained at once (separate processes)")
    args = ap.parse_args()
    core = read_core()
    if args.limit:
        core = core[: args.limit]
    extra: Core = []
    if args.extra and not args.speed_only:
        extra, dropped = extra_training(core, args.extra)
        print(f"extra training strings: {len(extra)} from {', '.join(map(str, args.extra))} "
              f"({dropped} dropped as repeats of core.xml or of each other); never scored\n")
    if args.learning_curve:
        learning_curve(core, [0.0, 0.25, 0.5, 1.0] if extra else [0.25, 0.5, 0.75, 1.0],
                       extra=extra)
        return
    if not args.speed_only:
        accuracy(core, args.folds, crf_too=not args.no_crf, held_out=args.heldout,
                 extra=extra, workers=args.workers)
    speed(core, args.speed)


def accuracy(core: Core, folds: int, *, crf_too: bool, held_out: bool, extra: Core,
             workers: int = 1) -> None:
    """The per-field tables: rules, CRF and hybrid (cross-validated), baseline."""
    data = [(raw, gold_fields(segs)) for raw, segs in core]
    # rules alone: parse_reference(style="auto") would consult the shipped CRF, which was
    # trained on all of core.xml -- an in-sample figure this benchmark must not print
    results = {"rules": run("rules", lambda t: parse_rules(t).reference, data)}
    if crf_too:
        from refs.io.freetext import crf

        # raw -> (crf ref, hybrid ref), each from a model trained without its fold
        cv = crf.cross_validate(core, folds=folds, extra=extra, workers=workers)
        results[f"crf ({folds}-fold CV)"] = run("crf", lambda t: cv[t][0], data)
        results[f"hybrid ({folds}-fold CV)"] = run("hybrid", lambda t: cv[t][1], data)
    results["baseline"] = run("baseline", baseline, data)
    print(f"AnyStyle core.xml: {len(data)} strings\n")
    print(table(results))
    best = max((k for k in results if k != "baseline"),
               key=lambda k: sum(results[k][f][2] for f in FIELDS))
    ratio = sum(results[best][f][2] for f in FIELDS) / max(
        1e-9, sum(results["baseline"][f][2] for f in FIELDS))
    print(f"\nmean F1 {best} / baseline: {ratio:.2f}x")
    if held_out and crf_too:
        held = heldout(core, extra)
        n = len(heldout_split(core)[1])
        print(f"\nheld-out: {n} strings, models trained on the other {len(core) - n}\n")
        print(table(held))


def speed(core: Core, n: int) -> None:
    """Parsing time for ``n`` strings: core.xml repeated, then distinct recombinations."""
    strings = [raw for raw, _ in core] * (n // max(1, len(core)) + 1)
    strings = strings[: n]
    # CPU time of this process: the box is shared, and wall time counts other people's jobs
    t0 = time.process_time()
    for s in strings:
        baseline(s)
    t_base = time.process_time() - t0
    w0, t0 = time.perf_counter(), time.process_time()
    for s in strings:
        parse_reference(s)
    t_parse, wall = time.process_time() - t0, time.perf_counter() - w0
    print(f"\nspeed: parse_reference (rules + shipped CRF) on {len(strings)} strings: "
          f"{t_parse:.2f} s CPU ({wall:.2f} s wall), {len(strings) / t_parse:,.0f}/s; "
          f"baseline {t_base:.2f} s CPU; ratio {t_parse / t_base:.1f}x the baseline's time")
    w0 = time.perf_counter()
    parse_all(strings)
    wall_all = time.perf_counter() - w0
    print(f"speed: parse_all (what refs import uses; {os.cpu_count()} worker processes) on "
          f"{len(strings)} strings: {wall_all:.2f} s wall, {len(strings) / wall_all:,.0f}/s")
    fresh = distinct_strings(core, n)
    w0, t0 = time.perf_counter(), time.process_time()
    for s in fresh:
        parse_reference(s)
    t_fresh, wall = time.process_time() - t0, time.perf_counter() - w0
    print(f"speed: parse_reference on {len(fresh)} distinct strings (core.xml's segments "
          f"recombined): {t_fresh:.2f} s CPU ({wall:.2f} s wall), {len(fresh) / t_fresh:,.0f}/s")
    w0 = time.perf_counter()
    parse_all(distinct_strings(core, n, seed=8))
    wall_all = time.perf_counter() - w0
    print(f"speed: parse_all on {n} other distinct strings: {wall_all:.2f} s wall")


if __name__ == "__main__":
    main()
