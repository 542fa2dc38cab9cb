"""The title-span second look: candidates, relabelling, the classifier's weights, training."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refs.io.freetext import crf, title_span
from refs.io.freetext.title_span import SpanModel, candidates, first_run, relabel

LABELS = ("author", "date", "title", "journal", "volume", "pages", "publisher")

TOKENS = ["Nadasdy", "P", "(2007)", "Adaptive", "co-management", "and", "resilience.",
          "In", "Adaptive", "Governance.", "UBC", "Press."]
CRF_LABELS = ["author", "author", "date", "title", "title", "title", "title", "title", "title",
              "title", "publisher", "publisher"]


def _marginal(labels: list[str], sure: float) -> title_span.Marginal:
    """A CRF that believes its own labels with probability ``sure``."""
    def marginal(label: str, i: int) -> float:
        if labels[i] == label:
            return sure
        return (1 - sure) / (len(LABELS) - 1) * (2 if label == "journal" else 1)
    return marginal


def test_first_run() -> None:
    assert first_run(["author", "title", "title", "date", "title"]) == (1, 2)
    assert first_run(["author", "date"]) is None
    assert first_run(["title"]) == (0, 0)


def test_candidates_hold_the_crf_span_and_punctuation_edges() -> None:
    spans = candidates(TOKENS, (3, 9))
    assert (3, 9) in spans
    assert (3, 6) in spans  # ends at 'resilience.'
    assert all(s <= e for s, e in spans)
    # every other end is a token ending in punctuation, or the last token
    punct = {i for i, t in enumerate(TOKENS) if t[-1] in ".,:;?!)"}
    assert {e for _, e in spans} <= {9, len(TOKENS) - 1} | punct


def test_relabel_moves_the_title_and_gives_the_rest_their_next_label() -> None:
    # a model that likes spans ending at a unit's full stop and dislikes "In" after one
    model = SpanModel({"ends_unit": 1.0, "next_in": 5.0, "is_crf": 0.5, "inner_ends": -3.0,
                       "start_crf": 2.0})
    out = relabel(TOKENS, list(CRF_LABELS), _marginal(CRF_LABELS, 0.6), LABELS, model)
    assert out[3:7] == ["title"] * 4
    assert out[7:10] == ["journal"] * 3  # the next likeliest label of the cut-off tokens
    assert out[:3] == CRF_LABELS[:3] and out[10:] == CRF_LABELS[10:]


def test_a_title_that_opens_a_parenthesis_and_never_closes_it_ends_before_it() -> None:
    """``Title (5. Ed.). Place: ...``: the parenthesis is the edition, not the title's."""
    tokens = ["Gil,", "A.", "(2010).", "Projetos", "de", "pesquisa", "(5.", "Ed.).",
              "São", "Paulo:", "Atlas."]
    labels = ["author", "author", "date", "title", "title", "title", "title", "volume",
              "publisher", "publisher", "publisher"]
    out = title_span.cut_open_parenthesis(tokens, labels, _marginal(labels, 0.6), LABELS)
    assert out[3:6] == ["title"] * 3
    assert out[6] == "journal"  # the cut token's next likeliest label
    assert out[:3] == labels[:3] and out[7:] == labels[7:]


@pytest.mark.parametrize("words", [
    ["Lasers", "(and", "masers)", "today."],  # closed inside the title
    ["(Re)reading", "the", "steppe"],  # opens the title itself
    ["Lasers", "and", "masers"],  # no parenthesis
    ["Lasers", "and", "masers", "(2nd", "ed.)"],  # closed: left to the span model
])
def test_balanced_or_opening_parentheses_leave_the_title_alone(words: list[str]) -> None:
    labels = ["title"] * len(words)
    assert title_span.cut_open_parenthesis(words, labels, _marginal(labels, 0.6),
                                           LABELS) == labels


def test_sure_edges_are_not_second_guessed() -> None:
    model = SpanModel({"ends_unit": 1.0, "next_in": 5.0, "inner_ends": -3.0})
    labels = list(CRF_LABELS)
    assert relabel(TOKENS, labels, _marginal(CRF_LABELS, 0.999), LABELS, model) == CRF_LABELS


def test_no_title_no_change() -> None:
    labels = ["author", "date", "journal"]
    model = SpanModel({"bias": 1.0})
    assert relabel(["A.", "2000.", "J."], labels, _marginal(labels, 0.5), LABELS, model) == labels


def _fixed(p_title: list[float]) -> title_span.Marginal:
    """A CRF whose P(title) per token is ``p_title`` (the rest on "author")."""
    def marginal(label: str, i: int) -> float:
        return p_title[i] if label == "title" else (1 - p_title[i]) if label == "author" else 0.0
    return marginal


SOKOL = ["Sokol,", "B.", "J.,", "and", "Mary", "Sokol.", "Shakespeare,", "Law,", "and",
         "Marriage.", "Cambridge:", "CUP,", "2003."]
SOKOL_LABELS = ["author"] * 10 + ["location", "publisher", "date"]
SOKOL_P = [0.0, 0.0, 0.0, 0.0, 0.05, 0.1, 0.35, 0.4, 0.4, 0.3, 0.0, 0.0, 0.0]


def test_rescue_finds_the_title_the_crf_ran_the_authors_into() -> None:
    """No title in the CRF's labels, but its marginals point at one: the run around the
    likeliest title token (P at least half of the top) becomes the title."""
    out = title_span.rescue(SOKOL, list(SOKOL_LABELS), _fixed(SOKOL_P), LABELS, None)
    assert out[6:10] == ["title"] * 4
    assert out[:6] == SOKOL_LABELS[:6] and out[10:] == SOKOL_LABELS[10:]


def test_rescue_lets_the_span_model_set_the_edges() -> None:
    """The seeded run goes through the span model like a title the CRF found."""
    model = SpanModel({"mean": 10.0, "ends_unit": 2.0, "inner_ends": -3.0})
    p = [*SOKOL_P[:9], 0.1, *SOKOL_P[10:]]  # the seed stops short of "Marriage."
    out = title_span.rescue(SOKOL, list(SOKOL_LABELS), _fixed(p), LABELS, model)
    assert first_run(out) == (6, 9)


def test_rescue_leaves_a_string_with_a_title_or_with_no_likely_one() -> None:
    labels = list(SOKOL_LABELS)
    labels[7] = "title"
    assert title_span.rescue(SOKOL, labels, _fixed(SOKOL_P), LABELS, None) == labels
    faint = [min(x, 0.15) for x in SOKOL_P]
    assert title_span.rescue(SOKOL, list(SOKOL_LABELS), _fixed(faint), LABELS,
                             None) == SOKOL_LABELS


@pytest.mark.parametrize(("tokens", "labels", "book"), [
    # editors between the runs: the second is the book a chapter is in
    (["Beads", "on", "a", "string.", "In", "S.", "Keys", "(ed.)", "Idiosyncratic", "Therapy.",
      "PCCS."],
     ["title"] * 4 + ["editor"] * 4 + ["title"] * 2 + ["publisher"], (8, 9)),
    # "in" opening the second run (Chicago's "in College and ..., eds. ...")
    (["Science,", "(2011)", "in", "College", "and", "Community"],
     ["title", "date", "title", "title", "title", "title"], (2, 5)),
])
def test_a_second_title_after_editors_or_in_is_the_book(tokens: list[str], labels: list[str],
                                                       book: tuple[int, int]) -> None:
    out = crf.book_after_editors(tokens, labels)
    assert [i for i, lab in enumerate(out) if lab == "container-title"] == list(
        range(book[0], book[1] + 1))
    assert first_run(out) == first_run(labels)


@pytest.mark.parametrize(("tokens", "labels"), [
    # a volume between the runs, not editors: "Der Steppenwolf. Vol. 4 of Gesammelte ..."
    (["Der", "Steppenwolf.", "Vol.", "4", "of", "Dichtungen."],
     ["title", "title", "volume", "volume", "title", "title"]),
    # a container already read: the second run is left as it is
    (["Animal", "subjectivity.", "Psyche,", "4(3).", "[see", "also", "Replies]"],
     ["title", "title", "journal", "volume", "title", "title", "title"]),
])
def test_other_second_title_runs_are_left_alone(tokens: list[str], labels: list[str]) -> None:
    assert crf.book_after_editors(tokens, labels) == labels


def test_from_state_takes_yes_minus_no_and_prunes() -> None:
    state = {("a", "yes"): 0.7, ("a", "no"): -0.3, ("b", "yes"): 0.004, ("c", "no"): 0.5}
    model = title_span.from_state(state)
    assert model.weights == {"a": 1.0, "c": -0.5}
    assert model.score({"a": 2.0, "c": 1.0, "z": 9.0}) == pytest.approx(1.5)


def test_save_and_load(tmp_path: Path) -> None:
    path = tmp_path / "m_title_span.json"
    assert title_span.load(path) is None
    SpanModel({"bias": -1.5, "next_in": 2.0}).save(path)
    title_span.load.cache_clear()
    assert title_span.load(path) == SpanModel({"bias": -1.5, "next_in": 2.0})


def test_span_model_sits_beside_its_crf_model() -> None:
    assert title_span.span_model_path(Path("/x/crf_model.bin")) == Path(
        "/x/crf_model_title_span.json")
    assert title_span.span_model_path(crf.MODEL).is_file()  # the shipped one


_label = st.sampled_from(LABELS)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Word", "word.", "Word,", "In", "“Quote", "end.”",
                                           "12", "2001.", "pp.", "A."]), _label),
                min_size=1, max_size=30),
       st.floats(min_value=0.3, max_value=0.99))
def test_relabel_keeps_what_it_does_not_move(seq: list[tuple[str, str]], sure: float) -> None:
    """Whatever the shipped model decides: same length, one title run where there was
    one, and every token outside the old and new title keeps its label."""
    tokens = [t for t, _ in seq]
    labels = [lab for _, lab in seq]
    model = title_span.load(title_span.span_model_path(crf.MODEL))
    assert model is not None
    out = relabel(tokens, list(labels), _marginal(labels, sure), LABELS, model)
    assert len(out) == len(labels)
    old, new = first_run(labels), first_run(out)
    assert (old is None) == (new is None)
    if old is not None and new is not None:
        moved = set(range(old[0], old[1] + 1)) | set(range(new[0], new[1] + 1))
        assert all(out[i] == labels[i] for i in range(len(out))
                   if i not in moved and labels[i] != "title")
        assert all(out[i] == "title" for i in range(new[0], new[1] + 1))


def _labelled(n: int) -> list[tuple[str, list[tuple[str, str]]]]:
    """Small labelled strings in two shapes, enough to train both models."""
    out = []
    for i in range(n):
        fam, year, words = f"Family{i % 7}", str(1990 + i % 30), f"Study number {i} of things."
        if i % 2:
            segs = [("author", f"{fam}, A."), ("date", f"({year})."), ("title", words),
                    ("journal", f"Journal {i % 5},"), ("volume", f"{i % 40}(2),"),
                    ("pages", "10-20.")]
        else:
            segs = [("author", f"{fam}, B."), ("title", f"“{words}”"), ("publisher", "Press,"),
                    ("date", f"{year}.")]
        out.append((" ".join(t for _, t in segs), segs))
    return out


def test_train_writes_both_models_and_tag_uses_them(tmp_path: Path) -> None:
    path = crf.train(_labelled(30), tmp_path / "small.bin")
    span_file = title_span.span_model_path(path)
    assert path.is_file() and span_file.is_file()
    tokens, labels = crf.tag("Family3, A. (2003). Study number 3 of things. Journal 3, 3(2), "
                             "10-20.", path)
    assert len(tokens) == len(labels)
    assert first_run(labels) is not None


def test_train_without_span_model_removes_a_stale_one(tmp_path: Path) -> None:
    path = tmp_path / "small.bin"
    stale = title_span.span_model_path(path)
    stale.write_text('{"weights": {"bias": 1.0}}', encoding="utf-8")
    crf.train(_labelled(12), path, span_folds=0)
    assert path.is_file() and not stale.exists()
