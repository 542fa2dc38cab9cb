"""One place that turns HTTP answers into JSON or the right :mod:`refs.errors` exception.

Crossref's 404 body is the plain text ``Resource not found.`` (sometimes labelled JSON),
its validation errors are JSON, and 429s have historically been HTML pages; so the
status decides, and the body is parsed only for a 200.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import quote

import httpx

from refs.errors import NotFound, RateLimited, RemoteError, Unavailable

__all__ = ["encode_doi", "get_json", "mapped"]

T = TypeVar("T")


def encode_doi(doi: str) -> str:
    """A DOI percent-encoded for a URL path segment (``/``, ``;``, ``#``, ``?``, ``[]`` too).

    >>> encode_doi("10.1890/0012-9615(1999)069[0569:EDILSA]2.0.CO;2")
    '10.1890%2F0012-9615%281999%29069%5B0569%3AEDILSA%5D2.0.CO%3B2'
    """
    return quote(doi.strip(), safe="")


def _excerpt(response: httpx.Response) -> str:
    text = response.text.strip().replace("\n", " ")
    return text[:80] + ("..." if len(text) > 80 else "")


def check_status(response: httpx.Response, what: str) -> None:
    """Raise the exception that a non-200 status means, with the service's words."""
    url = str(response.request.url)
    status = response.status_code
    if status == 200:
        return
    if status in (404, 410):
        raise NotFound(f"{what}: not found (HTTP {status})", url=url, status=status)
    if status == 429:
        raise RateLimited(f"{what}: still rate limited (HTTP 429) after retries", url=url,
                          status=status, hint="wait a while, or lower the request rate")
    if status >= 500:
        raise Unavailable(f"{what}: service error (HTTP {status}) after retries", url=url,
                          status=status, hint="the service is failing; try again later")
    raise RemoteError(f"{what}: unexpected HTTP {status}: {_excerpt(response)}", url=url,
                      status=status)


def get_json(client: httpx.Client, url: str, *, what: str,
             params: dict[str, Any] | None = None,
             headers: dict[str, str] | None = None) -> Any:
    """GET ``url`` and return its JSON body; errors become :mod:`refs.errors` exceptions."""
    try:
        response = client.get(url, params=params, headers=headers)
    except httpx.HTTPError as exc:  # redirect loops, invalid URLs; transports raise RefsError
        raise Unavailable(f"{what}: {exc}", url=url) from exc
    check_status(response, what)
    try:
        return json.loads(response.content)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        kind = response.headers.get("content-type", "unknown type")
        raise Unavailable(
            f"{what}: the answer is not valid JSON ({kind}, {len(response.content)} bytes:"
            f" {_excerpt(response)!r})", url=str(response.request.url),
            status=response.status_code, hint="a truncated or HTML answer; try again later",
        ) from exc
    except RecursionError as exc:  # [[[[...]]]] past the interpreter's limit: no real record
        raise Unavailable(
            f"{what}: the answer is not a metadata record: JSON nested too deeply "
            f"({len(response.content)} bytes)", url=str(response.request.url),
            status=response.status_code,
            hint="a broken proxy or service answered; try again later, or report it",
        ) from exc


def mapped(convert: Callable[..., T], *args: Any, what: str, url: str, **kwargs: Any) -> T:
    """Run a JSON -> Reference mapping; an answer of an unexpected shape is Unavailable.

    The readers are fuzzed to tolerate junk, but a service changing its format must
    still end as one entry's clear error, never as a crash of the whole run.
    """
    try:
        return convert(*args, **kwargs)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        raise Unavailable(f"{what}: unexpected answer shape ({type(exc).__name__}: {exc})",
                          url=url, hint="the service's format may have changed; please "
                          "report it") from exc
