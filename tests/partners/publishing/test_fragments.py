"""A list's cards cached by what they show (partners/publishing/fragments.py): an edit of
anything a card shows is on the list at once, with the page cache off as the tests run."""

import pickle
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from agreements.models import Agreement
from partners.models import Partner
from partners.publishing import fragments
from tests import factories
from tests.caches import UNREACHABLE

pytestmark = pytest.mark.django_db

CARD = "agreements/agreement_card.html"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def agreement_list(client, language="fr"):
    with translation.override(language):
        response = client.get(reverse("agreements:list"))
    assert response.status_code == HTTPStatus.OK
    return response


def cards_written(response, template=CARD) -> int:
    return sum(1 for used in response.templates if used.name == template)


def card_keys() -> list[str]:
    return sorted(key for key in cache._cache if ":card:" in key)


def test_a_second_visit_writes_no_card_and_gives_the_same_page(client):
    factories.AgreementFactory.create_batch(3)
    first = agreement_list(client)
    second = agreement_list(client)
    assert cards_written(first) == 3
    assert cards_written(second) == 0
    assert second.content == first.content
    assert len(card_keys()) == 3


def test_a_title_edit_is_on_the_list_at_once(client):
    agreement = factories.AgreementFactory(title_fr="Entente sur l'eau")
    assert "Entente sur l&#x27;eau" in agreement_list(client).text
    agreement.title_fr = "Entente sur les forêts"
    agreement.save()
    page = agreement_list(client).text
    assert "Entente sur les forêts" in page
    assert "Entente sur l&#x27;eau" not in page


def test_a_partner_renamed_changes_the_cards_naming_it_and_no_other(client):
    china, mexico = factories.PartnerFactory(name_fr="Chine"), factories.PartnerFactory()
    factories.AgreementFactory(parties=[china])
    factories.AgreementFactory(parties=[mexico])
    agreement_list(client)
    china.name_fr = "République populaire de Chine"
    china.save()
    response = agreement_list(client)
    assert cards_written(response) == 1  # the card naming China only
    assert "République populaire de Chine</p>" in response.text
    # A bulk update sends no signal: the card shows what it shows, not a version.
    Partner.objects.filter(pk=china.pk).update(name_fr="Chine populaire")
    response = agreement_list(client)
    assert cards_written(response) == 1
    assert "Chine populaire</p>" in response.text
    assert "République populaire de Chine" not in response.text


def test_a_card_in_the_other_language_is_its_own(client):
    factories.AgreementFactory(title_fr="Entente sur l'eau", title_en="Water agreement")
    french, english = agreement_list(client, "fr"), agreement_list(client, "en")
    assert cards_written(french) == cards_written(english) == 1
    assert "Entente sur l&#x27;eau" in french.text and "Water agreement" not in french.text
    assert "Water agreement" in english.text and "Entente sur l" not in english.text
    assert len(card_keys()) == 2


def test_a_latest_step_added_changes_the_card(client):
    agreement = factories.AgreementFactory(status="in_force")
    agreement_list(client)
    factories.AgreementEventFactory(agreement=agreement, kind="renewed", date="2019-04-01")
    response = agreement_list(client)
    assert cards_written(response) == 1
    assert "renouvelée le 1er avril 2019" in response.text


def test_a_mission_place_renamed_changes_its_card(client):
    place = factories.MissionPlaceFactory(city_fr="Pékin")
    with translation.override("fr"):
        assert "Pékin" in client.get(reverse("missions:list")).text
        place.city_fr = "Beijing"
        place.save()
        response = client.get(reverse("missions:list"))
    assert cards_written(response, "missions/mission_card.html") == 1
    assert "Beijing</p>" in response.text and "Pékin" not in response.text


def test_a_parent_renamed_changes_the_partner_rows_that_name_it(client):
    country = factories.PartnerFactory(name_fr="Chine", kind="country")
    factories.PartnerFactory(name_fr="Shanghai", parent=country)
    with translation.override("fr"):
        client.get(reverse("partners:list"))
        Partner.objects.filter(pk=country.pk).update(name_fr="Chine populaire")
        response = client.get(reverse("partners:list"))
    assert cards_written(response, "partners/partner_row.html") == 2  # China's, Shanghai's
    assert '<span class="meta">(Chine populaire)</span>' in response.text


def test_with_the_cache_unreachable_every_card_is_written(client):
    factories.AgreementFactory.create_batch(2)
    expected = agreement_list(client).content
    with override_settings(CACHES=UNREACHABLE):
        for _ in range(2):
            response = agreement_list(client)
            assert cards_written(response) == 2
            assert response.content == expected


def test_the_key_holds_what_the_template_reads_of_the_record():
    agreement = factories.AgreementFactory()
    listed = Agreement.objects.prefetch_related("parties").get(pk=agreement.pk)
    again = Agreement.objects.prefetch_related("parties").get(pk=agreement.pk)
    with translation.override("fr"):
        key = fragments.card_key(CARD, "d", listed, {})
        assert fragments.card_key(CARD, "d", again, {}) == key
        assert fragments.card_key(CARD, "d", listed, {"label": "Genre"}) != key
        listed.status = "ended"
        assert fragments.card_key(CARD, "d", listed, {}) != key
    with translation.override("en"):
        assert fragments.card_key(CARD, "d", again, {}) != key


# The filters' choices, kept by the versions of the topics they show (config/cache.py), which move
# when a change commits: these tests run the commit's callbacks.


@pytest.fixture
def committed(committed, fragment_versions):
    return committed


def queries_of(client, name, query="", language="fr"):
    with translation.override(language), CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name) + query)
    assert response.status_code == HTTPStatus.OK
    return response, [query["sql"] for query in queries.captured_queries]


def test_the_choices_are_read_once_per_version_and_a_rename_shows_at_once(client, committed):
    with committed():
        china = factories.PartnerFactory(name_fr="Chine", slug="cn")
        factories.AgreementFactory(parties=[china])
    first, read = queries_of(client, "agreements:list")
    second, again = queries_of(client, "agreements:list")
    assert second.content == first.content
    # The count, the page's agreements and their parties; the published partners' and the
    # sectors' choices only the first time.
    assert (len(read), len(again)) == (5, 3)
    assert not any('FROM "partners_sector"' in sql for sql in again)
    assert '<option value="cn">Chine</option>' in second.text
    with committed():
        china.name_fr = "Chine populaire"
        china.save()
    third, _queries = queries_of(client, "agreements:list")
    assert '<option value="cn">Chine populaire</option>' in third.text


def test_the_chosen_option_is_marked_per_request_from_the_same_choices(client, committed):
    with committed():
        china = factories.PartnerFactory(name_fr="Chine", slug="cn")
        factories.PartnerFactory(name_fr="Mexique", slug="mx")
        factories.AgreementFactory(parties=[china])
    plain, _queries = queries_of(client, "agreements:list")
    chosen, queries = queries_of(client, "agreements:list", "?partner=mx")
    assert not any("ORDER BY" in sql and 'FROM "partners_sector"' in sql for sql in queries)
    assert '<option value="mx">Mexique</option>' in plain.text
    assert '<option value="mx" selected>Mexique</option>' in chosen.text
    assert '<option value="cn">Chine</option>' in chosen.text
    again, _queries = queries_of(client, "agreements:list")
    assert " selected>Mexique" not in again.text


def test_the_choices_of_each_language_are_their_own(client, committed):
    with committed():
        factories.SectorFactory(name_fr="Santé", name_en="Health", slug="sante")
    french, _queries = queries_of(client, "agreements:list", language="fr")
    english, _queries = queries_of(client, "agreements:list", language="en")
    assert ">Santé</option>" in french.text and ">Health</option>" not in french.text
    assert ">Health</option>" in english.text and ">Santé</option>" not in english.text


def test_a_new_ministry_is_offered_once_its_mission_is_published(client, committed):
    with committed():
        factories.MissionFactory(ministry_fr="Ministère de la Culture")
    first, _queries = queries_of(client, "missions:list")
    assert ">Ministère de la Culture</option>" in first.text
    with committed():
        factories.MissionFactory(ministry_fr="Ministère des Finances")
    second, _queries = queries_of(client, "missions:list", "?ministry=Ministère des Finances")
    assert '<option value="Ministère des Finances" selected>' in second.text
    assert "1 mission</p>" in second.text


def test_with_the_cache_unreachable_the_choices_are_read_each_time(client, committed):
    with committed():
        factories.PartnerFactory(name_fr="Chine", slug="cn")
    expected, read = queries_of(client, "agreements:list")
    with override_settings(CACHES=UNREACHABLE):
        response, queries = queries_of(client, "agreements:list")
    assert response.content == expected.content
    assert len(queries) == len(read)


def test_a_partner_with_its_first_trade_figures_is_offered_by_the_explorer(client, committed):
    with committed():
        factories.TradeFigureFactory(partner=factories.PartnerFactory(name_fr="Chine", slug="cn"))
        mexico = factories.PartnerFactory(name_fr="Mexique", slug="mx")
    first, _queries = queries_of(client, "trade:explorer")
    assert '<option value="cn">Chine</option>' in first.text
    assert '<option value="mx">' not in first.text
    with committed():
        factories.TradeFigureFactory(partner=mexico)
    second, _queries = queries_of(client, "trade:explorer", "?partner=cn&partner=mx")
    assert '<option value="cn" selected>Chine</option>' in second.text
    assert '<option value="mx" selected>Mexique</option>' in second.text


def test_the_dossiers_agreements_are_cards_written_once_and_edited_at_once(client):
    china = factories.PartnerFactory(name_fr="Chine", slug="cn")
    agreement = factories.AgreementFactory(parties=[china], title_fr="Entente sur l'eau")
    factories.AgreementFactory(parties=[china], status="in_force")
    item = "partners/includes/dossier_agreement.html"
    with translation.override("fr"):
        path = china.get_absolute_url()
    first, second = client.get(path), client.get(path)
    assert (cards_written(first, item), cards_written(second, item)) == (2, 0)
    assert second.content == first.content
    assert 'Entente sur l&#x27;eau</a> <span class="meta">' in second.text
    agreement.title_fr = "Entente sur les forêts"
    agreement.save()
    third = client.get(path)
    assert cards_written(third, item) == 1
    assert "Entente sur les forêts</a>" in third.text and "Entente sur l&#x27;eau" not in third.text


def test_a_record_read_back_from_the_cache_has_the_key_of_the_one_its_query_loaded():
    agreement = factories.AgreementFactory(parties=[factories.PartnerFactory()])
    loaded = Agreement.objects.prefetch_related("parties").get(pk=agreement.pk)
    read_back = pickle.loads(pickle.dumps(loaded))
    assert "_django_version" in read_back.__dict__
    assert fragments.fingerprint(read_back) == fragments.fingerprint(loaded)
