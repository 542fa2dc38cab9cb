"""Seed records (Laumulin & Shaken 2008, Zabortseva 2011/2016) as References."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refs.model.reference import Reference

SEEDS = Path(__file__).resolve().parent.parent / "data" / "dedupe" / "seeds.json"


@pytest.fixture
def seeds() -> dict[str, Reference]:
    """The seed records by key, built from tests/data/dedupe/seeds.json (CSL-JSON)."""
    return {r["id"]: Reference.model_validate(r) for r in json.loads(SEEDS.read_text("utf-8"))}
