"""Fit the matcher's weights by logistic regression and write ``src/refs/match/weights.py``.

Run (needs the ``train`` extra)::

    pip install -e '.[train]'
    python scripts/train_matcher.py            # fit on all of Cora + synthetic, write weights
    python scripts/train_matcher.py --dry-run  # print the table, write nothing

What is learned: every comparison names the situation of each field -- a *feature* such
as ``title:exact``, ``author:initials-clash``, ``volume:one-side``, ``venue:one-side``,
``type:conference|report`` (see :mod:`refs.match.fields`). Each candidate pair from
blocking becomes a row of 0/1 features; its label is whether the two records are one
work. An L2-regularised logistic regression gives one log-odds weight per feature and
an intercept, which is exactly the additive score :mod:`refs.match.similarity` computes,
so every weight stays visible in the evidence of a match.

Not learned: situations that mean "no information" (``...:missing``, ``...:neither``,
``type:same``) are the reference level and weigh 0; vetoed pairs and equal-DOI pairs
are decided by knowledge, not by weights, and are left out of the rows. Features seen in
fewer than ``--min-support`` pairs keep their hand-set weight (``HAND_WEIGHTS``).

Data: Cora (CS citations, labelled clusters; ``shared/data/cora``) plus synthetic
perturbed duplicates from ``benchmarks/dedupe_scale.py`` (other fields, other noise:
typos, initials, dropped fields, abbreviated journals, year +/-1) so that the weights
do not only fit Cora. The Cora figures in docs/benchmarks.md come from the grouped
cross-validation in ``benchmarks/dedupe_cora.py``, never from these shipped weights.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from refs.match.blocking import candidate_pairs  # noqa: E402
from refs.match.fields import HAND_WEIGHTS  # noqa: E402
from refs.match.normalize import Features, features  # noqa: E402
from refs.match.similarity import MatcherWeights, compare_features  # noqa: E402
from refs.model.reference import Reference  # noqa: E402

OUT = ROOT / "src" / "refs" / "match" / "weights.py"
#: weights every feature 0: comparing with it only collects the feature names
_NAMES_ONLY = MatcherWeights.of(0.0, {})
#: the regularisation strength (sklearn's C: smaller = stronger pull towards 0)
DEFAULT_C = 0.3
MIN_SUPPORT = 30
SYNTHETIC_SIZE = 4000
SYNTHETIC_SEED = 20261122


def is_reference_level(name: str) -> bool:
    """Features that mean "nothing known": weight 0 by definition, not a column."""
    return name.endswith((":missing", ":neither")) or name == "type:same"


#: each feature's verdict as seen in training (for the sign constraints of :func:`fit`)
VERDICTS: dict[str, str] = {}


def pair_row(a: Features, b: Features) -> list[str] | None:
    """The feature names of one pair, or None when knowledge decides it (veto, same DOI)."""
    r = compare_features(a, b, weights=_NAMES_ONLY)
    if any(e.verdict == "veto" for e in r.evidence) or r.evidence[0].verdict == "agree":
        return None
    out = []
    for e in r.evidence:
        if e.feature and not is_reference_level(e.feature):
            VERDICTS[e.feature] = e.verdict
            out.append(e.feature)
    return out


def labelled_pairs(feats: Sequence[Features], labels: Sequence[str]
                   ) -> list[tuple[int, int, list[str], int]]:
    """Every candidate pair from blocking that knowledge does not decide, labelled."""
    out = []
    for i, j in sorted(candidate_pairs(feats)):
        row = pair_row(feats[i], feats[j])
        if row is not None:
            out.append((i, j, row, int(labels[i] == labels[j])))
    return out


def synthetic() -> tuple[list[Features], list[str]]:
    """Synthetic works with perturbed duplicates, labelled by their original."""
    from dedupe_scale import build

    entries, gold = build(SYNTHETIC_SIZE, SYNTHETIC_SEED)
    labels = [f"s{i}" for i in range(len(entries))]
    for orig, dup in gold:
        labels[dup] = labels[orig]
    refs = [e for e in entries if isinstance(e, Reference)]
    return [features(r) for r in refs], labels


def cora(path: Path | None = None) -> tuple[list[Reference], list[str]]:
    """Cora's records and gold labels (see benchmarks/dedupe_cora.py)."""
    from dedupe_cora import DEFAULT_DATA, load

    return load(path or DEFAULT_DATA)


def sign_of(name: str, verdict: str) -> tuple[float | None, float | None]:
    """Bounds for a feature's weight: agreement never counts against a match, conflict
    or absence never for it.

    Keeps every learned weight readable in a report: a quirk of the data (same issue
    number correlated with some other field) cannot teach "same issue: less likely the
    same work".
    """
    return (0.0, None) if verdict == "agree" else (None, 0.0)


def fit(rows: Sequence[list[str]], y: Sequence[int], *, c: float = DEFAULT_C,
        min_support: int = MIN_SUPPORT, verdicts: dict[str, str] | None = None
        ) -> MatcherWeights:
    """Logistic regression on 0/1 feature rows -> an intercept and a weight per feature.

    L2-regularised (``c`` as in scikit-learn: smaller is stronger) and sign-constrained
    by each feature's verdict (:func:`sign_of`); solved with L-BFGS-B, which takes the
    bounds that scikit-learn's LogisticRegression does not.
    """
    import numpy as np
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    verdicts = verdicts or {}
    names = sorted({n for row in rows for n in row})
    col = {n: k for k, n in enumerate(names)}
    indptr, indices = [0], []
    for row in rows:
        indices.extend(col[n] for n in set(row))
        indptr.append(len(indices))
    x = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(names)))
    target = np.asarray(y, dtype=float)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        nll = float(np.sum(np.logaddexp(0.0, z) - target * z))
        err = 1.0 / (1.0 + np.exp(-z)) - target
        grad = np.concatenate([x.T @ err + w / c, [err.sum()]])
        return nll + float(w @ w) / (2 * c), grad

    bounds = [sign_of(n, verdicts.get(n, "conflict")) for n in names] + [(None, None)]
    res = minimize(loss, np.zeros(len(names) + 1), jac=True, method="L-BFGS-B",
                   bounds=bounds, options={"maxiter": 5000})
    support = np.asarray(x.sum(axis=0)).ravel()
    table = dict(HAND_WEIGHTS)
    for n, k in col.items():
        if support[k] >= min_support:
            table[n] = round(float(res.x[k]), 3)
    return MatcherWeights.of(round(float(res.x[-1]), 3), table)


def render(w: MatcherWeights, note: str) -> str:
    """The generated module's source."""
    lines = [
        '"""The matcher\'s learned weights. GENERATED by scripts/train_matcher.py: do not edit.',
        "",
        "Regenerate with ``pip install -e '.[train]' && python scripts/train_matcher.py``.",
        f"{note}",
        "Each weight is the log-odds a feature adds (see refs.match.fields for the names);",
        "features seen too rarely in training keep refs.match.fields.HAND_WEIGHTS.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        f"INTERCEPT = {w.intercept!r}",
        "WEIGHTS: dict[str, float] = {",
        *(f"    {k!r}: {v!r}," for k, v in sorted(w.table.items())),
        "}",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cora", type=Path, default=None)
    ap.add_argument("--c", type=float, default=DEFAULT_C)
    ap.add_argument("--no-synthetic", action="store_true")
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args(argv)
    refs, labels = cora(args.cora)
    rows = labelled_pairs([features(r) for r in refs], labels)
    if not args.no_synthetic:
        sf, sl = synthetic()
        rows += labelled_pairs(sf, sl)
    pos = sum(r[3] for r in rows)
    w = fit([r[2] for r in rows], [r[3] for r in rows], c=args.c, verdicts=VERDICTS)
    print(f"{len(rows)} training pairs ({pos} same work), intercept {w.intercept:+.3f}")
    for k, v in sorted(w.table.items(), key=lambda kv: kv[1]):
        print(f"  {k:<28} {v:+.3f}")
    if args.dry_run:
        return 0
    note = (f"Fitted {datetime.date.today()} on {len(rows)} candidate pairs ({pos} same work) "
            f"from Cora{'' if args.no_synthetic else ' + synthetic'}, C={args.c}.")
    OUT.write_text(render(w, note), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
