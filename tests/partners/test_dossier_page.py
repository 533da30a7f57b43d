"""What the partner dossier shows under its title (the partner, its lists, its trade section)
kept as its results are, by the versions its page holds (partners/publishing/results.py,
config.cache.page_versions): read back without a query or a template, the same HTML as when it
is written each time, in both languages, an edit of what it shows seen at once, never kept or
read inside a preview."""

import datetime

import pytest
from django.test import override_settings
from django.utils import translation

from missions.models import Mission
from partners.publishing import versions
from tests import factories
from tests.pages import visit

pytestmark = pytest.mark.django_db

CONTENT = "partners/includes/dossier_content.html"


@pytest.fixture
def china(committed):
    with committed():
        china = factories.PartnerFactory(
            name_fr="Chine", name_en="China", slug="cn", article_name_fr="la Chine"
        )
        factories.PartnerFactory(name_fr="Shanghai", name_en="Shanghai", slug="cn-sh", parent=china)
        agreement = factories.AgreementFactory(
            title_fr="Entente sur l'eau", title_en="Water agreement", parties=[china]
        )
        factories.AgreementEventFactory(agreement=agreement, date=datetime.date(2024, 3, 1))
        factories.AgreementFactory(parties=[china], status="in_force")
        mission = factories.MissionFactory(title_fr="Mission à Pékin", title_en="Beijing mission")
        factories.MissionPlaceFactory(mission=mission, partner=china)
        factories.OfficeFactory(partner=china, name_fr="Bureau du Québec à Pékin")
        factories.TradeFigureFactory(partner=china, year=2023, value_cad=5_000_000)
        factories.TradeFigureFactory(partner=china, year=2023, flow="import", value_cad=9_000_000)
    return china


def dossier(client, partner, language="fr", query=""):
    with translation.override(language):
        path = partner.get_absolute_url() + query
    response, queries = visit(client, path, language)
    written = CONTENT in [used.name for used in response.templates]
    return response.content.decode(), written, queries


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_kept_dossier_is_the_dossier_written_each_time(client, kept, china, language):
    first, written, _queries = dossier(client, china, language)
    second, again, queries = dossier(client, china, language)
    assert (written, again, queries) == (True, False, 0)
    assert second == first
    with override_settings(RESULT_CACHE_SECONDS=0):
        computed, written, _queries = dossier(client, china, language)
    assert written and computed == first
    assert '<section id="trade">' in first and '<section id="sub-partners">' in first
    assert ("Mission à Pékin" if language == "fr" else "Beijing mission") in first


def test_each_language_has_its_own_dossier(client, kept, china):
    french, _written, _queries = dossier(client, china, "fr")
    english, written, _queries = dossier(client, china, "en")
    assert written
    assert "Water agreement" in english and "Entente sur l&#x27;eau" not in english
    assert "Entente sur l&#x27;eau" in french and "Water agreement" not in french


def test_a_new_year_of_figures_is_in_the_kept_dossier_at_once(client, kept, china, committed):
    before, _written, _queries = dossier(client, china)
    assert "2024" not in before
    with committed():
        factories.TradeFigureFactory(partner=china, year=2024, value_cad=6_000_000)
    after, written, _queries = dossier(client, china)
    assert written and '<th scope="row">2024</th>' in after


def test_a_mission_renamed_is_in_the_kept_dossier_at_once(client, kept, china, committed):
    dossier(client, china)
    mission = Mission.objects.get(title_fr="Mission à Pékin")
    with committed():
        mission.title_fr = "Mission à Shanghai"
        mission.save()
    html, written, _queries = dossier(client, china)
    assert written and "Mission à Shanghai" in html and "Mission à Pékin" not in html


def test_a_sub_partner_renamed_is_in_the_kept_dossier_at_once(client, kept, china, committed):
    dossier(client, china)
    child = china.children.get()
    with committed():
        child.name_fr = "Municipalité de Shanghai"
        child.save()
    html, written, _queries = dossier(client, china)
    assert written and "Municipalité de Shanghai</a>" in html


def test_a_preview_of_pending_changes_is_neither_kept_nor_read(client, kept, china, editor):
    public, _written, _queries = dossier(client, china)
    pending = versions.capture(china)
    pending["objects"][0]["fields"]["name_fr"] = "Chine en attente"
    versions.store(record=china, data=pending, user=editor)
    client.force_login(editor)
    preview, written, _queries = dossier(client, china, query="?preview=1")
    assert written and "<h1>Chine en attente</h1>" in preview
    client.logout()
    again, written, _queries = dossier(client, china)
    assert (again, written) == (public, False)
    assert "Chine en attente" not in again


def test_a_draft_previewed_by_staff_is_written_each_time(client, kept, editor, committed):
    with committed():
        draft = factories.PartnerFactory(
            slug="draft", name_fr="Brouillon", publication_status="draft", published_at=None
        )
    client.force_login(editor)
    for _visit in range(2):
        html, written, _queries = dossier(client, draft, query="?preview=1")
        assert written and "<h1>Brouillon</h1>" in html


def test_the_partner_it_belongs_to_renamed_is_in_the_kept_breadcrumbs_at_once(
    client, kept, china, committed
):
    shanghai = china.children.get()
    before, _written, _queries = dossier(client, shanghai)
    assert '<a href="/fr/partenaires/cn/">Chine</a></nav>' in before
    again, written, queries = dossier(client, shanghai)
    assert (again, written, queries) == (before, False, 0)
    with committed():
        china.name_fr = "République populaire de Chine"
        china.save()
    after, written, _queries = dossier(client, shanghai)
    assert (
        written and '<a href="/fr/partenaires/cn/">République populaire de Chine</a></nav>' in after
    )
