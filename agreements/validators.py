"""Uploaded agreement texts: PDF by their content, not their name, and of a bounded size."""

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


@deconstructible
class PdfDocumentValidator:
    message_type = _("This file is not a PDF document.")
    message_size = _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
    message_damaged = _(
        "This PDF document cannot be read (it is damaged or incomplete). "
        "Save it again from its application, then upload it."
    )
    message_encrypted = _(
        "This PDF document is protected by a password. Upload a copy without protection, "
        "so that the public can read it and the search can find its words."
    )

    def __init__(self, max_bytes: int = MAX_DOCUMENT_BYTES):
        self.max_bytes = max_bytes

    def __call__(self, document):
        size = getattr(document, "size", 0) or 0
        if size > self.max_bytes:
            raise ValidationError(
                self.message_size,
                code="too_large",
                params={
                    "size": round(size / 1024 / 1024, 1),
                    "limit": self.max_bytes // 1024 // 1024,
                },
            )
        position = document.tell() if hasattr(document, "tell") else 0
        document.seek(0)
        head = document.read(1024)
        document.seek(position)
        if isinstance(head, str):
            head = head.encode("latin-1", "ignore")
        # A PDF starts with "%PDF-", possibly after a few bytes of junk (the spec allows 1024).
        if b"%PDF-" not in head:
            raise ValidationError(self.message_type, code="not_pdf")
        self.check_parses(document, position)

    def check_parses(self, document, position):
        """The file must parse as a PDF with at least one page, and not be encrypted."""
        document.seek(0)
        try:
            reader = PdfReader(document, strict=False)
            encrypted = reader.is_encrypted
            pages = 0 if encrypted else len(reader.pages)
        except Exception:  # pypdf raises many kinds on a hostile file: each is a damaged PDF
            raise ValidationError(self.message_damaged, code="damaged") from None
        finally:
            document.seek(position)
        if encrypted:
            raise ValidationError(self.message_encrypted, code="encrypted")
        if not pages:
            raise ValidationError(self.message_damaged, code="damaged")

    def __eq__(self, other):
        return isinstance(other, PdfDocumentValidator) and other.max_bytes == self.max_bytes
