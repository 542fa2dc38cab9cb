"""The learned half of the free-text parser: a linear-chain CRF that labels tokens.

Why both rules and a model: rules read the styles they were written for exactly (the
seed tests hold them to every field), but real reference lists come in hundreds of
house styles; a CRF trained on AnyStyle's labelled strings (``core.xml``, BSD-2) reads
those. :func:`refs.io.freetext.parse_reference` keeps the rule parse when it is
confident and asks the CRF otherwise. The model ships in the package
(``crf_model.bin``, built by ``scripts/train_freetext_crf.py``); without
python-crfsuite or the model the rules work alone.
"""

from __future__ import annotations

import random
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from refs.io.freetext import title_span
from refs.io.freetext.clean import find_ids, parse_date_text, strip_punct
from refs.io.freetext.crf_features import sequence_features, tokenize
from refs.io.freetext.editors import book_in_editors
from refs.io.freetext.names import REPEATED_AUTHORS, parse_names, strip_role_words
from refs.io.freetext.numbers import page_range, read_volume
from refs.io.freetext.segment import natural_first
from refs.model.reference import Name, Reference
from refs.text.names import OTHERS

if TYPE_CHECKING:  # parser imports this module at call time; a runtime import would cycle
    from refs.io.freetext.parser import ParsedReference

__all__ = ["MODEL", "available", "cross_validate", "fields_from_labels", "tag", "train"]

#: the shipped model (trained on all of core.xml; figures come from cross-validation)
MODEL = Path(__file__).with_name("crf_model.bin")
#: training parameters (L1 keeps the model small; chosen a priori, not tuned on folds)
PARAMS = {"c1": 0.2, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}

Labelled = tuple[str, list[tuple[str, str]]]


class _Trainer(Protocol):
    """The part of ``pycrfsuite.Trainer`` used here."""

    def append(self, xseq: Sequence[list[str] | dict[str, float]], yseq: list[str]) -> None: ...
    def set_params(self, params: Mapping[str, object]) -> None: ...
    def train(self, model: str) -> None: ...


class _Tagger(Protocol):
    """The part of ``pycrfsuite.Tagger`` used here."""

    def open(self, name: str) -> object: ...
    def tag(self, xseq: list[list[str]]) -> list[str]: ...
    def marginal(self, y: str, pos: int) -> float: ...
    def labels(self) -> list[str]: ...
    def info(self) -> _ModelDump: ...


class _ModelDump(Protocol):
    """What ``Tagger.info()`` returns, as far as used here."""

    state_features: dict[tuple[str, str], float]


class _CRFSuite(Protocol):
    """The ``pycrfsuite`` module, as far as this wrapper uses it (its class names)."""

    def Trainer(self, *, verbose: bool) -> _Trainer: ...
    def Tagger(self) -> _Tagger: ...


def _pycrfsuite() -> _CRFSuite | None:
    try:
        import pycrfsuite  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - optional dependency missing
        return None
    # pycrfsuite is a Cython extension with no stubs, so mypy sees it as Any; this is the
    # one place that Any enters, and the protocols above give it the types used here
    module: _CRFSuite = pycrfsuite
    return module


@lru_cache(maxsize=1)
def available() -> bool:
    """True when python-crfsuite is installed and the model file is present."""
    return _pycrfsuite() is not None and MODEL.exists()


def token_labels(segments: Sequence[tuple[str, str]], *, begins: bool = False
                 ) -> tuple[list[str], list[str]]:
    """Tokens and their labels from gold (label, text) segments.

    With ``begins``, each label also says whether its token begins the segment
    (``B-title``) or goes on with it (``I-title``): the labels the CRF is trained on.
    """
    tokens: list[str] = []
    labels: list[str] = []
    for label, text in segments:
        for j, tok in enumerate(tokenize(text)):
            tokens.append(tok)
            labels.append((_BEGIN if j == 0 else _INSIDE) + label if begins else label)
    return tokens, labels


#: prefixes of the labels the CRF is trained on: a field's first token, and the rest
_BEGIN, _INSIDE = "B-", "I-"


def _field(label: str) -> str:
    """The field a CRF label belongs to (``B-title`` and ``I-title`` -> ``title``)."""
    return label[2:] if label[:2] in (_BEGIN, _INSIDE) else label


class _FieldTagger:
    """A tagger that speaks fields (``title``), over a CRF that labels where each
    field begins (``B-title``, ``I-title``).

    Why the CRF is trained on begin/inside labels: with one label of memory, a
    first-order CRF over plain field labels cannot tell "the title goes on" from "a
    new unit starts here" -- a title's last word and a container's first share one
    transition. Learning the begin label gives every boundary its own state: on
    3-fold CV inside core.xml's development strings (CRF alone) title F1 went from
    0.854 to 0.889 and container from 0.800 to 0.846. Everything downstream (the
    title-span model, fields, confidences) reads fields, so this view sums a field's
    two marginals and strips the prefixes. A model trained on plain labels (older
    files) passes through unchanged.
    """

    def __init__(self, tagger: _Tagger) -> None:
        self._tagger = tagger
        raw = list(tagger.labels())
        self._parts: dict[str, list[str]] = {}
        for lab in raw:
            self._parts.setdefault(_field(lab), []).append(lab)
        self._fields = list(self._parts)

    def open(self, name: str) -> object:
        return self._tagger.open(name)

    def tag(self, xseq: list[list[str]]) -> list[str]:
        return [_field(lab) for lab in self._tagger.tag(xseq)]

    def marginal(self, y: str, pos: int) -> float:
        parts = self._parts.get(y)
        if not parts:
            return 0.0
        return sum(self._tagger.marginal(lab, pos) for lab in parts)

    def labels(self) -> list[str]:
        return list(self._fields)

    def info(self) -> _ModelDump:
        return self._tagger.info()


def train(data: Iterable[Labelled], path: Path, *, span_folds: int = 3) -> Path:
    """Train a model on labelled strings and write it to ``path``.

    Also trains the title-span model (:mod:`refs.io.freetext.title_span`) beside it,
    on this CRF's mistakes as they look on strings it has not seen: ``span_folds``
    inner CRFs each label the part of ``data`` they were not trained on (0 skips the
    span model, and the CRF's titles stand as it labels them).
    """
    items = [d for d in data if token_labels(d[1])[0]]
    _train_crf(items, path)
    span_file = title_span.span_model_path(path)
    span_file.unlink(missing_ok=True)
    # a model retrained at the same path must not be served from the caches below
    for cached in (_tagger, _label_set, _span_model, title_span.load):
        cached.cache_clear()
    if span_folds > 1 and len(items) >= 2 * span_folds:
        _train_span_model(items, span_file, span_folds, path.parent)
    return path


def _train_crf(items: Sequence[Labelled], path: Path) -> None:
    crfsuite = _pycrfsuite()
    assert crfsuite is not None, "python-crfsuite is not installed"
    trainer = crfsuite.Trainer(verbose=False)
    for _, segments in items:
        tokens, labels = token_labels(segments, begins=True)
        trainer.append(sequence_features(tokens), labels)
    trainer.set_params(PARAMS)
    trainer.train(str(path))


def _train_span_model(items: Sequence[Labelled], out: Path, folds: int, tmp: Path) -> None:
    """Fit the span classifier on out-of-fold CRF labellings (a CRF labels its own
    training strings almost perfectly, so those would teach it nothing)."""
    crfsuite = _pycrfsuite()
    assert crfsuite is not None, "python-crfsuite is not installed"
    examples: list[title_span.Example] = []
    for k in range(folds):
        inner = tmp / f"{out.stem}.inner{k}.bin"
        _train_crf([d for i, d in enumerate(items) if i % folds != k], inner)
        tagger = _FieldTagger(_open_tagger(str(inner)))
        all_labels = tagger.labels()
        for i in range(k, len(items), folds):
            tokens, gold = token_labels(items[i][1])
            labels = list(tagger.tag(sequence_features(tokens)))
            examples += title_span.examples(tokens, labels, gold, tagger.marginal, all_labels)
        inner.unlink()
    trainer = crfsuite.Trainer(verbose=False)
    for feats, is_title in examples:
        trainer.append([feats], ["yes" if is_title else "no"])
    trainer.set_params(title_span.PARAMS)
    dump = tmp / f"{out.stem}.span.crfsuite"
    trainer.train(str(dump))
    title_span.from_state(_open_tagger(str(dump)).info().state_features).save(out)
    dump.unlink()


def _open_tagger(path: str) -> _Tagger:
    """A tagger on the model file at ``path`` (uncached: training opens throwaway files)."""
    crfsuite = _pycrfsuite()
    assert crfsuite is not None, "python-crfsuite is not installed"
    tagger = crfsuite.Tagger()
    tagger.open(path)
    return tagger


@lru_cache(maxsize=4)
def _tagger(path: str) -> _Tagger:
    """The model at ``path``, read as field labels (:class:`_FieldTagger`)."""
    return _FieldTagger(_open_tagger(path))


def tag(text: str, model: Path = MODEL) -> tuple[list[str], list[str]]:
    """Tokens of ``text`` and the label the model gives each."""
    tokens = tokenize(text)
    if not tokens:
        return [], []
    return tokens, _labels(tokens, model, _tagger(str(model)))


def _labels(tokens: list[str], model: Path, tagger: _Tagger) -> list[str]:
    """The CRF's labels, with the title's edges checked by the span model if it has one."""
    labels = list(tagger.tag(sequence_features(tokens)))
    span = _span_model(str(model))
    names = _label_set(str(model))
    if span is not None:
        labels = title_span.relabel(tokens, labels, tagger.marginal, names, span)
    labels = title_span.rescue(tokens, labels, tagger.marginal, names, span)
    labels = title_span.cut_open_parenthesis(tokens, labels, tagger.marginal, names)
    return book_after_editors(tokens, labels)


def book_after_editors(tokens: Sequence[str], labels: list[str]) -> list[str]:
    """``labels`` with a second title run read as the book's title (container-title),
    when editors or an "In" stand between the two runs and there is no container yet.

    Why: ``Beads on a string. In S. Keys (ed.) Idiosyncratic Person-Centred Therapy.``
    is a chapter and its book; the CRF labels both titles "title" (a book title looks
    like any other) and the second was dropped. Dev 3-fold CV: container +0.5 points.

    >>> book_after_editors("T. In X (ed.) B.".split(),
    ...                    ["title", "editor", "editor", "editor", "title"])[-1]
    'container-title'
    """
    if "container-title" in labels or "journal" in labels:
        return labels
    runs: list[tuple[str, int, int]] = []
    for i, lab in enumerate(labels):
        if runs and runs[-1][0] == lab:
            runs[-1] = (lab, runs[-1][1], i)
        else:
            runs.append((lab, i, i))
    titles = [r for r in runs if r[0] == "title"]
    if len(titles) < 2:
        return labels
    first, second = titles[0], titles[1]
    editors = any(r[0] == "editor" for r in runs if first[2] < r[1] < second[1])
    if not editors and tokens[second[1]].lower() not in ("in", "in:"):
        return labels
    return [("container-title" if second[1] <= i <= second[2] else lab)
            for i, lab in enumerate(labels)]


@lru_cache(maxsize=4)
def _label_set(path: str) -> tuple[str, ...]:
    return tuple(_tagger(path).labels())


@lru_cache(maxsize=4)
def _span_model(path: str) -> title_span.SpanModel | None:
    """The span model beside the CRF model at ``path``, looked up once per model, not
    once per string."""
    return title_span.load(title_span.span_model_path(Path(path)))


def _segments(tokens: list[str], labels: list[str]) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    prev = None
    for tok, lab in zip(tokens, labels, strict=True):
        if lab != prev and lab in out:
            lab = f"{lab}#2"  # a second run of the same label is kept apart
        out.setdefault(lab, []).append(tok)
        prev = lab
    return {k: " ".join(v) for k, v in out.items()}


def _names(text: str | None, editors: bool = False) -> list[Name]:
    if not text:
        return []
    if editors:
        text = strip_role_words(text)
    text = text.strip(" ,;:")  # a final "." may be an initial's; parse_names decides
    return parse_names(text, inverted_first=not natural_first(text))[0]


def _repeats(seg: dict[str, str]) -> bool:
    """Is the author segment a repeated-author mark ("———.")? Then it names nobody."""
    return bool(REPEATED_AUTHORS.match(seg.get("author", "x").strip()))


def fields_from_labels(text: str, tokens: list[str], labels: list[str]) -> Reference:
    """Build a Reference from labelled tokens."""
    seg = book_in_editors(_edited_book(text, _segments(tokens, labels)))
    url, doi = find_ids(text)
    nums = read_volume(seg.get("volume", ""))
    pm = re.search(r"(\w*\d\w*)(?:\s*[-–—]+\s*(\w*\d\w*))?", seg.get("pages", ""))
    page = page_range(pm.group(1), pm.group(2)) if pm else page_range(nums.first, nums.last)
    container = seg.get("journal") or seg.get("container-title")
    if container:  # IEEE writes "in Proc. ...": a lower-case "in" never starts a name
        container = re.sub(r"^(?:In:?|in:?)\s+", "", container)
    title = strip_punct(re.sub(r"[“”\"]|^[‘']|[’']$", "", seg.get("title", "")))
    authors = [] if _repeats(seg) else _names(seg.get("author"))
    if authors and re.search(r"\bet\.? al", seg.get("author", "")):
        authors.append(OTHERS)  # the list was cut short: BibTeX's "and others", as the rules
    date = parse_date_text(seg.get("date", "")) if seg.get("date") else None
    if date is None and nums.year:  # Vancouver's 2012;30(15): was labelled as the volume
        date = parse_date_text(nums.year)
    f: dict[str, object] = {
        "author": authors,
        "editor": _names(seg.get("editor"), editors=True),
        "translator": _names(seg.get("translator"), editors=True),
        "title": title or None,
        "container_title": strip_punct(container) or None,
        "collection_title": strip_punct(seg.get("collection-title")) or None,
        "issued": date,
        "volume": nums.volume,
        "issue": nums.issue,
        "page": page,
        "publisher": strip_punct(seg.get("publisher")) or None,
        "publisher_place": strip_punct(seg.get("location")) or None,
        "edition": strip_punct(seg.get("edition")) or None,
        "genre": strip_punct(seg.get("genre")) or None,
        "url": url, "doi": doi.lower() if doi else None,
    }
    f["type"] = _type(f, seg)
    return Reference(id="tmp", **{k: v for k, v in f.items() if v})


def _edited_book(text: str, seg: dict[str, str]) -> dict[str, str]:
    """Editors and a "container" but no title is an edited book whose title the CRF took
    for the book a chapter is in (``Tester, Keith, ed. The Flâneur. London: ...``): every
    reference has a title, and without one there is no chapter to be in. Not when the
    string opens with "In" (``In Wrobel, S. (Ed.), Proceedings ...``): that is a chapter
    whose own title is missing. Dev 3-fold CV: title +0.2, container +0.4 points."""
    book = seg.get("container-title", "")
    if ("title" in seg or "journal" in seg or "editor" not in seg or not book
            or re.match(r"\s*in\b", book, re.I) or re.match(r"\s*in\b", text, re.I)):
        return seg
    out = {k: v for k, v in seg.items() if k != "container-title"}
    out["title"] = book
    return out


def _type(f: dict[str, object], seg: dict[str, str]) -> str:
    genre = (seg.get("genre", "") + " " + seg.get("note", "")).lower()
    if re.search(r"thesis|dissertation", genre):
        return "thesis"
    if f["container_title"]:
        part_of = re.match(r"\s*[Ii]n\b", seg.get("container-title", "")) or \
            re.match(r"\s*in\s", seg.get("journal", ""))  # IEEE's "in Proc. ..."
        if f["editor"] or part_of:
            return "paper-conference" if re.search(r"Proc|Conf|Symp|Workshop|Congress|Meeting",
                                                  str(f["container_title"])) else "chapter"
        return "article-journal" if "journal" in seg or f["volume"] else "chapter"
    if f["publisher"]:
        return "report" if re.search(r"report", genre) else "book"
    return "webpage" if f["url"] else "document"


def cross_validate(data: Sequence[Labelled], folds: int = 5, seed: int = 0, *,
                   extra: Sequence[Labelled] = (), workers: int = 1
                   ) -> dict[str, tuple[Reference, Reference]]:
    """raw string -> (CRF parse, hybrid parse), each from a model that never saw it.

    ``extra`` labelled strings join every fold's training set and are never scored: that
    is how a model trained on more than the scored file is measured on it fairly (the
    caller keeps strings that repeat the scored ones out of ``extra``). ``workers`` > 1
    trains that many folds at once in separate processes; the figures do not change.
    """
    order = list(range(len(data)))
    random.Random(seed).shuffle(order)
    jobs = []
    for k in range(folds):
        test = {i for j, i in enumerate(order) if j % folds == k}
        train_set = [data[i] for i in order if i not in test] + list(extra)
        jobs.append((train_set, [data[i][0] for i in sorted(test)], k))
    out: dict[str, tuple[Reference, Reference]] = {}
    if workers > 1 and folds > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(workers, folds)) as pool:
            for part in pool.map(_fold, *zip(*jobs, strict=True)):
                out.update(part)
    else:
        for job in jobs:
            out.update(_fold(*job))
    return out


def _fold(train_set: Sequence[Labelled], test: Sequence[str], k: int
          ) -> dict[str, tuple[Reference, Reference]]:
    """One fold of :func:`cross_validate` (top-level, so a worker process can run it)."""
    from refs.io.freetext.parser import parse_reference

    out: dict[str, tuple[Reference, Reference]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        model = train(train_set, Path(tmp) / f"f{k}.bin")
        for text in test:
            tokens, labels = tag(text, model)
            out[text] = (fields_from_labels(text, tokens, labels),
                         parse_reference(text, model=model).reference)
    return out


def parse(text: str, model: Path = MODEL) -> ParsedReference:
    """A :class:`~refs.io.freetext.parser.ParsedReference` from the CRF, with each field's
    confidence the mean marginal probability of its tokens' labels."""
    from refs.io.freetext.parser import ParsedReference

    tokens = tokenize(text)
    if not tokens:
        return ParsedReference(Reference(id="tmp"), {}, "crf", None, [], text)
    tagger = _tagger(str(model))
    labels = _labels(tokens, model, tagger)
    # confidence of a field: the marginal probability of its label at the middle token of
    # its first run (one forward-backward lookup per field keeps 10,000 strings < 10 s)
    runs: dict[str, list[int]] = {}
    for i, lab in enumerate(labels):
        if lab not in runs or (runs[lab][-1] == i - 1):
            runs.setdefault(lab, []).append(i)
    probs = {lab: [tagger.marginal(lab, idx[len(idx) // 2])] for lab, idx in runs.items()}
    ref = fields_from_labels(text, tokens, labels)
    field_of = {"author": "author", "editor": "editor", "title": "title", "date": "issued",
                "journal": "container_title", "container-title": "container_title",
                "volume": "volume", "pages": "page", "publisher": "publisher",
                "location": "publisher_place", "collection-title": "collection_title"}
    conf = {field_of[k]: round(sum(v) / len(v), 3) for k, v in probs.items() if k in field_of
            and getattr(ref, field_of[k])}
    conf["type"] = 0.6
    leftover = [" ".join(t for t, lab in zip(tokens, labels, strict=True) if lab == "note")]
    return ParsedReference(ref, conf, "crf", None, [x for x in leftover if x], text,
                           repeats_authors=_repeats(_segments(tokens, labels)))
