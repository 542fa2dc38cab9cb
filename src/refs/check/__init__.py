"""Layer 6: ``refs check`` -- rules over a library that produce Diagnostics.

:mod:`~refs.check.registry` holds the rules (as data), :mod:`~refs.check.select` decides
which run, :mod:`~refs.check.baseline` forgets known findings, :mod:`~refs.check.runner`
ties them together and :mod:`refs.check.render` turns findings into text, JSON, GitHub
workflow commands or SARIF.
"""
