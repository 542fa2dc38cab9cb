"""Hypothesis strategies more than one test module draws from."""

from __future__ import annotations

from hypothesis import strategies as st

_years = st.integers(1000, 2100)

#: one end of a CSL date: a year, year-month, year-month-day, or a season (CSL's 13-16)
csl_date_parts = st.one_of(
    st.tuples(_years).map(list),
    st.tuples(_years, st.integers(1, 12)).map(list),
    st.tuples(_years, st.integers(1, 12), st.integers(1, 28)).map(list),
    st.tuples(_years, st.integers(13, 16)).map(list))
