"""A list's filter panel (its form and the tags of the filters applied) kept per language, query
string and version of the records the filters offer (PublicListMixin.filter_panel()): a list page
gone cold neither checks its filters again nor writes its form, gives byte for byte the page a
build gives, and shows at once a rename of what a filter offers or names."""

from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from agreements.models import AgreementStatus
from agreements.views import AgreementListView
from missions.views import MissionListView
from partners.views import PartnerListView
from tests import factories
from tests.caches import UNREACHABLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(committed):
    with committed():
        china = factories.PartnerFactory(name_fr="Chine", name_en="China", slug="cn")
        factories.PartnerFactory(name_fr="Mexique", name_en="Mexico", slug="mx")
        health = factories.SectorFactory(name_fr="Santé", name_en="Health", slug="sante")
        water = factories.AgreementFactory(
            slug="eau",
            title_fr="Entente sur l'eau",
            title_en="Water agreement",
            status=AgreementStatus.IN_FORCE,
            parties=[china],
        )
        water.sectors.add(health)
    return china, water


def get(client, name, query="", language="fr"):
    with translation.override(language), CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name) + query)
    assert response.status_code == HTTPStatus.OK
    return response, [query["sql"] for query in queries.captured_queries]


def panels() -> list[str]:
    return sorted(key for key in cache._cache if ":fragment:filters:" in key)


FORM = "includes/filter_form.html"
FILTERED = "?partner=cn&status=in_force&sector=sante"


def test_a_filtered_list_gone_cold_is_read_back_whole_with_no_query(
    client, kept_fragments, records
):
    first, read = get(client, "agreements:list", FILTERED)
    again, queries = get(client, "agreements:list", FILTERED)
    assert again.content == first.content
    assert queries == []
    assert len(read) > 0
    assert "Partenaire\u00a0: Chine" in first.text
    assert '<option value="cn" selected>Chine</option>' in first.text
    # The form's order: partner, sector, status.
    title = (
        "<title>Ententes (Partenaire\u00a0: Chine, Secteur\u00a0: Santé, Statut\u00a0: En vigueur)"
    )
    assert title in first.text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_panel_read_back_is_the_one_a_build_writes(client, kept_fragments, records, language):
    query = FILTERED + "&year_from=abc&q=eau&sort=title"
    with override_settings(FRAGMENT_VERSIONS=False, RESULT_CACHE_SECONDS=0):
        built, _queries = get(client, "agreements:list", query, language)
    get(client, "agreements:list", query, language)
    kept_page, queries = get(client, "agreements:list", query, language)
    assert queries == []
    assert kept_page.content == built.content


def test_each_language_has_its_own_panel(client, kept_fragments, records):
    french, _queries = get(client, "agreements:list", "?status=in_force&year_from=abc")
    english, _queries = get(client, "agreements:list", "?status=in_force&year_from=abc", "en")
    assert "Statut\u00a0: En vigueur" in french.text
    assert "Status: In force" in english.text and "Statut" not in english.text
    assert french.context["filter_errors"] == {
        "year_from": "Signée à partir de l'année\u00a0: «\u00a0abc\u00a0» n'a pas été"
        " compris\u00a0; ce filtre a été ignoré."
    }
    assert english.context["filter_errors"] == {
        "year_from": "Signed from the year: “abc” was not understood; this filter was ignored."
    }
    assert len(panels()) == 2


def test_the_pages_of_a_list_share_its_panel(client, kept_fragments, records):
    get(client, "agreements:list", "?status=in_force")
    second, _queries = get(client, "agreements:list", "?status=in_force&page=2")
    assert len(panels()) == 1
    # Its tags' links and its form never carry the page.
    assert '<a href="?">Statut\u00a0: En vigueur' in second.text


def test_a_partner_renamed_is_named_at_once_by_the_tag_and_the_form(
    client, kept_fragments, committed, records
):
    china, _water = records
    get(client, "agreements:list", "?partner=cn")
    with committed():
        china.name_fr = "Chine populaire"
        china.save()
    response, _queries = get(client, "agreements:list", "?partner=cn")
    assert FORM in [template.name for template in response.templates]
    assert "Partenaire\u00a0: Chine populaire" in response.text
    assert '<option value="cn" selected>Chine populaire</option>' in response.text
    assert "(Partenaire\u00a0: Chine populaire)" in response.text


def test_an_agreement_edited_leaves_the_panel_kept(client, kept_fragments, committed, records):
    _china, water = records
    get(client, "agreements:list", FILTERED)
    with committed():
        water.title_fr = "Entente sur l'eau potable"
        water.save()
    response, _queries = get(client, "agreements:list", FILTERED)
    assert "Entente sur l&#x27;eau potable" in response.text
    # The list's records read again (and the filters' values checked, to read them); its panel
    # not written again.
    assert FORM not in [template.name for template in response.templates]
    assert len(panels()) == 1


def test_a_new_ministry_is_offered_at_once_by_the_mission_list(client, kept_fragments, committed):
    with committed():
        factories.MissionFactory(ministry_fr="Ministère de la Culture")
    first, _queries = get(client, "missions:list")
    assert ">Ministère de la Culture</option>" in first.text
    with committed():
        factories.MissionFactory(ministry_fr="Ministère des Finances")
    second, _queries = get(client, "missions:list")
    assert ">Ministère des Finances</option>" in second.text


def test_with_the_cache_unreachable_the_panel_is_written_each_time(client, kept_fragments, records):
    expected, _queries = get(client, "agreements:list", FILTERED)
    with override_settings(CACHES=UNREACHABLE):
        response, queries = get(client, "agreements:list", FILTERED)
    assert response.content == expected.content
    assert any('"partners_partner"."slug" = ' in sql for sql in queries)


@pytest.mark.parametrize("view", [PartnerListView, AgreementListView, MissionListView])
def test_the_panel_follows_every_model_its_filters_offer(rf, view):
    # A model choice filter reads its choices, and checks its value, among its queryset's
    # records: the panel must go cold when one of them changes.
    with translation.override("fr"):
        request = rf.get("/")
        instance = view()
        instance.setup(request)
        fields = instance.get_filterset().form.fields.values()
        offered = {field.queryset.model for field in fields if hasattr(field, "queryset")}
    assert offered <= set(view.filter_shows)
