"""Turning raw bytes into text, or saying in one line why we will not.

Order of attempts: a byte-order mark (UTF-8, UTF-16), then strict UTF-8, then cp1252 as a
logged fallback (old Windows-made reports are common in NGO archives). Anything else is
reported as undecodable rather than guessed at: a wrong guess corrupts names silently.
"""

from __future__ import annotations

import codecs
import logging

from fogofwar.errors import IngestError

log = logging.getLogger(__name__)

# Leading bytes of formats that are surely not text (PDF, images, archives, executables).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "zip archive (docx/xlsx?)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format of ``data``, or None when it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None  # UTF-16 text legitimately holds NUL bytes
    if b"\x00" in data[:8192]:
        return "binary (NUL bytes)"
    return None


def decode(data: bytes, *, name: str = "<bytes>") -> tuple[str, str]:
    """Return ``(text, encoding)`` for ``data``; raise IngestError when it is not text.

    >>> decode("Raqqa".encode("utf-16"))
    ('Raqqa', 'utf-16')
    """
    kind = sniff_binary(data)
    if kind:
        raise IngestError(f"{name}: binary file ({kind})")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise IngestError(f"{name}: undecodable despite its {enc} BOM ({e.reason})") from e
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as e:
        raise IngestError(f"{name}: undecodable (not UTF-8, UTF-16 or cp1252)") from e
    log.warning("%s: not valid UTF-8, decoded as cp1252", name)
    return text, "cp1252"
