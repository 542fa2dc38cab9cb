"""Layer 4: "are these two records the same work?" with evidence, and blocking keys.

:func:`refs.match.similarity.compare` is the one matcher every feature uses;
:mod:`refs.match.blocking` picks which pairs are worth comparing.
"""
