"""Agreement texts: served by a view that checks publication, never as plain media files; checked
by content when uploaded; their words found by the search in the document's language."""

import io
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from agreements.models import Agreement
from partners.publishing.models import PublicationStatus
from tests import factories
from tests.agreements.pdfs import make_pdf

pytestmark = pytest.mark.django_db

TEXT = "Entente de coopération\nArticle 1 : les parties créent un fonds baleinoptère."
PDF = make_pdf(TEXT, "Article 2 : le fonds dure cinq ans.")
# Each language's address names the agreement by its slug in that language.
ADDRESSES = ("/fr/ententes/{fr}/texte-integral.pdf", "/en/agreements/{en}/full-text.pdf")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def with_document(*, slug="cooperation", status=PublicationStatus.PUBLISHED, language="fr"):
    agreement = factories.AgreementFactory(
        slug=slug, publication_status=status, summary_fr="Résumé", summary_en="Summary"
    )
    agreement.document = SimpleUploadedFile("Entente signée.pdf", PDF, "application/pdf")
    agreement.document_language = language
    agreement.full_clean()
    agreement.save()
    return agreement


def admin_form(agreement, document, **changes):
    form = {
        "title_fr": agreement.title_fr,
        "title_en": agreement.title_en,
        "slug_fr": agreement.slug_fr,
        "slug_en": agreement.slug_en,
        "kind": agreement.kind,
        "status": agreement.status,
        "parties": [p.pk for p in agreement.parties.all()],
        "signed_on": agreement.signed_on.isoformat(),
        "signed_on_precision": agreement.signed_on_precision,
        "summary_fr": "Résumé",
        "summary_en": "Summary",
        "language_scope": "",
        "document": document,
        "document_language": "fr",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
        "funding_calls-TOTAL_FORMS": "0",
        "funding_calls-INITIAL_FORMS": "0",
    }
    form.update(changes)
    return form


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_published_agreement_s_text_downloads(client, address):
    agreement = with_document()
    response = client.get(address.format(fr=agreement.slug_fr, en=agreement.slug_en))
    assert response.status_code == HTTPStatus.OK
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(PDF))
    # The file is named as the page's language names the agreement.
    name = "cooperation.pdf" if address.startswith("/fr/") else "cooperation-en.pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_page_links_to_the_view_not_to_the_media_file(client):
    agreement = with_document()
    page = client.get("/fr/ententes/cooperation/").content.decode()
    assert '<a class="button" href="/fr/ententes/cooperation/texte-integral.pdf">' in page
    assert agreement.document.name not in page
    assert "/media/" not in page


def test_a_draft_s_text_is_a_404_at_every_address(client):
    agreement = with_document(status=PublicationStatus.DRAFT)
    addresses = [a.format(fr=agreement.slug_fr, en=agreement.slug_en) for a in ADDRESSES]
    addresses += [f"{address}?preview=1" for address in addresses]
    addresses += [f"/media/{agreement.document.name}", f"/fr/media/{agreement.document.name}"]
    assert agreement.document.storage.exists(agreement.document.name)
    for address in addresses:
        response = client.get(address)
        assert response.status_code == HTTPStatus.NOT_FOUND, address
        assert b"%PDF" not in response.content


def test_nothing_serves_media_even_for_a_published_text(client):
    agreement = with_document()
    assert client.get(f"/media/{agreement.document.name}").status_code == HTTPStatus.NOT_FOUND


def test_staff_read_a_draft_s_text_privately(client, editor):
    agreement = with_document(status=PublicationStatus.DRAFT)
    client.force_login(editor)
    response = client.get(f"/fr/ententes/{agreement.slug}/texte-integral.pdf")
    assert response.status_code == HTTPStatus.OK
    assert b"".join(response.streaming_content) == PDF
    assert response["Cache-Control"] == "private, no-store"


def test_a_logged_in_user_without_rights_does_not_read_a_draft(client):
    agreement = with_document(status=PublicationStatus.DRAFT)
    client.force_login(factories.UserFactory(username="visitor"))
    response = client.get(f"/fr/ententes/{agreement.slug}/texte-integral.pdf")
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_no_document_or_a_lost_file_is_a_404(client):
    without = factories.AgreementFactory(slug="sans-texte")
    assert client.get("/fr/ententes/sans-texte/texte-integral.pdf").status_code == 404
    lost = with_document(slug="perdu")
    lost.document.storage.delete(lost.document.name)
    assert client.get("/fr/ententes/perdu/texte-integral.pdf").status_code == 404
    assert without.document.name == ""


def test_behind_the_proxy_the_view_answers_with_x_accel_redirect(client, settings):
    settings.DOCUMENTS_ACCEL_REDIRECT = "/protected-documents/"
    agreement = with_document()
    response = client.get("/en/agreements/cooperation-en/full-text.pdf")
    assert response.status_code == HTTPStatus.OK
    assert response["X-Accel-Redirect"] == f"/protected-documents/{agreement.document.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="cooperation-en.pdf"'
    assert response["Cache-Control"] == "public, max-age=300"
    draft = with_document(slug="brouillon", status=PublicationStatus.DRAFT)
    response = client.get("/en/agreements/brouillon-en/full-text.pdf")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "X-Accel-Redirect" not in response
    assert draft.document.name


def test_the_words_of_the_pdf_are_read_in_the_document_s_language():
    agreement = with_document(language="fr")
    assert agreement.document_text_fr == (
        "Entente de coopération Article 1 : les parties créent un fonds baleinoptère.\n"
        "Article 2 : le fonds dure cinq ans."
    )
    assert agreement.document_text_en == ""
    agreement.document_language = "en"
    agreement.full_clean()
    agreement.save()
    agreement.refresh_from_db()
    assert agreement.document_text_en.startswith("Entente de coopération")
    assert agreement.document_text_fr == ""
    agreement.document = ""
    agreement.full_clean()
    assert (agreement.document_text_fr, agreement.document_text_en) == ("", "")


@pytest.mark.parametrize(
    ("language", "found", "not_found"),
    [("fr", "/fr/ententes/", "/en/agreements/"), ("en", "/en/agreements/", "/fr/ententes/")],
)
def test_a_word_only_in_the_pdf_finds_the_agreement_in_its_language(
    client, language, found, not_found
):
    with_document(language=language)
    factories.AgreementFactory(slug="other", summary_fr="Autre", summary_en="Other")
    listed = client.get(f"{found}?q=baleinoptère")
    assert [a.slug_fr for a in listed.context["object_list"]] == ["cooperation"]
    assert list(client.get(f"{not_found}?q=baleinoptère").context["object_list"]) == []
    search = {"fr": "/fr/recherche/", "en": "/en/search/"}
    page = {"fr": "/fr/ententes/cooperation/", "en": "/en/agreements/cooperation-en/"}
    other = "en" if language == "fr" else "fr"
    assert f'href="{page[language]}"' in client.get(f"{search[language]}?q=baleinoptere").text
    assert page[other] not in client.get(f"{search[other]}?q=baleinoptere").text


@pytest.mark.english
def test_the_admin_reads_an_uploaded_pdf_into_the_search(client, publisher):
    agreement = factories.AgreementFactory(summary_fr="Résumé", summary_en="Summary")
    client.force_login(publisher)
    response = client.post(
        f"/admin/agreements/agreement/{agreement.pk}/change/",
        admin_form(agreement, SimpleUploadedFile("texte.pdf", PDF, "application/pdf")),
    )
    assert response.status_code == HTTPStatus.FOUND, response.context["adminform"].form.errors
    # The agreement is published: the upload waits in its pending version until published.
    agreement.refresh_from_db()
    assert agreement.document.name == ""
    client.post(f"/admin/agreements/agreement/{agreement.pk}/workflow/", {"to_status": "published"})
    agreement.refresh_from_db()
    assert agreement.document.name.endswith(".pdf")
    assert "baleinoptère" in agreement.document_text_fr
    assert agreement.document_text_en == ""


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("language", "content", "message"),
    [
        (
            "en",
            b"%PDF-1.4\nthis is not a PDF body at all\n",
            "This PDF document cannot be read (it is damaged or incomplete). "
            "Save it again from its application, then upload it.",
        ),
        (
            "fr",
            b"%PDF-1.4\nthis is not a PDF body at all\n",
            "Ce document PDF est illisible (il est endommagé ou incomplet). "
            "Enregistrez-le de nouveau depuis son application, puis téléversez-le.",
        ),
        (
            "en",
            "encrypted",
            "This PDF document is protected by a password. Upload a copy without protection, "
            "so that the public can read it and the search can find its words.",
        ),
        (
            "fr",
            "encrypted",
            "Ce document PDF est protégé par un mot de passe. Téléversez-en une copie sans "
            "protection, pour que le public puisse le lire et que la recherche trouve ses mots.",
        ),
    ],
)
def test_the_admin_refuses_a_pdf_that_does_not_parse(
    client, publisher, django_user_model, language, content, message
):
    if content == "encrypted":
        content = encrypted_pdf()
    agreement = factories.AgreementFactory(title_fr="Entente", summary_fr="R", summary_en="S")
    client.force_login(publisher)
    response = client.post(
        f"/admin/agreements/agreement/{agreement.pk}/change/",
        admin_form(agreement, SimpleUploadedFile("texte.pdf", content, "application/pdf")),
        headers={"accept-language": language},
    )
    assert response.status_code == HTTPStatus.OK
    assert response.context["adminform"].form.errors["document"] == [message]
    agreement.refresh_from_db()
    assert (agreement.document.name, agreement.document_text_fr) == ("", "")
    assert Agreement.objects.count() == 1
