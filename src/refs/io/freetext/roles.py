"""Role words: what a person named in a reference did to the work (edited, translated).

Why one module: the segmenter (an edited book's editors where the authors go), the tail
reader (``In J. Smith (Ed.), Book``, ``Trans. Name.``) and the name cleaner
(:func:`~refs.io.freetext.names.strip_role_words`, :func:`~refs.io.freetext.names.parse_names`)
each recognise these words, and with a list each they drifted: one knew ``(dir.)``, the
next ``(coord.)``, a third neither. Each piece below is a regular-expression fragment
(no groups, no anchors) that those patterns are built from, so a word added here is
known everywhere.

Left out on purpose, each with a comment where it lives:

- the CRF's word lists (``crf_features._EDS``, ``crf_lexicon.TRANSLATOR``): features
  the shipped model was trained on; changing them invalidates ``crf_model.bin``;
- APA's roles of a film's or podcast's people (``segment._ROLE_WORD``: Writer,
  Director, Host): those people stay the authors, not editors or translators;
- the abbreviations that end no sentence (``clean._ABBREV``) and the units that show a
  rule title ran on (``parser._RUN_ON_TITLE``: ``ed.`` of an edition, ``rev.``,
  ``proc.``): other jobs that happen to share some words.
"""

from __future__ import annotations

__all__ = ["BRACKETED_EDITOR", "EDITOR", "EDITOR_AFTER_COMMA", "TRANSLATOR"]

#: an editor's role as APA and other languages put it in brackets after the names:
#: ``(Ed.)``, ``(eds.)``, German ``(Hrsg.)``, French ``(dir.)``, Spanish/Italian
#: ``(coord.)``; either case, for in brackets no given name can be meant
BRACKETED_EDITOR = r"[Ee]ds?|[Hh]rsg|[Dd]irs?|[Cc]oords?"

#: the same role after a comma where the authors go (``Comaroff, J. and J. L. Comaroff,
#: eds. (1993)``): lower case only (and German's capital noun), for ``Smith, Ed. 2001.``
#: is Ed Smith's book
EDITOR_AFTER_COMMA = r"eds?|Hrsg"

#: an editor's role word where it introduces or follows names: ``ed.``, ``eds.``,
#: ``Edited (by)``, ``Hrsg.``
EDITOR = r"[Ee]d(?:ited|s)?|[Hh]rsg"

#: a translator's role word: ``trans.``, ``transl.``, ``Translated (by)``, ``tr.``
#: (``tr`` only with its full stop: bare, it is too short to be a word of its own)
TRANSLATOR = r"[Tt]rans(?:lated|l)?|[Tt]r(?=\.)"
