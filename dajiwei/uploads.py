"""The one check of an uploaded document or picture, shared by the apps' rules (a unit's notice,
evidence, signed copies, receipts): a pure function of the name, size and first bytes."""

from __future__ import annotations

from django.utils.translation import gettext as _

SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}


def upload_problem(name: str, size: int, head: bytes, max_mb: int) -> str | None:
    """Why an upload is refused: not a PDF, JPG or PNG by its name, content not matching its
    name, or larger than `max_mb`; None when it is taken."""
    extension = name[name.rfind(".") :].lower() if "." in name else ""
    if extension not in SIGNATURES:
        return _("Please upload a PDF, JPG or PNG file.")
    if not head.startswith(SIGNATURES[extension]):
        return _("The file's content is not a %(kind)s file.") % {"kind": extension[1:].upper()}
    if size > max_mb * 1024 * 1024:
        return _("The file is %(size).1f MB; at most %(max)d MB is accepted.") % {
            "size": size / 1024 / 1024,
            "max": max_mb,
        }
    return None
