"""E301-E303, E307: identifiers and links -- DOI, ISBN, ISSN, URL.

Checks are offline and syntactic (checksums for ISBN and ISSN): a valid-looking DOI
may still not resolve; ``refs enrich`` is the place to ask the registries.
Validation itself lives in :mod:`refs.text.ids` so the readers and the matcher agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from refs.check.context import CheckContext
from refs.check.registry import rule
from refs.model.diagnostic import Diagnostic, Severity
from refs.text.ids import is_valid_doi, is_valid_isbn, is_valid_issn, normalize_isbn

#: separators between several identifiers in one field ("isbn = {X, Y}", "X; Y", "X and Y")
_SPLIT = re.compile(r"\s*(?:[,;]|\band\b)\s*")


def _delatex(value: str) -> str:
    """Drop the escapes and braces people put around identifiers (``10.1000/a\\_b``)."""
    return re.sub(r"\\([_%&#$])", r"\1", value).replace("{", "").replace("}", "").strip()


@rule(code="E301", name="invalid-doi", severity=Severity.ERROR)
def invalid_doi(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The doi field does not hold a DOI.

    ## What it does
    Checks that ``doi`` is ``10.<registrant>/<suffix>`` without whitespace (a
    ``https://doi.org/`` or ``doi:`` prefix is tolerated). Only syntax is checked.

    ## Why
    Styles print the field as a link; a malformed DOI gives a dead link, and
    ``refs enrich`` and ``refs dedupe`` cannot use it to identify the work.

    ## Example
    ```bibtex
    doi = {10.1080 /09668136.2016.1153882},
    ```

    ## Fix
    Copy the DOI again from the publisher's page (it starts with ``10.``), or delete
    the field if the work has no DOI.
    """
    for record in ctx.records():
        for value, f in record.values_of("doi"):
            doi = _delatex(value)
            if doi and not is_valid_doi(doi):
                yield ctx.diagnostic(
                    "E301", f"'{value}' is not a valid DOI", record=record, field=f,
                    subject=value, hint="a DOI looks like 10.1234/suffix, with no spaces")


@rule(code="E302", name="invalid-isbn", severity=Severity.ERROR)
def invalid_isbn(ctx: CheckContext) -> Iterator[Diagnostic]:
    """An ISBN has the wrong length or a wrong check digit.

    ## What it does
    Checks each ISBN in ``isbn`` (several may be separated by commas or semicolons):
    ISBN-10 by its mod-11 check digit, ISBN-13 by its mod-10 check digit and its
    978/979 prefix. Hyphens and spaces are ignored.

    ## Why
    A typo in an ISBN points readers and library catalogues at another book, or at
    none; the check digit exists to catch exactly that.

    ## Example
    ```bibtex
    isbn = {978-0-415-82906-2},
    ```

    ## Fix
    Copy the ISBN again from the book's copyright page or the publisher's site.
    """
    for record in ctx.records():
        for value, f in record.values_of("isbn"):
            for part in _SPLIT.split(_delatex(value)):
                if part and not is_valid_isbn(part):
                    why = "wrong check digit" if normalize_isbn(part) else "not 10 or 13 digits"
                    yield ctx.diagnostic(
                        "E302", f"'{part}' is not a valid ISBN ({why})", record=record,
                        field=f, subject=part, hint="re-copy the ISBN from the book itself")


@rule(code="E303", name="invalid-issn", severity=Severity.ERROR)
def invalid_issn(ctx: CheckContext) -> Iterator[Diagnostic]:
    """An ISSN has the wrong shape or a wrong check digit.

    ## What it does
    Checks each ISSN in ``issn`` (``NNNN-NNNC``, C a digit or X) against its mod-11
    check digit.

    ## Why
    The ISSN identifies the journal; a wrong one merges or splits journals in
    catalogues and in ``refs dedupe``.

    ## Example
    ```bibtex
    issn = {0966-8137},
    ```

    ## Fix
    Copy the ISSN again from the journal's page (print and electronic ISSNs differ).
    """
    for record in ctx.records():
        for value, f in record.values_of("issn"):
            for part in _SPLIT.split(_delatex(value)):
                if part and not is_valid_issn(part):
                    yield ctx.diagnostic(
                        "E303", f"'{part}' is not a valid ISSN", record=record, field=f,
                        subject=part, hint="an ISSN is 8 characters: NNNN-NNNC")


@rule(code="E307", name="invalid-url", severity=Severity.ERROR)
def invalid_url(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The url field is not an absolute http(s) or ftp URL.

    ## What it does
    Checks that ``url`` has a scheme (http, https or ftp), a host, and no spaces.

    ## Why
    biblatex prints the field verbatim as a link: ``www.example.org`` without a
    scheme becomes a relative link that goes nowhere, and a space breaks the link.

    ## Example
    ```bibtex
    url = {www.astanatimes.com/2015/05/article},
    ```

    ## Fix
    Write the full URL including ``https://``; percent-encode spaces (``%20``).
    """
    for record in ctx.records():
        for value, f in record.values_of("url"):
            url = value.strip()
            if not url:
                continue
            problem = _url_problem(url)
            if problem:
                yield ctx.diagnostic(
                    "E307", f"'{url}' is not a valid URL: {problem}", record=record, field=f,
                    subject=url, hint="write the full address, e.g. https://example.org/page")


def _url_problem(url: str) -> str | None:
    if re.search(r"\s", url):
        return "it contains whitespace"
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return str(exc)
    if parts.scheme.lower() not in {"http", "https", "ftp"}:
        return "it has no http(s):// scheme"
    if not parts.hostname or "." not in parts.hostname.strip("."):
        return "it has no host name"
    return None
