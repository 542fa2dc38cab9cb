"""A pasted block or a whole file -> one string per reference, with the line it starts on.

Lists come as one reference per line, one per paragraph (wrapped lines), numbered
(``1.``, ``[1]``, ``(1)``) or as footnotes (``[12] Author, Title ...; Author2, ...``).
Headings (``Works Cited``, ``References``, ``Bibliography``, ``Notes``) are skipped.
Why keep the line: ``refs import`` reports an unparseable string by its line, so a
person can find it.
"""

from __future__ import annotations

import re

__all__ = ["HEADINGS", "first_heading", "split_references", "split_with_lines"]

#: headings that open a reference list; matched case-insensitively on a line of their own
HEADINGS = re.compile(
    r"^\s*(?:#+\s*)?(?:works\s+cited|references?(?:\s+list)?|bibliography|literature(?:\s+cited)?"
    r"|sources|notes|endnotes|footnotes|further\s+reading|literaturverzeichnis)\s*:?\s*$",
    re.I)
_NUMBERED = re.compile(r"^\s*(?:\[\d{1,4}\]|\(\d{1,3}\)|\d{1,3}[.)]\s)\s*")
_FOOTNOTE = re.compile(r"^\s*\[\d{1,4}\]")
_BULLET = re.compile(r"^\s*[-*•]\s+")


def first_heading(text: str) -> tuple[int, str] | None:
    """The 1-based line and the words of the first reference-list heading, or None.

    Why: in a whole manuscript the reference list starts at its heading, and what
    comes before it is the document's own text (``refs import`` reports that as one
    finding rather than a parse error per paragraph).

    >>> first_heading("Intro text.\n\n## Works Cited\n\nDoe, J. 2001. T.")
    (3, 'Works Cited')
    """
    for no, line in enumerate(text.splitlines(), start=1):
        if HEADINGS.match(line):
            return no, line.strip().lstrip("#").rstrip(":").strip()
    return None


def _strip_marker(text: str) -> str:
    return _BULLET.sub("", _NUMBERED.sub("", text, count=1), count=1).strip()


def _split_note(text: str) -> list[str]:
    """``A, “T” (2000); B, “U” (2013).`` -> two citations (top-level ``;`` only)."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in "“”":
            quoted = ch == "“"
        elif ch == ";" and depth == 0 and not quoted and re.match(r";\s+[A-Z]", text[i:]):
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def split_with_lines(text: str) -> list[tuple[int, str]]:
    """(1-based line, reference string) for every reference in ``text``."""
    lines = text.splitlines()
    nonblank = [ln for ln in lines if ln.strip()]
    blank_separated = any(not ln.strip() for ln in lines) and len(nonblank) > 1
    # wrapped lines: a paragraph of several lines where later lines are continuations
    paragraphs: list[tuple[int, list[str]]] = []
    for no, line in enumerate(lines, start=1):
        if not line.strip():
            paragraphs.append((no + 1, []))
            continue
        if HEADINGS.match(line):
            paragraphs.append((no + 1, []))
            continue
        starts_new = bool(_NUMBERED.match(line) or _BULLET.match(line))
        cur = paragraphs[-1] if paragraphs else None
        if cur is None or not cur[1] or starts_new or (
                not blank_separated and not _continues(cur[1][-1], line)) or (
                blank_separated and _new_entry(cur[1][-1], line)):
            paragraphs.append((no, [line.strip()]))
        else:
            cur[1].append(line.strip())
    out: list[tuple[int, str]] = []
    for no, chunk in paragraphs:
        if not chunk:
            continue
        joined = _join(chunk)
        footnote = bool(_FOOTNOTE.match(joined))
        body = _strip_marker(joined)
        if not body:
            continue
        for part in (_split_note(body) if footnote else [body]):
            out.append((no, part))
    return out


def _continues(prev: str, line: str) -> bool:
    """Without blank lines, a line continues the previous one if that one was cut short."""
    prev = prev.rstrip()
    return prev.endswith(("-", ",", ":", "and", "&")) or line[:1].islower() or \
        bool(re.match(r"^\s+\S", line))


def _new_entry(prev: str, line: str) -> bool:
    """In a blank-separated list, a line still opens a new entry if it reads like one."""
    return prev.rstrip().endswith(".") and bool(re.match(r"^[A-Z][\w'’\-]+,\s+[A-Z]", line))


def _join(chunk: list[str]) -> str:
    out = chunk[0]
    for nxt in chunk[1:]:
        # a hyphen at a line end before a lower-case word is a PDF line-break hyphen
        hyphen = bool(re.search(r"[a-z]-$", out)) and nxt[:1].islower()
        out = out[:-1] + nxt if hyphen else f"{out} {nxt}"
    return out


def split_references(text: str) -> list[str]:
    """The reference strings in ``text`` (a pasted list or a whole file), in order.

    >>> split_references("Works Cited\\n\\n1. Smith, J. 2001. A.\\n2. Doe, J.\\n   2002. B.")
    ['Smith, J. 2001. A.', 'Doe, J. 2002. B.']
    """
    return [s for _, s in split_with_lines(text)]
