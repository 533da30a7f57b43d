"""The admin's way in: upload, preview, confirm (publishers only); batches, rollback, export."""

import re
from decimal import Decimal as D
from http import HTTPStatus

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from partners.models import ImportBatch, ImportSource, TradeFigure
from partners.trade.admin import UPLOAD_DIR
from partners.trade.importing import import_trade_file

from .conftest import FILES

pytestmark = [pytest.mark.django_db, pytest.mark.english]
IMPORT_URL = reverse("admin:partners_tradefigure_import")
CONFIRM_URL = reverse("admin:partners_tradefigure_import_confirm")
CHANGELIST_URL = reverse("admin:partners_tradefigure_changelist")
EXPORT_URL = reverse("admin:partners_tradefigure_export")
BATCHES_URL = reverse("admin:partners_importbatch_changelist")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def upload(client, name):
    with open(FILES / name, "rb") as handle:
        return client.post(IMPORT_URL, {"file": handle}, HTTP_ACCEPT_LANGUAGE="en")


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_publisher_uploads_previews_and_confirms(client, publisher, countries, media):
    client.force_login(publisher)

    preview = upload(client, "windows_1252_fr.csv")

    assert preview.status_code == HTTPStatus.OK
    page = preview.content.decode()
    assert "6 rows: 6 new, 0 updated, 0 unchanged." in page
    assert page.count('<tr class="new">') == 6
    assert "New products: 0203, 8802" in page
    assert "The column &quot;Remarque&quot; is not used and was ignored." in page
    assert TradeFigure.objects.count() == 0
    token = preview.context["token"]
    assert (media / UPLOAD_DIR / token).is_file()

    confirmed = client.post(CONFIRM_URL, {"token": token}, HTTP_ACCEPT_LANGUAGE="en")

    batch = ImportBatch.objects.get()
    assert confirmed.status_code == HTTPStatus.FOUND
    assert confirmed["Location"] == reverse("admin:partners_importbatch_change", args=[batch.pk])
    assert messages_of(confirmed) == ["6 rows: 6 new, 0 updated, 0 unchanged."]
    assert (batch.user, batch.source, batch.file_name, batch.created_count) == (
        publisher,
        ImportSource.ADMIN,
        "windows_1252_fr.csv",
        6,
    )
    assert TradeFigure.objects.count() == 6
    assert not (media / UPLOAD_DIR / token).exists()

    again = client.post(CONFIRM_URL, {"token": token}, HTTP_ACCEPT_LANGUAGE="en")

    assert again["Location"] == IMPORT_URL
    assert messages_of(again)[-1] == (
        "This preview has expired or was already imported. Upload the file again."
    )
    assert ImportBatch.objects.count() == 1


def test_an_excel_workbook_uploads_previews_and_imports(client, publisher, countries, media):
    """The upload is stored under a token with no extension; the workbook is read all the same
    (openpyxl refuses a path whose name does not end in .xlsx)."""
    client.force_login(publisher)

    preview = upload(client, "trade_fr.xlsx")

    assert preview.status_code == HTTPStatus.OK
    page = preview.content.decode()
    assert "4 rows: 4 new, 0 updated, 0 unchanged." in page
    assert page.count('<tr class="new">') == 4
    token = preview.context["token"]
    assert "." not in token and (media / UPLOAD_DIR / token).is_file()

    confirmed = client.post(CONFIRM_URL, {"token": token}, HTTP_ACCEPT_LANGUAGE="en")

    batch = ImportBatch.objects.get()
    assert messages_of(confirmed) == ["4 rows: 4 new, 0 updated, 0 unchanged."]
    assert (batch.file_name, batch.source, batch.created_count) == (
        "trade_fr.xlsx",
        ImportSource.ADMIN,
        4,
    )
    assert sorted(
        TradeFigure.objects.values_list("partner__iso_code", "year", "flow", "value_cad")
    ) == [
        ("CN", 2016, "export", D("429000000.00")),
        ("CN", 2016, "export", D("3000000000.00")),
        ("CN", 2016, "import", D("1500000.75")),
        ("MX", 2016, "export", D("1234.57")),
    ]


def test_a_bad_file_shows_every_error_and_no_confirm_button(client, publisher, countries, media):
    client.force_login(publisher)

    response = upload(client, "bad_unknown_partner.csv")

    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "The import failed with 2 errors; nothing was written." in page
    assert (
        "<li>line 3, column &quot;Partenaire&quot;: &quot;Chinne&quot; is not a known partner; "
        "did you mean &quot;Chine&quot;?</li>"
    ) in page
    assert "<li>line 4, column &quot;Partenaire&quot;: &quot;Atlantide&quot;" in page
    assert CONFIRM_URL not in page
    assert response.context["token"] == ""
    assert list((media / UPLOAD_DIR).iterdir()) == []
    assert TradeFigure.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("not_a_table.csv", "This is a PDF document, not a table."),
        ("empty.csv", "The submitted file is empty."),
        ("header_only.csv", "The file has a header but no data rows."),
        ("wrong_shape.csv", "The first row must name the columns."),
    ],
)
def test_files_that_are_not_tables_get_a_message_not_an_error_page(
    client, publisher, countries, name, message
):
    client.force_login(publisher)

    response = upload(client, name)

    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert CONFIRM_URL not in response.content.decode()


def test_a_file_already_imported_has_nothing_to_confirm(client, publisher, countries):
    import_trade_file(path=FILES / "design_fr.csv")
    client.force_login(publisher)

    response = upload(client, "design_fr.csv")

    page = response.content.decode()
    assert "Nothing to change: every row is already in the database." in page
    assert CONFIRM_URL not in page


def test_the_upload_form_requires_a_file(client, publisher):
    client.force_login(publisher)

    response = client.post(IMPORT_URL, {}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors == {"file": ["This field is required."]}


@pytest.mark.parametrize("token", ["", "0" * 32, "../../etc/passwd", "a" * 500])
def test_a_forged_confirmation_writes_nothing(client, publisher, countries, token):
    client.force_login(publisher)

    response = client.post(CONFIRM_URL, {"token": token}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == IMPORT_URL
    assert ImportBatch.objects.count() == 0


def test_the_changelist_offers_import_to_publishers_only(client, publisher, editor):
    client.force_login(publisher)
    page = client.get(CHANGELIST_URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'href="{IMPORT_URL}"' in page
    assert f'href="{EXPORT_URL}' in page
    assert f'href="{BATCHES_URL}"' in page

    client.force_login(editor)
    page = client.get(CHANGELIST_URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert IMPORT_URL not in page
    assert BATCHES_URL not in page
    assert f'href="{EXPORT_URL}' in page


def test_editors_are_refused_the_import_and_the_batches(client, editor, countries):
    import_trade_file(path=FILES / "design_fr.csv")
    batch = ImportBatch.objects.get()
    client.force_login(editor)

    assert client.get(IMPORT_URL).status_code == HTTPStatus.FORBIDDEN
    with open(FILES / "design_en.csv", "rb") as handle:
        assert client.post(IMPORT_URL, {"file": handle}).status_code == HTTPStatus.FORBIDDEN
    assert client.post(CONFIRM_URL, {"token": "0" * 32}).status_code == HTTPStatus.FORBIDDEN
    assert client.get(BATCHES_URL).status_code == HTTPStatus.FORBIDDEN
    rollback = reverse("admin:partners_importbatch_rollback", args=[batch.pk])
    assert client.post(rollback).status_code == HTTPStatus.FORBIDDEN
    assert ImportBatch.objects.get().rolled_back_at is None


def test_publisher_sees_a_batch_and_rolls_it_back(client, publisher, countries):
    batch = import_trade_file(path=FILES / "design_fr.csv").batch
    client.force_login(publisher)

    listing = client.get(BATCHES_URL, HTTP_ACCEPT_LANGUAGE="en")
    detail = client.get(
        reverse("admin:partners_importbatch_change", args=[batch.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert listing.status_code == HTTPStatus.OK
    assert "design_fr.csv" in listing.content.decode()
    page = detail.content.decode()
    assert detail.status_code == HTTPStatus.OK
    assert "China 2016 exports total" in page
    assert "Roll back this import" in page

    rollback = reverse("admin:partners_importbatch_rollback", args=[batch.pk])
    # The change form links to the confirmation page (a form inside the change form would be
    # submitted as the change form), which says what will go before anything does.
    assert f'href="{rollback}"' in page
    confirmation = client.get(rollback, HTTP_ACCEPT_LANGUAGE="en")
    assert confirmation.status_code == HTTPStatus.OK
    asked = confirmation.content.decode()
    assert "delete 2 figures it created;" in asked
    assert "put back the previous value of 0 figures it updated;" in asked
    assert "remove the products it created that no other figure uses: 88." in asked
    assert TradeFigure.objects.count() == 2

    response = client.post(rollback, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == HTTPStatus.FOUND
    assert messages_of(response) == [
        "Import rolled back: 2 figures deleted, 0 restored to their previous value, "
        "1 product removed."
    ]
    assert TradeFigure.objects.count() == 0
    batch.refresh_from_db()
    assert batch.rolled_back_by == publisher

    refused = client.post(rollback, HTTP_ACCEPT_LANGUAGE="en")
    assert messages_of(refused)[-1].startswith("This import was already rolled back on ")
    assert client.get(rollback)["Location"] == reverse(
        "admin:partners_importbatch_change", args=[batch.pk]
    )
    assert client.put(rollback).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert client.post(
        reverse("admin:partners_importbatch_rollback", args=["nope"])
    ).status_code == (HTTPStatus.NOT_FOUND)


def test_a_batch_page_lists_the_values_it_replaced_then_the_figures_it_created(
    client, publisher, countries, tmp_path
):
    import_trade_file(path=FILES / "design_fr.csv")
    revised = tmp_path / "revised.csv"
    revised.write_text(
        "Année;Partenaire;Flux;Code SH;Produit;Valeur ($ CA)\n"
        "2016;Chine;Exportations;;Total;3 100 000 000\n"
        "2016;Chine;Exportations;8703;Voitures;5\n",
        encoding="utf-8",
    )
    batch = import_trade_file(path=revised).batch
    client.force_login(publisher)

    page = client.get(
        reverse("admin:partners_importbatch_change", args=[batch.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()

    table = page[page.index("<h2>Changes</h2>") :]
    table = table[: table.index("</table>")]
    rows = [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
        for row in table.split("<tbody>")[1].split("<tr>")[1:]
    ]
    assert rows == [
        "China 2016 exports total $3,000,000,000.00 $3,100,000,000.00",
        "China 2016 exports 8703 new $5.00",
    ]


def test_the_french_preview_names_the_counts_and_each_new_figure(client, publisher, countries):
    client.force_login(publisher)
    with open(FILES / "design_fr.csv", "rb") as handle:
        page = client.post(IMPORT_URL, {"file": handle}, HTTP_ACCEPT_LANGUAGE="fr")
    page = page.content.decode()

    assert '<th scope="col">Nouvelles</th>' in page  # the figures counted
    assert page.count('<td class="import-type">Nouvelle</td>') == 2  # one new figure a row
