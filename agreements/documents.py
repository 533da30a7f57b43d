"""Agreement texts (PDF): reading their words for the search, and serving them.

Reading goes through pypdf (maintained, pure Python). The upload validator (validators.py) has
already refused what does not parse; here a damaged page only loses its own words.

Serving: `document_response()` answers for a document the view has already allowed (published
record, or staff). Nothing serves MEDIA_URL: the files live outside the public web root and are
reached only through the view. In production, with `DOCUMENTS_ACCEL_REDIRECT` set (nginx's
`internal` location that maps onto MEDIA_ROOT), the view answers with `X-Accel-Redirect` and the
proxy sends the bytes; otherwise Django streams the file itself.
"""

import logging

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header, http_date
from pypdf import PdfReader

logger = logging.getLogger(__name__)

# A text larger than this is cut: the search document of one record stays bounded.
MAX_TEXT_CHARACTERS = 1_000_000
PUBLIC_MAX_AGE = 300


def pdf_text(document) -> str:
    """The words of a PDF file (an open file or a FieldFile), pages in order, spaces collapsed."""
    position = document.tell() if hasattr(document, "tell") else 0
    document.seek(0)
    pages = []
    try:
        reader = PdfReader(document, strict=False)
        for page in reader.pages:
            try:
                pages.append(page.extract_text() or "")
            except Exception:  # a damaged page: its words are lost, not the others'
                logger.warning("Unreadable page in %s", getattr(document, "name", "a PDF"))
    except Exception:  # not a PDF: the validator refuses it, with its message
        return ""
    finally:
        document.seek(position)
    text = "\n".join(" ".join(page.split()) for page in pages if page.strip())
    return text[:MAX_TEXT_CHARACTERS]


def download_name(agreement) -> str:
    return f"{agreement.slug}.pdf"


def document_response(agreement, *, staff: bool) -> HttpResponse:
    """The agreement's PDF as a download. `staff`: the reader is staff (a draft may be read),
    so no shared cache may keep it."""
    document = agreement.document
    storage = document.storage
    if not document or not storage.exists(document.name):
        raise Http404
    accel = getattr(settings, "DOCUMENTS_ACCEL_REDIRECT", "")
    if accel:
        response = HttpResponse(content_type="application/pdf")
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + document.name
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=download_name(agreement)
        )
    else:
        response = FileResponse(
            storage.open(document.name, "rb"),
            as_attachment=True,
            filename=download_name(agreement),
            content_type="application/pdf",
        )
        response["Content-Length"] = str(storage.size(document.name))
    response["Cache-Control"] = (
        "private, no-store" if staff else f"public, max-age={PUBLIC_MAX_AGE}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    if agreement.updated_at:
        response["Last-Modified"] = http_date(agreement.updated_at.timestamp())
    return response
