"""Layer 4: "are these two records the same work?" with evidence, and blocking keys.

:func:`refs.match.similarity.compare` is the one matcher every feature uses; it reads
pre-folded :mod:`~refs.match.normalize` features, weighs them field by field in
:mod:`~refs.match.fields` and answers with :mod:`~refs.match.evidence` types.
:mod:`refs.match.blocking` picks which pairs are worth comparing.
"""
