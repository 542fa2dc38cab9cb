"""Training and cross-validating the free-text CRF (refs.io.freetext.crf)."""

from __future__ import annotations

import pytest

from refs.io.freetext import crf

pytest.importorskip("pycrfsuite")

Labelled = tuple[str, list[tuple[str, str]]]


def _item(n: int) -> Labelled:
    segs = [("author", f"Author{n}, A."), ("date", f"({1990 + n})."),
            ("title", f"Title number {n} of things."), ("journal", f"Journal{n % 3}"),
            ("volume", f"{n}({n % 4 + 1}),"), ("pages", f"{n}-{n + 9}.")]
    return " ".join(t for _, t in segs), segs


DATA = [_item(n) for n in range(12)]
EXTRA = [_item(n) for n in range(100, 106)]


def test_cross_validation_scores_every_string_once_and_never_the_extra() -> None:
    """Each scored string gets a parse; extra training strings are never scored."""
    cv = crf.cross_validate(DATA, folds=3, extra=EXTRA)
    assert set(cv) == {raw for raw, _ in DATA}
    crf_ref, hybrid = cv[DATA[0][0]]
    assert crf_ref.title and hybrid.title


def test_parallel_folds_give_the_same_parses() -> None:
    """workers=2 trains folds in two processes; the parses are those of one process."""
    one = crf.cross_validate(DATA, folds=2, extra=EXTRA)
    two = crf.cross_validate(DATA, folds=2, extra=EXTRA, workers=2)
    assert {k: (a.model_dump(), b.model_dump()) for k, (a, b) in one.items()} == \
        {k: (a.model_dump(), b.model_dump()) for k, (a, b) in two.items()}


def test_training_labels_mark_where_each_field_begins() -> None:
    """The CRF learns B-/I- labels: a field's first token is B-, the rest I-, and two
    adjacent segments of one field still start apart."""
    tokens, labels = crf.token_labels([("author", "Smith, J."), ("title", "A title."),
                                       ("note", "One."), ("note", "Two.")], begins=True)
    assert tokens == ["Smith,", "J.", "A", "title.", "One.", "Two."]
    assert labels == ["B-author", "I-author", "B-title", "I-title", "B-note", "B-note"]
    assert crf.token_labels([("title", "A title.")])[1] == ["title"] * 2


def test_a_trained_model_is_read_as_fields(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The model file holds begin/inside labels; tag() and the marginals speak fields,
    and a field's marginal is the sum of its two labels' (so they still sum to 1)."""
    from refs.io.freetext.crf_features import sequence_features, tokenize

    model = crf.train(DATA, tmp_path / "m.bin", span_folds=0)
    raw = crf._open_tagger(str(model))
    assert {lab[:2] for lab in raw.labels()} == {"B-", "I-"}
    tokens, labels = crf.tag(DATA[0][0], model)
    assert set(labels) <= {"author", "date", "title", "journal", "volume", "pages"}
    assert labels[tokens.index("Title")] == "title"
    view = crf._tagger(str(model))
    assert sorted(view.labels()) == sorted({s for s, _ in DATA[0][1]})
    view.tag(sequence_features(tokenize(DATA[0][0])))
    for i in range(len(tokens)):
        assert sum(view.marginal(f, i) for f in view.labels()) == pytest.approx(1.0)
    assert view.marginal("publisher", 0) == 0.0  # a field the model never learnt


def test_a_model_of_plain_field_labels_still_reads(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Models trained before the begin/inside labels (plain field labels) read as before."""
    import pycrfsuite

    from refs.io.freetext.crf_features import sequence_features

    trainer = pycrfsuite.Trainer(verbose=False)
    for _, segs in DATA:
        tokens, labels = crf.token_labels(segs)
        trainer.append(sequence_features(tokens), labels)
    trainer.set_params(crf.PARAMS)
    trainer.train(str(tmp_path / "plain.bin"))
    tokens, labels = crf.tag(DATA[1][0], tmp_path / "plain.bin")
    assert labels[tokens.index("Title")] == "title"


@pytest.mark.parametrize("text", ["trans. Ann Lee", "translated by Ann Lee", "Ann Lee (trans.)",
                                  "Tr. Ann Lee", "Transl. by Ann Lee", "edited by Ann Lee,",
                                  "Edited and translated by Ann Lee.", "Ann Lee (ed. and trans.)",
                                  "In: Ann Lee (Hrsg.)", "(Ann Lee, ed.),", "[Ann Lee, ed.]",
                                  "Lee, Ann (ed.).", "(eds. Ann Lee)"])
def test_translator_and_editor_cues_are_not_names(text: str) -> None:
    """The words that announce a translator or editor are not part of the name, nor are
    the brackets around them or the stops they stood between (which used to give a given
    name "(Ann" or a family name ".")."""
    assert [(n.family, n.given) for n in crf._names(text, editors=True)] == [("Lee", "Ann")]
