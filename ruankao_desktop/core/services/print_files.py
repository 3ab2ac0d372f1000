"""Files that printing writes: a new file is never written over an existing one, a batch takes its name
only once complete, and a problem writing is a message for the operator, not a traceback."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from ruankao_desktop.core.errors import KnownError


def check_target(target: Path) -> None:
    """Refuse a file that exists or a folder that does not, before anything is rendered or recorded."""
    if target.exists():
        raise KnownError("print.target_exists", path=str(target))
    if not target.parent.is_dir():
        raise KnownError("print.folder_missing", folder=str(target.parent))


def write_file(target: Path, data: bytes) -> None:
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise KnownError("print.write_failed", path=str(target), reason=exc.strerror or str(exc)) from exc


def move_file(source: Path, target: Path) -> None:
    try:
        source.replace(target)
    except OSError as exc:
        raise KnownError("print.write_failed", path=str(target), reason=exc.strerror or str(exc)) from exc


def concatenate(pdfs: Iterable[bytes]) -> bytes:
    from pypdf import PdfReader, PdfWriter  # on first use: a window that never joins PDFs never loads it

    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(PdfReader(io.BytesIO(pdf)))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_files(files: Iterable[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()
