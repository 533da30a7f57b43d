"""An agreement's and a mission's page read their record back from the results cache, by the
versions of what the page shows (PublicDetailMixin.published_record, config.cache.page_versions
with the record's key), and its key by its slug by the versions of its list page
(PublicDetailMixin.published_key): the same page, no query instead of seven or eight, an edit of
the record, of a row of it or of a record it shows seen at once in both languages, a withdrawal
or a changed slug at once, the redirects and 404s as before, never inside a preview."""

import datetime
import pickle
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation

from agreements.models import Agreement
from config.cache import page_versions, record_key
from partners.publishing import versions
from partners.publishing.models import PublicationStatus
from partners.publishing.results import result_key
from tests import factories
from tests.caches import LOCAL, UNREACHABLE
from tests.pages import visit

pytestmark = pytest.mark.django_db

# The record's key by its slug, the record, then its prefetches: parties, sectors, events,
# funding calls, missions of its signature; a mission's places (with their partners),
# delegation, sectors, recommendations, their public follow-ups, agreements signed.
AGREEMENT_QUERIES = 7
MISSION_QUERIES = 8


def redis_caches(server):
    return {
        "default": {
            "BACKEND": "config.redis_cache.ResilientRedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "test-detail-results",
            "RETRY_SECONDS": 0,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.fixture(params=["locmem", "redis"])
def kept(request):
    """Results kept (the page cache itself off: each page is built), in a cache of this test:
    this process's memory, or the production backend on the test's own Redis."""
    if request.param == "redis":
        caches = redis_caches(request.getfixturevalue("running_redis"))
    else:
        caches = LOCAL
    with override_settings(CACHES=caches, RESULT_CACHE_SECONDS=600):
        cache.clear()
        yield
        cache.clear()


def address(record, language="fr"):
    with translation.override(language):
        return record.get_absolute_url()


def text(client, path, language="fr"):
    response, queries = visit(client, path, language)
    return response.content.decode(), queries


def computed(client, path, language="fr"):
    """The page as it is built with no results cache."""
    with override_settings(RESULT_CACHE_SECONDS=0):
        return text(client, path, language)


def both(client, record):
    """The French and the English page of `record`."""
    return {code: text(client, address(record, code), code)[0] for code in ("fr", "en")}


@pytest.fixture
def agreement(committed):
    with committed():
        china = factories.PartnerFactory(name_fr="Chine", name_en="China", slug="cn")
        hidden = factories.PartnerFactory(
            name_fr="Partenaire caché",
            name_en="Hidden partner",
            publication_status=PublicationStatus.DRAFT,
        )
        health = factories.SectorFactory(name_fr="Santé", name_en="Health", slug="health")
        agreement = factories.AgreementFactory(
            title_fr="Entente sur l'eau",
            title_en="Water agreement",
            summary_fr="Des échanges d'experts.",
            summary_en="Exchanges of experts.",
            slug_fr="entente-eau",
            slug_en="water-agreement",
            parties=[china, hidden],
        )
        agreement.sectors.set([health])
        factories.AgreementEventFactory(
            agreement=agreement, kind="signed", date=datetime.date(2011, 5, 3), note_fr="À Pékin"
        )
        factories.AgreementEventFactory(
            agreement=agreement, kind="renewed", date=None, date_precision="unknown"
        )
        factories.AgreementEventFactory(
            agreement=agreement, kind="renewed", date=None, date_precision="unknown"
        )
        factories.FundingCallFactory(agreement=agreement, year=2019, budget_cad=250_000)
        mission = factories.MissionFactory(
            title_fr="Mission à Pékin", title_en="Beijing mission", slug="mission-pekin"
        )
        draft = factories.MissionFactory(
            title_fr="Mission en préparation", publication_status=PublicationStatus.DRAFT
        )
        mission.agreements_signed.add(agreement)
        draft.agreements_signed.add(agreement)
    return agreement


@pytest.fixture
def mission(committed, agreement):
    with committed():
        mission = agreement.missions_signed.get(slug_fr="mission-pekin")
        mission.context_fr = "Un contexte d'échanges."
        mission.save()
        factories.MissionPlaceFactory(
            mission=mission,
            city_fr="Pékin",
            city_en="Beijing",
            partner=agreement.parties.get(slug="cn"),
        )
        factories.DelegationMemberFactory(mission=mission, name="Marie Tremblay")
        recommendation = factories.RecommendationFactory(mission=mission)
        factories.FollowUpActionFactory(recommendation=recommendation, is_public=True)
        factories.FollowUpActionFactory(
            recommendation=recommendation, description_fr="Note interne", is_public=False
        )
        mission.sectors.set(agreement.sectors.all())
    return mission


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_second_agreement_page_reads_its_record_back_and_is_the_same_page(
    client, kept, agreement, language
):
    path = address(agreement, language)
    first, read = text(client, path, language)
    second, again = text(client, path, language)
    # The record's key by its slug, the record and its five prefetches: all read back.
    assert (read, again) == (AGREEMENT_QUERIES, 0)
    assert second == first
    assert computed(client, path, language) == (first, AGREEMENT_QUERIES)
    shown = {
        "fr": ["Entente sur l&#x27;eau", "Chine", "Partenaire caché", "Santé", "À Pékin"],
        "en": ["Water agreement", "China", "Hidden partner", "Health", "Exchanges of experts."],
    }[language]
    assert all(part in first for part in shown)
    assert ("Mission à Pékin" if language == "fr" else "Beijing mission") in first
    assert "Mission en préparation" not in first
    assert '<table class="data">' in first  # the call for projects


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_second_mission_page_reads_its_record_back_and_is_the_same_page(
    client, kept, mission, language
):
    path = address(mission, language)
    first, read = text(client, path, language)
    second, again = text(client, path, language)
    assert (read, again) == (MISSION_QUERIES, 0)
    assert second == first
    assert computed(client, path, language) == (first, MISSION_QUERIES)
    shown = {
        "fr": ["Mission à Pékin", "Pékin", "Chine", "Marie Tremblay", "Poursuivre les échanges"],
        "en": ["Beijing mission", "Beijing", "China", "Marie Tremblay", "Continue the exchanges"],
    }[language]
    assert all(part in first for part in shown)
    assert ("Entente sur l&#x27;eau" if language == "fr" else "Water agreement") in first
    assert "Actualiser l&#x27;entente" in first or "Update the agreement" in first
    assert "Note interne" not in first


def test_french_and_english_records_are_kept_apart(client, kept, agreement):
    pages = both(client, agreement)
    assert "Water agreement" in pages["en"] and "Water agreement" not in pages["fr"]
    assert both(client, agreement) == pages
    assert text(client, address(agreement, "en"), "en")[1] == 0


def test_an_edit_of_the_agreement_shows_at_once_in_both_languages(
    client, kept, committed, agreement
):
    both(client, agreement)
    with committed():
        agreement.title_fr = "Entente sur l'eau potable"
        agreement.title_en = "Drinking water agreement"
        agreement.save()
    pages = both(client, agreement)
    assert "Entente sur l&#x27;eau potable" in pages["fr"]
    assert "Drinking water agreement" in pages["en"]


def test_an_edit_of_an_event_shows_at_once_in_both_languages(client, kept, committed, agreement):
    both(client, agreement)
    with committed():
        event = agreement.events.get(kind="signed")
        event.note_fr, event.note_en = "À Shanghai", "In Shanghai"
        event.save()
    pages = both(client, agreement)
    assert "À Shanghai" in pages["fr"] and "À Pékin" not in pages["fr"]
    assert "In Shanghai" in pages["en"]
    # The computed page is the one read: the same bytes.
    assert pages["fr"] == computed(client, address(agreement))[0]


def test_a_new_event_and_a_removed_call_show_at_once(client, kept, committed, agreement):
    before = both(client, agreement)
    with committed():
        factories.AgreementEventFactory(
            agreement=agreement,
            kind="amended",
            date=datetime.date(2020, 2, 1),
            note_fr="Avenant sur les bourses",
            note_en="Amended for grants",
        )
        agreement.funding_calls.get().delete()
    after = both(client, agreement)
    calls = '<table class="data">'
    for language, note in (("fr", "Avenant sur les bourses"), ("en", "Amended for grants")):
        assert after[language] == computed(client, address(agreement, language), language)[0]
        assert note in after[language] and note not in before[language]
        assert calls in before[language] and calls not in after[language]


def test_a_partys_new_name_shows_at_once_on_the_agreement_and_the_mission(
    client, kept, committed, mission
):
    agreement = mission.agreements_signed.get()
    both(client, agreement)
    both(client, mission)
    with committed():
        china = agreement.parties.get(slug="cn")
        china.name_fr, china.name_en = "République populaire de Chine", "People's Republic"
        china.save()
    for record in (agreement, mission):
        pages = both(client, record)
        assert "République populaire de Chine" in pages["fr"]
        assert "People&#x27;s Republic" in pages["en"]


def test_the_mission_of_its_signature_renamed_or_withdrawn_shows_at_once(
    client, kept, committed, agreement
):
    both(client, agreement)
    mission = agreement.missions_signed.get(slug_fr="mission-pekin")
    with committed():
        mission.title_fr, mission.title_en = "Mission à Shanghai", "Shanghai mission"
        mission.save()
    pages = both(client, agreement)
    assert "Mission à Shanghai" in pages["fr"] and "Shanghai mission" in pages["en"]
    with committed():
        mission.publication_status = PublicationStatus.DRAFT
        mission.save()
    pages = both(client, agreement)
    assert "Mission à Shanghai" not in pages["fr"] and "Shanghai mission" not in pages["en"]


def test_a_place_delegate_and_follow_up_edited_show_at_once_on_the_mission(
    client, kept, committed, mission
):
    both(client, mission)
    with committed():
        place = mission.places.get()
        place.city_fr, place.city_en = "Canton", "Guangzhou"
        place.save()
        member = mission.delegation.get()
        member.name = "Jean Gagnon"
        member.save()
    pages = both(client, mission)
    assert "Canton" in pages["fr"] and "Guangzhou" in pages["en"]
    assert all("Jean Gagnon" in content for content in pages.values())
    with committed():  # a row under a row of the mission: every mission's page goes cold
        action = mission.recommendations.get().follow_ups.get(is_public=False)
        action.is_public = True
        action.save()
    pages = both(client, mission)
    assert "Note interne" in pages["fr"]
    assert pages["fr"] == computed(client, address(mission))[0]


def test_an_agreement_linked_to_the_mission_renamed_shows_on_the_mission(
    client, kept, committed, mission
):
    both(client, mission)
    with committed():
        agreement = mission.agreements_signed.get()
        agreement.title_fr = "Entente sur l'eau, révisée"
        agreement.save()
    assert "Entente sur l&#x27;eau, révisée" in both(client, mission)["fr"]
    with committed():
        mission.agreements_signed.clear()
    assert "Entente sur l&#x27;eau" not in both(client, mission)["fr"]


def test_an_edit_of_another_agreement_keeps_the_record(client, kept, committed, agreement):
    with committed():
        other = factories.AgreementFactory(title_fr="Entente mexicaine")
    first, _queries = text(client, address(agreement))
    with committed():
        other.title_fr = "Entente mexicaine révisée"
        other.save()
    # Any agreement's save moves their topic: the key is read again (one query), not the record.
    assert text(client, address(agreement)) == (first, 1)


def test_the_slug_of_the_other_language_redirects_as_before(client, kept, agreement):
    french = address(agreement, "fr")
    english = address(agreement, "en")
    named_in_french = english.replace("water-agreement", "entente-eau")
    for _visit in range(2):  # the record computed, then read back
        response, _queries = visit(
            client, named_in_french + "?x=1", "en", status=HTTPStatus.MOVED_PERMANENTLY
        )
        assert response["Location"] == english + "?x=1"
    # The key by the English slug (one query), the record the redirect read.
    assert text(client, english, "en")[1] == 1
    # Its key by the French slug, kept (it took two queries: the page's language's slug, then
    # the other's), the record read back.
    response, queries = visit(client, named_in_french, "en", HTTPStatus.MOVED_PERMANENTLY)
    assert (response["Location"], queries) == (english, 0)
    assert text(client, french)[1] == AGREEMENT_QUERIES  # kept per language


def test_unknown_draft_and_withdrawn_records_are_not_found(client, kept, committed, agreement):
    draft = factories.AgreementFactory(publication_status=PublicationStatus.DRAFT)
    with translation.override("fr"):
        missing = address(agreement).replace("entente-eau", "entente-inconnue")
    for path in (missing, address(draft)):
        assert visit(client, path, "fr", HTTPStatus.NOT_FOUND)[1] == 2  # one slug per language
    text(client, address(agreement))
    with committed():
        agreement.publication_status = PublicationStatus.DRAFT
        agreement.save()
    visit(client, address(agreement), "fr", HTTPStatus.NOT_FOUND)


def kept_in_both(client, record):
    """Its pages and its address by its French slug on the English side, read twice: its key by
    each slug kept, its record kept; each read back with no query."""
    french, english = address(record, "fr"), address(record, "en")
    named_in_french = english.replace(record.slug_en, record.slug_fr)
    for _visit in range(2):
        text(client, french, "fr")
        text(client, english, "en")
        visit(client, named_in_french, "en", HTTPStatus.MOVED_PERMANENTLY)
    assert text(client, french, "fr")[1] == text(client, english, "en")[1] == 0
    return french, english, named_in_french


@pytest.mark.parametrize("kind", ["agreement", "mission"])
def test_a_withdrawn_record_is_not_found_at_once_by_any_slug(
    client, kept, committed, mission, kind
):
    record = mission if kind == "mission" else mission.agreements_signed.get()
    paths = kept_in_both(client, record)
    with committed():
        record.publication_status = PublicationStatus.DRAFT
        record.save()
    for path, language in zip(paths, ("fr", "en", "en"), strict=True):
        visit(client, path, language, HTTPStatus.NOT_FOUND)
    with committed():
        record.publication_status = PublicationStatus.PUBLISHED
        record.save()
    french, english, named_in_french = paths
    assert text(client, french, "fr")[0] == computed(client, french, "fr")[0]
    response, _queries = visit(client, named_in_french, "en", HTTPStatus.MOVED_PERMANENTLY)
    assert response["Location"] == english


def test_a_changed_slug_answers_at_once_and_the_old_one_no_longer(
    client, kept, committed, agreement
):
    french, english, named_in_french = kept_in_both(client, agreement)
    with committed():
        agreement.slug_fr, agreement.slug_en = "entente-eau-potable", "drinking-water"
        agreement.title_en = "Drinking water agreement"
        agreement.save()
    for path, language in ((french, "fr"), (english, "en"), (named_in_french, "en")):
        visit(client, path, language, HTTPStatus.NOT_FOUND)
    new_french, new_english = address(agreement, "fr"), address(agreement, "en")
    assert new_french.endswith("/entente-eau-potable/") and new_english.endswith("/drinking-water/")
    pages = both(client, agreement)
    assert "Drinking water agreement" in pages["en"]
    assert pages == {
        code: computed(client, address(agreement, code), code)[0] for code in ("fr", "en")
    }
    response, _queries = visit(
        client, new_english.replace("drinking-water", "entente-eau-potable"), "en", status=301
    )
    assert response["Location"] == new_english


def test_a_slug_given_up_names_the_record_that_takes_it(client, kept, committed, agreement):
    """A slug kept as one record's key names another once that one takes it: the lookup is
    kept by the versions of every record of the model, not the record it found."""
    _french, english, _named = kept_in_both(client, agreement)
    with committed():
        agreement.slug_en = "water-agreement-2011"
        agreement.save()
        other = factories.AgreementFactory(
            title_en="Another water agreement", slug_fr="autre-entente-eau"
        )
    with committed():
        other.slug_en = "water-agreement"
        other.save()
    content, _queries = text(client, english, "en")
    assert "Another water agreement" in content
    assert content == computed(client, english, "en")[0]
    assert text(client, english, "en") == (content, 0)


def test_the_page_versions_of_a_detail_page_need_its_record(kept, committed, agreement):
    kwargs = {"slug": "entente-eau"}
    assert page_versions("agreements:detail", kwargs) is None
    assert page_versions("home", {}, agreement.pk) is None  # no record on that page
    held = page_versions("agreements:detail", kwargs, agreement.pk)
    assert held.split(".")[-1] == str(cache.get(record_key("agreements.agreement", agreement.pk)))
    assert page_versions("agreements:detail", kwargs, agreement.pk) == held
    with committed():
        agreement.events.first().save()
    assert page_versions("agreements:detail", kwargs, agreement.pk) != held


def test_a_preview_never_reads_or_writes_the_kept_record(client, kept, agreement, editor):
    path = address(agreement)
    public, _queries = text(client, path)
    # What the public page keeps, read back: marked, to see whether a page reads it.
    with translation.override("fr"):
        held = page_versions("agreements:detail", {"slug": "entente-eau"}, agreement.pk)
        key = result_key("detail:agreements.agreement", (agreement.pk,), held)
    (record,) = cache.get(key)
    record.title_fr = "Titre lu dans le cache"
    cache.set(key, (record,), 600)
    assert "Titre lu dans le cache" in text(client, path)[0]
    data = versions.capture(agreement)
    data["objects"][0]["fields"]["summary_fr"] = "Texte à venir."
    versions.store(record=agreement, data=data, user=editor)
    client.force_login(editor)
    before = pickle.dumps(cache.get(key))
    preview, _queries = text(client, path + "?preview=1")
    assert "Texte à venir." in preview and "Titre lu dans le cache" not in preview
    assert pickle.dumps(cache.get(key)) == before
    assert Agreement.objects.get().summary_fr == "Des échanges d'experts."
    assert "Des échanges d&#x27;experts." in public


def test_a_preview_of_a_record_without_pending_changes_keeps_nothing(
    client, kept, agreement, editor
):
    client.force_login(editor)
    preview, queries = text(client, address(agreement) + "?preview=1")
    assert queries > AGREEMENT_QUERIES  # the user, the permission, a pending version
    assert "Entente sur l&#x27;eau" in preview
    with translation.override("fr"):
        held = page_versions("agreements:detail", {"slug": "entente-eau"}, agreement.pk)
        key = result_key("detail:agreements.agreement", (agreement.pk,), held)
    assert cache.get(key) is None


def test_with_the_cache_unreachable_the_record_is_read_each_time(client, mission):
    agreement = mission.agreements_signed.get()
    expected = {record: computed(client, address(record)) for record in (agreement, mission)}
    with override_settings(CACHES=UNREACHABLE, RESULT_CACHE_SECONDS=600):
        for _visit in range(2):
            for record, (content, queries) in expected.items():
                assert text(client, address(record)) == (content, queries)
    assert [queries for _content, queries in expected.values()] == [
        AGREEMENT_QUERIES,
        MISSION_QUERIES,
    ]


# What each page shows under its title, written from its own template and kept as its record is
# (AgreementDetailView.written_content(), MissionDetailView.written_content()).
CONTENTS = {
    "agreement": "agreements/includes/agreement_content.html",
    "mission": "missions/includes/mission_content.html",
}


def written(client, path, language="fr"):
    """The page, whether its content was written by this request, and its queries."""
    response, queries = visit(client, path, language)
    names = [used.name for used in response.templates]
    return response.content.decode(), any(name in CONTENTS.values() for name in names), queries


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("kind", ["agreement", "mission"])
def test_the_kept_content_is_the_content_written_each_time(client, kept, mission, kind, language):
    record = mission if kind == "mission" else mission.agreements_signed.get()
    path = address(record, language)
    first, wrote, _queries = written(client, path, language)
    second, again, queries = written(client, path, language)
    assert (wrote, again, queries) == (True, False, 0)
    assert second == first
    with override_settings(RESULT_CACHE_SECONDS=0):
        each_time, wrote, _queries = written(client, path, language)
    assert wrote and each_time == first
    title = {
        ("agreement", "fr"): "<h1>Entente sur l&#x27;eau</h1>",
        ("agreement", "en"): "<h1>Water agreement</h1>",
        ("mission", "fr"): "<h1>Mission à Pékin</h1>",
        ("mission", "en"): "<h1>Beijing mission</h1>",
    }[(kind, language)]
    assert f"\n{title}\n" in first


@pytest.mark.parametrize("kind", ["agreement", "mission"])
def test_a_partys_new_name_is_in_the_kept_content_at_once(client, kept, committed, mission, kind):
    record = mission if kind == "mission" else mission.agreements_signed.get()
    both(client, record)
    with committed():
        china = mission.places.get().partner
        china.name_fr, china.name_en = "République populaire de Chine", "People's Republic"
        china.save()
    french, wrote_fr, _queries = written(client, address(record, "fr"), "fr")
    english, wrote_en, _queries = written(client, address(record, "en"), "en")
    assert wrote_fr and wrote_en
    assert '<a href="/fr/partenaires/cn/">République populaire de Chine</a>' in french
    assert '<a href="/en/partners/cn/">People&#x27;s Republic</a>' in english


def test_a_preview_writes_the_content_each_time_and_keeps_none(client, kept, agreement, editor):
    path = address(agreement)
    public, _wrote, _queries = written(client, path)
    data = versions.capture(agreement)
    data["objects"][0]["fields"]["title_fr"] = "Entente à venir"
    versions.store(record=agreement, data=data, user=editor)
    client.force_login(editor)
    for _visit in range(2):
        preview, wrote, _queries = written(client, path + "?preview=1")
        assert wrote and "<h1>Entente à venir</h1>" in preview
    client.logout()
    again, wrote, queries = written(client, path)
    assert (again, wrote, queries) == (public, False, 0)
    assert "Entente à venir" not in again
