"""Uploads are checked by their content, not their name, and their size is bounded."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.validators import PdfDocumentValidator
from tests import factories
from tests.agreements.pdfs import make_pdf

pytestmark = [pytest.mark.django_db, pytest.mark.english]

PDF = make_pdf("Entente")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_a_real_pdf_is_accepted():
    PdfDocumentValidator()(SimpleUploadedFile("entente.pdf", PDF, "application/pdf"))


def test_a_file_named_pdf_that_is_not_one_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        PdfDocumentValidator()(SimpleUploadedFile("entente.pdf", PNG, "application/pdf"))
    assert excinfo.value.messages == ["This file is not a PDF document."]


def test_a_file_over_the_limit_is_refused():
    big = SimpleUploadedFile("entente.pdf", PDF + b" " * 2048, "application/pdf")
    with pytest.raises(ValidationError) as excinfo:
        PdfDocumentValidator(max_bytes=1024)(big)
    assert excinfo.value.messages == ["The file is too large (0.0 MB); the limit is 0 MB."]


def test_the_admin_refuses_a_disguised_upload_and_keeps_the_record(client, publisher):
    agreement = factories.AgreementFactory(title_fr="Entente", summary_fr="R", summary_en="S")
    client.force_login(publisher)
    url = f"/admin/agreements/agreement/{agreement.pk}/change/"
    form = {
        "title_fr": "Entente modifiée",
        "title_en": agreement.title_en,
        "slug_fr": agreement.slug_fr,
        "slug_en": agreement.slug_en,
        "kind": agreement.kind,
        "status": agreement.status,
        "parties": [p.pk for p in agreement.parties.all()],
        "signed_on": agreement.signed_on.isoformat(),
        "signed_on_precision": agreement.signed_on_precision,
        "summary_fr": "R",
        "summary_en": "S",
        "language_scope": "",
        "document": SimpleUploadedFile("entente.pdf", PNG, "application/pdf"),
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
        "funding_calls-TOTAL_FORMS": "0",
        "funding_calls-INITIAL_FORMS": "0",
    }
    response = client.post(url, form)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["document"] == [
        "This file is not a PDF document."
    ]
    agreement.refresh_from_db()
    assert (agreement.title_fr, agreement.document.name) == ("Entente", "")
