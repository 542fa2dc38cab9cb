"""Placeholder: the hand-set weights until scripts/train_matcher.py writes this file."""

from __future__ import annotations

from refs.match.fields import HAND_WEIGHTS

INTERCEPT = -3.0
WEIGHTS: dict[str, float] = dict(HAND_WEIGHTS)
