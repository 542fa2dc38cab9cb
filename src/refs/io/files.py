"""Reading and writing files safely: atomic writes, previews, tolerant decoding.

Every writer in refs goes through :func:`atomic_write`, so an interrupted run (a full
disk, Ctrl-C, a crash) never leaves a half-written bibliography: the new text goes to
a temporary file in the same directory, is flushed to disk, and only then renamed over
the old file (``os.replace`` is atomic on POSIX and Windows). Commands that change a
file show :func:`unified_diff` first. :func:`read_text` decodes what users really have
on disk: UTF-8 with or without a BOM, and old Latin-1/cp1252 files, reporting which
lines were not UTF-8 instead of refusing the whole file.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import stat
import tempfile
from pathlib import Path

from refs.errors import ParseError, WriteError
from refs.model.diagnostic import Diagnostic, Location, Severity

__all__ = ["atomic_write", "read_text", "same_file", "unified_diff"]

_BOM = "\ufeff"
#: byte-order marks of encodings that would otherwise look binary (NUL bytes); UTF-32 first
_WIDE_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
              (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))
#: at most this many bad lines are listed one by one; the rest are counted
_MAX_ENCODING_DIAGNOSTICS = 20


def atomic_write(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` all at once, or leave it untouched on failure.

    The temporary file lives in the target's directory (a rename across file systems is
    not atomic), is fsync'ed before the rename, and takes over the old file's permission
    bits so that a group-writable library stays group-writable. A symlink is followed,
    so a linked library stays linked. Newlines are written as given (no translation),
    so CRLF files keep their line endings.
    """
    target = Path(path)
    if target.is_symlink():  # replace the file the link points to, not the link itself
        target = target.resolve()
    directory = target.parent if str(target.parent) else Path(".")
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise WriteError(
            f"cannot inspect the file: {exc.strerror}", path=str(target), hint=_hint(exc)
        ) from exc
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise WriteError(
            f"the text cannot be encoded as {encoding}: {exc.reason}",
            path=str(target),
            hint="write as UTF-8 (the default), or convert the characters to LaTeX first",
        ) from exc
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
        tmp_name = None
    except OSError as exc:
        raise WriteError(
            f"could not write the file: {exc.strerror or exc}", path=str(target), hint=_hint(exc)
        ) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _hint(exc: OSError) -> str:
    """What a person can do about a failed write, by the kind of failure."""
    if isinstance(exc, PermissionError):
        return "check that you may write to the file and its directory"
    if isinstance(exc, FileNotFoundError):
        return "check that the directory exists"
    return "check free disk space and the path; the original file was not changed"


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Do ``a`` and ``b`` name one file: the same resolved path, or two names (a hard
    link, a bind mount) of one existing file? Writing to one would replace the other."""
    pa, pb = Path(a), Path(b)
    try:
        return pa.resolve() == pb.resolve() or (pa.exists() and pb.exists() and pa.samefile(pb))
    except OSError:
        return False


def unified_diff(old: str, new: str, path: str) -> str:
    """A ``diff -u`` style preview of replacing ``old`` by ``new`` in ``path``.

    Empty when nothing changes, so callers can test the result for truthiness. The
    headers are ``a/<path>`` and ``b/<path>`` as git writes them: an absolute path loses
    its leading slash (``a/tmp/x.bib``, not ``a//tmp/x.bib``), so ``patch -p1`` and diff
    viewers read them.
    """
    name = path.lstrip("/")
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def read_text(path: str | os.PathLike[str]) -> tuple[str, list[Diagnostic]]:
    """Decode a text file as UTF-8, tolerating a BOM and stray Latin-1 lines.

    Returns the text and Diagnostics (E103 invalid-encoding, one per bad line) for
    lines that are not valid UTF-8; those lines are decoded as cp1252 (or Latin-1
    where cp1252 has holes) so the rest of the file still loads. A file with NUL
    bytes is not text at all: :class:`~refs.errors.ParseError`.
    """
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise ParseError("file not found", path=name, hint="check the path") from exc
    except IsADirectoryError as exc:
        raise ParseError("is a directory, not a file", path=name) from exc
    except OSError as exc:
        raise ParseError(f"cannot read the file: {exc.strerror}", path=name) from exc
    return decode_bytes(data, path=name)


def decode_bytes(data: bytes, *, path: str | None = None) -> tuple[str, list[Diagnostic]]:
    """The decoding half of :func:`read_text`, for bytes that did not come from a file."""
    for bom, name in _WIDE_BOMS:  # text, but not in an encoding refs reads
        if data.startswith(bom):
            raise ParseError(
                f"the file is {name}-encoded text",
                path=path,
                line=1,
                hint=f"re-save it as UTF-8 (your editor's 'Save as' encoding), not {name}",
            )
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise ParseError(
            "not a text file (it contains NUL bytes)",
            path=path,
            line=line,
            hint="give refs a text file (.bib, .json, .ris, .txt); binary files (PDF, "
                 "Word, zip) cannot be read, so copy a reference list out of them as "
                 "plain text",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_mixed(data, path)
    return (text[1:] if text.startswith(_BOM) else text), []


def _decode_mixed(data: bytes, path: str | None) -> tuple[str, list[Diagnostic]]:
    """Decode line by line: UTF-8 where possible, cp1252/Latin-1 for the other lines."""
    parts: list[str] = []
    bad: list[int] = []
    for number, raw in enumerate(data.splitlines(keepends=True), start=1):
        try:
            parts.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            bad.append(number)
            try:
                parts.append(raw.decode("cp1252"))
            except UnicodeDecodeError:
                parts.append(raw.decode("latin-1"))
    text = "".join(parts)
    if text.startswith(_BOM):
        text = text[1:]
    diagnostics = [
        Diagnostic(
            code="E103",
            name="invalid-encoding",
            severity=Severity.WARNING,
            message=f"line {line} is not valid UTF-8; read it as Windows-1252/Latin-1",
            location=Location(path=path, line=line),
            hint="re-save the file as UTF-8 (check the accented characters on this line)",
            subject=f"line {line}",
        )
        for line in bad[:_MAX_ENCODING_DIAGNOSTICS]
    ]
    if len(bad) > _MAX_ENCODING_DIAGNOSTICS:
        rest = len(bad) - _MAX_ENCODING_DIAGNOSTICS
        diagnostics.append(
            Diagnostic(
                code="E103",
                name="invalid-encoding",
                severity=Severity.WARNING,
                message=f"{rest} more lines are not valid UTF-8",
                location=Location(path=path, line=bad[_MAX_ENCODING_DIAGNOSTICS]),
                hint="re-save the file as UTF-8",
                subject="more lines",
            )
        )
    return text, diagnostics
