"""Deduplication speed, memory and accuracy on synthetic libraries with known duplicates.

Run: ``python benchmarks/dedupe_scale.py [--sizes 10000,30000,100000] [--seed 7]``

For each size n the script builds, in a fresh subprocess (so peak memory is per run),
a library of n References: 90% distinct works and 10% perturbed copies of them
(typos and case changes in titles, subtitles dropped, given names cut to initials,
author order swapped, fields missing, journal names abbreviated, years off by one).
It times :func:`refs.dedupe.find_duplicates` (features + blocking + matching +
clustering), reads the peak RSS, and scores the clusters against the known pairs.
The baseline, measured in the same run, groups records by folded title + year
(the exact method); the number of candidate pairs is compared with all n(n-1)/2
pairs. Finally it fits time ~ n^k by least squares on log-log and prints k.

The generator is this script's own (not ``benchmarks/synth.py``) because it must
know which records are duplicates of which, and its titles draw from a 6,000-word
vocabulary with Zipf-like frequencies (a few words everywhere, most rare, as in real
titles) rather than synth's 38 words, with which unrelated 100k titles would collide
far more than in any real library.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

SYLLABLES = [
    "ka", "za", "ru", "mo", "ne", "li", "ta", "so", "vi", "ex", "pan", "ter", "dom", "gar",
    "lin", "ost", "rem", "bal", "cor", "fin", "hal", "mir", "nor", "pol", "qua", "sel", "tun",
    "vor", "wen", "yas", "zel", "bor", "dri", "fle", "gro", "kle", "pra", "sta", "tro", "an",
    "el", "in", "on", "ul", "ar", "er", "ir", "or", "ur",
]
JOURNALS = [("Journal of Eurasian Studies", "J. Eurasian Stud."),
            ("Central Asian Survey", "Cent. Asian Surv."),
            ("Europe-Asia Studies", "Eur.-Asia Stud."),
            ("Post-Soviet Affairs", "Post-Sov. Aff."),
            ("International Affairs", "Int. Aff."),
            ("Journal of Peace Research", "J. Peace Res."),
            ("Problems of Post-Communism", "Probl. Post-Communism"),
            ("Security Dialogue", "Secur. Dialogue")]
GIVENS = ["Yelena", "Murat", "Michael", "Anna", "Martha", "Alexander", "Nargis", "Li",
          "Hiroshi", "Eve", "Sergei", "Aigerim", "Paul", "Carla", "Dmitri", "Sofia"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def _vocab(rng: random.Random, size: int) -> list[str]:
    return list(dict.fromkeys(_word(rng) for _ in range(size * 2)))[:size]  # ordered: reproducible


def _typo(rng: random.Random, s: str) -> str:
    if len(s) < 4:
        return s
    i = rng.randrange(1, len(s) - 2)
    op = rng.randrange(3)
    if op == 0:
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    if op == 1:
        return s[:i] + s[i + 1:]
    return s[:i] + rng.choice("aeiourstn") + s[i:]


def build(n: int, seed: int) -> tuple[list[object], list[tuple[int, int]]]:
    """n References (10% perturbed duplicates) and the gold (original, duplicate) pairs."""
    from refs.model.reference import DateParts, Name, PageRange, Reference

    rng = random.Random(seed)
    words = _vocab(rng, 6000)
    #: Zipf-like word frequencies, as in real titles: a few words are everywhere
    zipf = [1.0 / (rank + 1) for rank in range(len(words))]
    families = [w.capitalize() for w in _vocab(rng, 4000)]

    def phrase(k: int) -> str:
        return " ".join(rng.choices(words, weights=zipf, k=k))

    n_dup = n // 10
    originals = []
    for i in range(n - n_dup):
        title = phrase(rng.randint(3, 9)).capitalize()
        if rng.random() < 0.4:
            title += ": " + phrase(rng.randint(2, 5))
        authors = [Name(family=rng.choice(families), given=rng.choice(GIVENS))
                   for _ in range(rng.choice([1, 1, 2, 2, 3, 4]))]
        year = rng.randint(1960, 2024)
        kind = rng.random()
        fields: dict[str, object] = {"id": f"w{i}", "title": title, "author": authors,
                                     "issued": DateParts(year=year)}
        if kind < 0.6:
            journal = rng.choice(JOURNALS)[0]
            first = rng.randint(1, 900)
            fields.update(type="article-journal", container_title=journal,
                          volume=str(rng.randint(1, 60)), issue=str(rng.randint(1, 6)),
                          page=PageRange(first=str(first), last=str(first + rng.randint(5, 40))))
            if rng.random() < 0.6:
                fields["doi"] = f"10.{rng.randint(1000, 9999)}/x.{year}.{i}"
        elif kind < 0.85:
            fields.update(type="book", publisher=rng.choice(["Routledge", "Springer", "OUP"]))
        else:
            fields.update(type="paper-conference",
                          container_title="Proceedings of " + rng.choice(words).capitalize())
        originals.append(Reference(**fields))
    entries: list[object] = list(originals)
    gold = []
    for d in range(n_dup):
        src_i = rng.randrange(len(originals))
        src = originals[src_i]
        upd: dict[str, object] = {"id": f"d{d}"}
        for op in rng.sample(range(8), rng.randint(1, 3)):
            if op == 0 and src.title:
                upd["title"] = _typo(rng, str(upd.get("title", src.title)))
            elif op == 1 and src.title:
                t = str(upd.get("title", src.title))
                upd["title"] = t.upper() if rng.random() < 0.5 else t.lower()
            elif op == 2 and src.title and ":" in src.title:
                upd["title"] = src.title.split(":")[0]
            elif op == 3:
                upd["author"] = [a.model_copy(update={"given": (a.given or "X")[0] + "."})
                                 for a in src.author]
            elif op == 4 and len(src.author) > 1:
                upd["author"] = [src.author[1], src.author[0], *src.author[2:]]
            elif op == 5:
                upd[rng.choice(["doi", "page", "volume", "issue", "container_title",
                                "publisher"])] = None
            elif op == 6 and src.container_title:
                abbrev = dict(JOURNALS).get(src.container_title)
                if abbrev:
                    upd["container_title"] = abbrev
            elif op == 7 and src.year and src.doi is None:
                upd["issued"] = DateParts(year=src.year + rng.choice([-1, 1]))
        entries.append(src.model_copy(update=upd))
        gold.append((src_i, len(entries) - 1))
    return entries, gold


def _pairs_of(groups: list[list[int]]) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for g in groups:
        s = sorted(g)
        out.update((a, b) for k, a in enumerate(s) for b in s[k + 1:])
    return out


def _closure(gold: list[tuple[int, int]]) -> set[tuple[int, int]]:
    groups: dict[int, set[int]] = defaultdict(set)
    for a, b in gold:
        groups[a].update({a, b})
    return _pairs_of([list(g) for g in groups.values()])


def run_one(n: int, seed: int) -> dict[str, float]:
    """Measure one size (called in a subprocess)."""
    from refs.dedupe import find_duplicates
    from refs.match.blocking import candidate_pairs
    from refs.match.normalize import features, fold

    entries, gold = build(n, seed)
    truth = _closure(gold)
    t0, c0 = time.perf_counter(), time.process_time()
    clusters = find_duplicates(entries)  # type: ignore[arg-type]
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pred = _pairs_of([list(c.indices) for c in clusters])
    t1 = time.perf_counter()
    by_key: dict[tuple[str, int | None], list[int]] = defaultdict(list)
    for i, e in enumerate(entries):
        by_key[(fold(e.title), e.year)].append(i)  # type: ignore[attr-defined]
    base_secs = time.perf_counter() - t1
    base = _pairs_of([g for g in by_key.values() if len(g) > 1])
    n_cand = len(candidate_pairs([features(e) for e in entries]))  # type: ignore[arg-type]
    return {
        "n": n, "secs": secs, "cpu": cpu, "peak_mb": peak_mb,
        "precision": len(pred & truth) / len(pred) if pred else 1.0,
        "recall": len(pred & truth) / len(truth),
        "base_secs": base_secs,
        "base_precision": len(base & truth) / len(base) if base else 1.0,
        "base_recall": len(base & truth) / len(truth),
        "candidates": n_cand, "all_pairs": n * (n - 1) // 2,
    }


def _exponent(rows: list[dict[str, float]], key: str) -> float:
    """k in time ~ n^k, fitted by least squares on log-log."""
    xs = [math.log(r["n"]) for r in rows]
    ys = [math.log(r[key]) for r in rows]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,30000,100000")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.seed)))
        return 0
    rows = []
    for n in [int(x) for x in args.sizes.split(",")]:
        proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--one", str(n),
                               "--seed", str(args.seed)], capture_output=True, text=True,
                              check=True)
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        rows.append(r)
        print(f"n={n:>6}: {r['secs']:6.2f}s wall ({r['cpu']:.2f}s CPU), "
              f"peak RSS {r['peak_mb']:6.0f} MB | "
              f"P={r['precision']:.4f} R={r['recall']:.4f} | baseline title+year: "
              f"P={r['base_precision']:.4f} R={r['base_recall']:.4f} ({r['base_secs']:.2f}s) | "
              f"candidate pairs {r['candidates']} = {r['candidates'] / r['all_pairs']:.2e} "
              f"of all pairs", flush=True)
    if len(rows) >= 2:
        k, k_cpu = _exponent(rows, "secs"), _exponent(rows, "cpu")
        print(f"wall time ~ n^{k:.2f}, CPU time ~ n^{k_cpu:.2f} (least squares on log-log "
              f"over {len(rows)} sizes); load average while running: "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        last = rows[-1]
        print(f"recall vs baseline at n={last['n']}: x{last['recall'] / last['base_recall']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
