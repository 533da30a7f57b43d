"""Hostile trade files are refused before they cost (issue 16, item 3): each attack file is
built here, refused with its message in the user's language, leaves nothing on disk, and is
refused cheaply (memory measured with tracemalloc; time is not asserted, see bench/README.md).
"""

import io
import tracemalloc
import zipfile
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from partners.models import ImportBatch, TradeFigure
from partners.trade.admin import UPLOAD_DIR
from partners.trade.importing import import_trade_file

pytestmark = [pytest.mark.django_db]
IMPORT_URL = reverse("admin:partners_tradefigure_import")
HEADER = ["Année", "Partenaire", "Flux", "Code SH", "Produit", "Valeur ($ CA)"]
ROW = [2016, "Chine", "Exportations", "", "Total", 3000000000]
MB = 1024 * 1024


def small_workbook() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(ROW)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rewrite(workbook: bytes, path, **parts):
    """Copy the workbook to `path`, each part named in `parts` (a function of its bytes that
    returns bytes or an iterable of byte chunks) written anew, deflated."""
    with (
        zipfile.ZipFile(io.BytesIO(workbook)) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
    ):
        names = [info.filename for info in source.infolist()]
        for name in [*names, *(name for name in parts if name not in names)]:
            content = source.read(name) if name in names else b""
            change = parts.get(name)
            if change is None:
                target.writestr(name, content)
                continue
            with target.open(name, "w", force_zip64=True) as part:
                produced = change(content)
                for chunk in [produced] if isinstance(produced, bytes) else produced:
                    part.write(chunk)
    return path


def with_shared_strings(content: bytes) -> bytes:
    """[Content_Types].xml naming a shared strings part, as Excel writes it."""
    return content.replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )


def twenty_million_strings(content: bytes):
    count = 20_000_000
    yield (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        + f'count="{count}" uniqueCount="{count}">'.encode()
    )
    block = b"<si><t>x</t></si>" * 100_000
    for _ in range(count // 100_000):
        yield block
    yield b"</sst>"


def declared(ref: str):
    def change(content: bytes) -> bytes:
        start = content.index(b'<dimension ref="') + len(b'<dimension ref="')
        end = content.index(b'"', start)
        return content[:start] + ref.encode() + content[end:]

    return change


@pytest.fixture(scope="module")
def string_bomb(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "strings.xlsx"
    return rewrite(
        small_workbook(),
        path,
        **{
            "[Content_Types].xml": with_shared_strings,
            "xl/sharedStrings.xml": twenty_million_strings,
        },
    )


def refusal(path, language="en"):
    """Import the file as the command line does, measuring the Python memory it takes."""
    tracemalloc.start()
    try:
        with translation.override(language):
            result = import_trade_file(path=path, dry_run=True)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not result.ok
    assert len(result.errors) == 1
    assert TradeFigure.objects.count() == 0
    return str(result.errors[0].message), peak


def test_a_workbook_of_twenty_million_shared_strings_is_refused_unread(string_bomb):
    assert string_bomb.stat().st_size < 3 * MB  # small on disk, 340 MB of texts unpacked
    message, peak = refusal(string_bomb)
    assert message == (
        "The workbook holds too many different texts (324.2 MB of them unpacked, for at most "
        "16.0 MB). Save it as CSV."
    )
    assert peak < 10 * MB


def test_the_string_bomb_is_refused_in_french(string_bomb):
    message, _peak = refusal(string_bomb, "fr")
    assert message == (
        "Le classeur contient trop de textes différents (324,2\u00a0Mo une fois décompressés, "
        "pour au plus 16,0\u00a0Mo). Enregistrez-le en CSV."
    )


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        (
            "A1:XFD1048576",
            "The sheet declares 1,048,576 rows, for at most 1,000,000 data rows. Split it into "
            "several files.",
        ),
        (
            "A1:F3000001",
            "The sheet declares 3,000,001 rows, for at most 1,000,000 data rows. Split it into "
            "several files.",
        ),
        (
            "A1:XFD1000",
            "The sheet declares 16,384 columns, for at most 50. Delete the empty columns, or "
            "save the sheet as CSV.",
        ),
        (
            "A1:AX300000",
            "The sheet declares 15,000,000 cells, for at most 10,000,000. Split it into several "
            "files.",
        ),
    ],
)
def test_a_sheet_declaring_a_huge_extent_is_refused_before_a_row_is_read(tmp_path, ref, message):
    path = rewrite(
        small_workbook(), tmp_path / "wide.xlsx", **{"xl/worksheets/sheet1.xml": declared(ref)}
    )
    assert path.stat().st_size < 10_000
    refused, peak = refusal(path)
    assert refused == message
    assert peak < 10 * MB


def test_a_row_wider_than_the_limit_is_refused(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append([*ROW, *range(60)])
    workbook.save(tmp_path / "wide.xlsx")
    # Without the dimension openpyxl would trust, the row's own width is what counts.
    path = rewrite(
        (tmp_path / "wide.xlsx").read_bytes(),
        tmp_path / "nodim.xlsx",
        **{"xl/worksheets/sheet1.xml": lambda c: c.replace(b'<dimension ref="A1:BN2" />', b"")},
    )
    assert refusal(path)[0] == "Line 2 has 66 cells, for at most 50."


def test_a_csv_whose_first_line_is_longer_than_the_csv_modules_limit(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("Année;" + "x" * 140_000 + "\n2016;Chine;Exportations;;Total;1\n")
    message, peak = refusal(path)
    assert message == "Line 1 is longer than 131,072 characters: this is not a table."
    assert peak < 10 * MB


def test_a_long_line_further_down_is_refused_with_its_number(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(";".join(HEADER) + "\n2016;Chine;Exportations;;Total;1\n" + "y" * 200_000)
    assert refusal(path)[0] == "Line 3 is longer than 131,072 characters: this is not a table."


def test_a_csv_line_with_a_field_over_the_csv_modules_limit_is_not_a_500(tmp_path):
    # One quoted field spread over many short lines: each line is short, the field is not.
    path = tmp_path / "field.csv"
    path.write_text(";".join(HEADER) + '\n2016;"' + "z\n" * 70_000 + '";x;;Total;1\n')
    message, _peak = refusal(path)
    assert message.startswith("Line 2 cannot be read as CSV (field larger than field limit")


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read(tmp_path, settings):
    settings.TRADE_IMPORT_LIMITS = {**settings.TRADE_IMPORT_LIMITS, "bytes": 1 * MB}
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * (3 * MB // 2))
    message, peak = refusal(path)
    assert message == (
        "The file is too large: 1.5 MB, for at most 1.0 MB. Split it into several files (by "
        "year, for instance)."
    )
    assert peak < MB  # not even checksummed


def test_more_rows_than_the_limit_are_refused(tmp_path, settings):
    settings.TRADE_IMPORT_LIMITS = {**settings.TRADE_IMPORT_LIMITS, "rows": 3}
    path = tmp_path / "rows.csv"
    rows = [f"{year};Chine;Exportations;;Total;1" for year in range(2010, 2014)]
    path.write_text("\n".join([";".join(HEADER), *rows]) + "\n")
    assert refusal(path)[0] == "The file has more than 3 data rows. Split it into several files."


def test_the_same_file_under_the_limits_imports(tmp_path, countries):
    path = tmp_path / "fine.xlsx"
    path.write_bytes(small_workbook())
    result = import_trade_file(path=path)
    assert result.ok, result.errors
    assert TradeFigure.objects.count() == 1


# Through the admin: the message on the upload page, nothing left in the uploads folder.


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def uploads(media):
    folder = media / UPLOAD_DIR
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_the_admin_refuses_the_string_bomb_and_keeps_nothing(client, publisher, media, string_bomb):
    client.force_login(publisher)
    with open(string_bomb, "rb") as handle:
        response = client.post(IMPORT_URL, {"file": handle}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "Le classeur contient trop de textes différents" in page
    assert response.context["token"] == ""
    assert uploads(media) == []
    assert ImportBatch.objects.count() == 0


def test_the_admin_refuses_a_long_csv_line_without_a_500(client, publisher, media, tmp_path):
    client.force_login(publisher)
    path = tmp_path / "long.csv"
    path.write_text("Année;" + "x" * 140_000 + "\n")
    with open(path, "rb") as handle:
        response = client.post(IMPORT_URL, {"file": handle}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == HTTPStatus.OK
    assert (
        "Line 1 is longer than 131,072 characters: this is not a table."
        in response.content.decode()
    )
    assert uploads(media) == []


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The file is too large: 2.0 MB, for at most 1.0 MB. Nothing was received."),
        (
            "fr",
            "Le fichier est trop volumineux\u00a0: 2,0\u00a0Mo, pour au plus 1,0\u00a0Mo. Rien "
            "n\u2019a été reçu.",
        ),
    ],
)
def test_the_admin_refuses_an_oversize_upload_from_its_length_alone(
    client, publisher, media, settings, tmp_path, language, message
):
    settings.REQUEST_MAX_BYTES = 1 * MB
    client.force_login(publisher)
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * (2 * MB))
    with open(path, "rb") as handle:
        response = client.post(IMPORT_URL, {"file": handle}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    page = response.content.decode()
    assert message in page
    assert "Django" not in page
    assert response["Connection"] == "close"
    # The body was never read: no form, no file, no copy.
    assert not hasattr(response.wsgi_request, "_files")
    assert uploads(media) == []


# On the command line: the message on standard error, in the language asked for.


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "en",
            "The sheet declares 16,384 columns, for at most 50. Delete the empty columns, or "
            "save the sheet as CSV.",
        ),
        (
            "fr",
            "La feuille déclare 16\u00a0384 colonnes, pour au plus 50. Supprimez les colonnes "
            "vides ou enregistrez la feuille en CSV.",
        ),
    ],
)
def test_the_command_line_refuses_with_the_message_in_its_language(tmp_path, language, message):
    path = rewrite(
        small_workbook(),
        tmp_path / "wide.xlsx",
        **{"xl/worksheets/sheet1.xml": declared("A1:XFD1000")},
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_trade", str(path), "--language", language, stdout=out, stderr=err)
    assert failure.value.returncode == 1
    assert message in err.getvalue()
    assert ImportBatch.objects.count() == 0


def test_a_zip_of_too_many_parts_is_not_a_table(tmp_path, settings):
    settings.TRADE_IMPORT_LIMITS = {**settings.TRADE_IMPORT_LIMITS, "zip_entries": 12}
    parts = {f"junk/{n}.xml": (lambda content: b"<a/>") for n in range(10)}
    path = rewrite(small_workbook(), tmp_path / "parts.xlsx", **parts)
    assert refusal(path)[0].startswith("The file is not a table.")
