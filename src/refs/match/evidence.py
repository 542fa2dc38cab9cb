"""What the matcher returns: per-field :class:`Evidence` and the :class:`MatchResult`.

Kept apart from the matching logic so that callers (dedupe, enrichment, claims, the CLI
renderers) depend on a small stable shape, not on how the score is computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

__all__ = ["Decision", "Evidence", "MatchResult", "Verdict"]

Verdict = Literal["agree", "conflict", "missing", "veto"]
Decision = Literal["same", "different", "unsure"]


class Evidence(NamedTuple):
    """What one field says about the pair: verdict, why (for people) and its weight.

    ``feature`` names the situation the weight was learned for (``"title:exact"``,
    ``"volume:one-side"``; see :mod:`refs.match.weights`), so a report can say which
    learned weight a field added. A NamedTuple (immutable, cheap to build: a dozen per
    compared pair).
    """

    field: str
    verdict: Verdict
    detail: str
    weight: float = 0.0
    feature: str = ""

    def __str__(self) -> str:
        sign = f" ({self.weight:+.1f})" if self.weight else ""
        return f"{self.field}: {self.verdict}: {self.detail}{sign}"


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The matcher's answer: a score in 0..1, a decision and the evidence behind it."""

    score: float
    decision: Decision
    evidence: tuple[Evidence, ...]

    @property
    def vetoes(self) -> list[Evidence]:
        """Evidence that rules the pair out whatever the other fields say."""
        return [e for e in self.evidence if e.verdict == "veto"]

    @property
    def conflicts(self) -> list[Evidence]:
        """Fields whose values disagree (not counting vetoes)."""
        return [e for e in self.evidence if e.verdict == "conflict"]

    def explain(self) -> str:
        """One line per evidence item, for reports and ``--format text``."""
        head = f"{self.decision} (score {self.score:.3f})"
        return "\n".join([head, *(f"  {e}" for e in self.evidence)])
