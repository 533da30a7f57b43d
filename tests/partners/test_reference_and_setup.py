"""Reference countries, language settings and migrations."""

import io
from http import HTTPStatus

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from partners.models import Partner, PartnerKind
from partners.publishing.models import PublicationStatus

pytestmark = [pytest.mark.django_db, pytest.mark.english]


def test_every_iso_country_is_a_reference_partner_named_in_both_languages(reference_countries):
    countries = Partner.objects.countries()
    assert countries.count() == 249
    korea = countries.get(iso_code="KR")
    assert (korea.name_fr, korea.name_en, korea.world_region, korea.slug) == (
        "Corée du Sud",
        "South Korea",
        "AS",
        "kr",
    )
    assert countries.get(iso_code="US").name_fr == "États-Unis"
    assert countries.get(iso_code="BR").world_region == "SA"
    assert countries.filter(world_region="").count() == 0
    # Reference entries have no public profile.
    assert countries.published().count() == 0


def test_reference_sync_is_idempotent_and_keeps_staff_edits(reference_countries):
    china = Partner.objects.get(iso_code="CN")
    china.name_en = "People's Republic of China"
    china.overview_fr = "Profil rédigé par le personnel."
    china.publication_status = PublicationStatus.PUBLISHED
    china.published_at = timezone.now()
    china.save()
    history_before = Partner.history.count()

    out = io.StringIO()
    call_command("load_reference", stdout=out)
    assert out.getvalue().strip() == ("Reference countries: 0 created, 0 updated, 249 unchanged.")
    china.refresh_from_db()
    assert china.name_en == "People's Republic of China"
    assert Partner.objects.filter(kind=PartnerKind.SOVEREIGN_STATE).count() == 249
    assert Partner.history.count() == history_before


def test_french_is_the_default_language_and_english_a_peer():
    assert settings.LANGUAGE_CODE == "fr"
    assert [code for code, _ in settings.LANGUAGES] == ["fr", "en"]
    # Django's LocaleMiddleware, its answers kept (config/middleware.py).
    assert "config.middleware.LocaleMiddleware" in settings.MIDDLEWARE


def test_no_migration_is_pending():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert out.getvalue().strip() == "No changes detected"


def test_the_admin_login_page_answers_in_both_languages(client):
    for language, expected in [("fr", "fr"), ("en", "en")]:
        response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == HTTPStatus.OK
        assert response["Content-Language"] == expected
