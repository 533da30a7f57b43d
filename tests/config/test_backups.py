"""Backups hold the database and the uploaded files, are private, and a restore empties the
page cache (issue 16, item 9)."""

import io
import os
import stat
import tarfile
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from config import backup as backups
from config.cache import content_version
from partners.models import Partner
from tests import factories

pytestmark = pytest.mark.english


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    documents = settings.MEDIA_ROOT / "agreements" / "2026"
    documents.mkdir(parents=True)
    (documents / "entente-shandong.pdf").write_bytes(b"%PDF-1.7 signed text")
    (settings.MEDIA_ROOT / "trade_imports").mkdir()
    (settings.MEDIA_ROOT / "trade_imports" / "0a1b2c").write_bytes(b"pending upload")
    return settings.MEDIA_ROOT


def run(*args, **options):
    call_command(*args, stdout=io.StringIO(), **options)


@pytest.mark.django_db(transaction=True)
def test_a_restore_brings_back_the_rows_and_the_documents(tmp_path, media):
    factories.PartnerFactory(slug="shandong", name_fr="Shandong", name_en="Shandong")
    archive = tmp_path / "backups" / "before.backup"
    run("backup", output=archive)

    with tarfile.open(archive) as contents:
        assert sorted(contents.getnames()) == [
            "database.dump",
            "media",
            "media/agreements",
            "media/agreements/2026",
            "media/agreements/2026/entente-shandong.pdf",
        ]

    Partner.objects.filter(slug="shandong").update(name_fr="Renommé")
    factories.PartnerFactory(slug="added-after")
    (media / "agreements" / "2026" / "entente-shandong.pdf").write_bytes(b"%PDF replaced")
    (media / "agreements" / "2026" / "added-after.pdf").write_bytes(b"%PDF new")

    run("restore", str(archive), no_input=True)

    assert list(Partner.objects.values_list("slug", "name_fr")) == [("shandong", "Shandong")]
    documents = media / "agreements" / "2026"
    assert sorted(path.name for path in documents.iterdir()) == ["entente-shandong.pdf"]
    assert (documents / "entente-shandong.pdf").read_bytes() == b"%PDF-1.7 signed text"
    # Nothing of the restore's work is left beside the files.
    assert sorted(path.name for path in media.parent.iterdir()) == ["backups", "media"]


@pytest.mark.django_db(transaction=True)
def test_a_restore_empties_the_page_cache(client, tmp_path, media, settings):
    settings.PAGE_CACHE_SECONDS = 600
    factories.PartnerFactory(slug="shandong", name_fr="Shandong", name_en="Shandong")
    archive = tmp_path / "before.backup"
    run("backup", output=archive)
    assert client.get("/robots.txt").status_code == HTTPStatus.OK
    client.get("/en/partners/")
    assert client.get("/en/partners/")["X-Page-Cache"] == "hit"
    version = content_version()

    run("restore", str(archive), no_input=True)

    assert content_version() != version
    assert client.get("/en/partners/")["X-Page-Cache"] == "miss"


@pytest.mark.django_db(transaction=True)
def test_backup_files_are_readable_by_their_owner_only(tmp_path, media):
    old_umask = os.umask(0o022)
    try:
        fresh = tmp_path / "new" / "fresh.backup"
        run("backup", output=fresh)
        existing = tmp_path / "existing.backup"
        existing.write_bytes(b"")
        existing.chmod(0o644)
        run("backup", output=existing)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert stat.S_IMODE(existing.stat().st_mode) == 0o600
    assert stat.S_IMODE(fresh.parent.stat().st_mode) == 0o700


@pytest.mark.django_db(transaction=True)
def test_a_database_only_backup_of_before_still_restores(tmp_path, media):
    factories.PartnerFactory(slug="jalisco", name_fr="Jalisco", name_en="Jalisco")
    old = tmp_path / "old.backup"
    backups._dump_database(old, "default")
    Partner.objects.all().delete()

    run("restore", str(old), no_input=True)

    assert list(Partner.objects.values_list("slug", flat=True)) == ["jalisco"]
    assert (media / "agreements" / "2026" / "entente-shandong.pdf").is_file()  # untouched


@pytest.mark.django_db
def test_an_archive_reaching_out_of_its_folder_is_refused(tmp_path, media):
    hostile = tmp_path / "hostile.backup"
    with tarfile.open(hostile, "w:gz") as archive:
        for name, data in [("database.dump", b""), ("../outside.txt", b"x")]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="cannot be restored"):
        run("restore", str(hostile), no_input=True)
    assert not (tmp_path / "outside.txt").exists()
    assert not (media.parent / "outside.txt").exists()
