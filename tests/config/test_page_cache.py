"""Anonymous visitors get cached pages; any publication or edit shows at once, and makes cold only
the pages that can show it."""

import datetime
import io
import logging
import secrets

import pytest
import time_machine
from django.apps import apps
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement
from agreements.views import AgreementListView
from config.cache import (
    MODEL_TOPICS,
    SITE_KEY,
    TOPICS,
    TRADE,
    changed_keys,
    project_models,
    topic_key,
    versions,
)
from config.demo.generate import clear_generated, generate
from missions.views import MissionListView
from partners.models import Partner, Sector
from partners.publishing import services as workflow
from partners.publishing.models import PublicationStatus
from partners.publishing.signals import content_changed
from partners.trade.importing import import_trade_file, rollback_batch
from tests import factories
from tests.caches import LOCAL

pytestmark = pytest.mark.django_db


def redis_caches(server):
    """The production cache (config/settings/base.py) on the test's own Redis server."""
    return {
        "default": {
            "BACKEND": "config.redis_cache.ResilientRedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "test-page-cache",
            "RETRY_SECONDS": 0,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.fixture(params=["redis", "locmem"])
def page_cache(request):
    if request.param == "redis":
        caches = redis_caches(request.getfixturevalue("running_redis"))
    else:
        caches = LOCAL
    with override_settings(
        CACHES=caches, PAGE_CACHE_SECONDS=300, ROOT_URLCONF="tests.config.cache_urls"
    ):
        cache.clear()
        yield
        cache.clear()


def get(client, path="/fr/titles/"):
    response = client.get(path)
    return response.get("X-Page-Cache"), response.content.decode()


def page_keys(prefix: str = "page:") -> set[str]:
    """The page keys (or others, by prefix) in the cache backend itself, without its prefix and
    key version."""
    backend = caches["default"]
    if isinstance(backend, LocMemCache):
        stored = list(backend._cache)
    else:
        client = backend._cache.get_client()
        stored = [key.decode() for key in client.keys(backend.make_key("*"))]
    keys = {key.split(":", 2)[2] for key in stored}
    return {key for key in keys if key.startswith(prefix)}


def page_key(path: str, language: str = "fr") -> str:
    return f"page:{language}:{path}"


@pytest.fixture
def sent():
    """The senders of content_changed, in order."""
    senders = []

    def receiver(sender, **kwargs):
        senders.append(sender)

    content_changed.connect(receiver, dispatch_uid="test-page-cache-sent")
    yield senders
    content_changed.disconnect(dispatch_uid="test-page-cache-sent")


def test_second_visit_is_served_from_the_cache_without_a_query(
    client, page_cache, django_assert_num_queries
):
    factories.AgreementFactory(title_fr="Entente A", title_en="Agreement A")
    assert get(client) == ("miss", "Entente A")
    with django_assert_num_queries(0):
        assert get(client) == ("hit", "Entente A")
    # Each language is its own page.
    assert get(client, "/en/titles/") == ("miss", "Agreement A")


def test_an_edit_and_a_publication_show_at_once(
    client, page_cache, publisher, django_capture_on_commit_callbacks
):
    # The version moves on when the change commits: run those callbacks as a commit would.
    def committed():
        return django_capture_on_commit_callbacks(execute=True)

    with committed():
        agreement = factories.AgreementFactory(title_fr="Entente A")
        draft = factories.AgreementFactory(
            title_fr="Entente B",
            publication_status=PublicationStatus.SUBMITTED,
            published_at=None,
            summary_fr="R",
            summary_en="S",
        )
    assert get(client) == ("miss", "Entente A")
    with committed():
        agreement.title_fr = "Entente A révisée"
        agreement.save()
    assert get(client) == ("miss", "Entente A révisée")
    assert get(client)[0] == "hit"
    with committed():
        workflow.move(record=draft, to_status="published", user=publisher)
    assert get(client) == ("miss", "Entente A révisée, Entente B")
    # A change to a relation counts too.
    with committed():
        agreement.parties.add(factories.PartnerFactory())
    assert get(client)[0] == "miss"
    # An uncommitted change (a rolled-back transaction) leaves the cached page alone.
    with django_capture_on_commit_callbacks(execute=False):
        agreement.title_fr = "Jamais enregistré"
        agreement.save()
    assert get(client) == ("hit", "Entente A révisée, Entente B")


def test_staff_and_pages_that_set_cookies_are_never_cached(client, page_cache, editor):
    factories.AgreementFactory(title_fr="Entente A")
    assert get(client, "/fr/private/") == (None, "private")
    assert get(client, "/fr/private/") == (None, "private")
    client.force_login(editor)
    response = client.get("/fr/titles/?kind=declaration&utm=1")
    assert "X-Page-Cache" not in response
    # Staff get the page built for them, with every parameter they sent, and nothing is stored.
    assert response.content.decode() == "?kind=declaration&utm=1"
    assert page_keys() == set()


def test_parameters_the_view_does_not_understand_share_one_entry(client, page_cache):
    factories.AgreementFactory(title_fr="Entente A")
    assert get(client) == ("miss", "Entente A")
    # The view never sees them: the page is exactly the page of its key.
    assert get(client, "/fr/titles/?utm=1&x=2") == ("hit", "Entente A")
    assert get(client, "/fr/titles/?x=2&utm=1&preview=1") == ("hit", "Entente A")
    assert page_keys() == {page_key("/fr/titles/")}


def test_the_parameters_the_view_understands_make_distinct_entries(client, page_cache):
    factories.AgreementFactory(title_fr="Entente A", kind="agreement")
    factories.AgreementFactory(title_fr="Déclaration B", kind="declaration")
    assert get(client, "/fr/titles/?page=2&kind=declaration&utm=1") == (
        "miss",
        "Déclaration B ?kind=declaration&page=2",
    )
    # Same parameters in another order, other stray ones, another encoding: the same entry.
    assert get(client, "/fr/titles/?kind=declaration&x=%C3%A9&page=2") == (
        "hit",
        "Déclaration B ?kind=declaration&page=2",
    )
    assert get(client, "/fr/titles/?kind=agreement") == ("miss", "Entente A ?kind=agreement")
    # A name's values keep their order (the page lists them in that order).
    assert get(client, "/fr/titles/?kind=declaration&kind=agreement")[0] == "miss"
    assert get(client, "/fr/titles/?kind=agreement&kind=declaration")[0] == "miss"
    assert get(client, "/en/titles/?kind=agreement")[0] == "miss"
    assert page_keys() == {
        page_key("/fr/titles/?kind=declaration&page=2"),
        page_key("/fr/titles/?kind=agreement"),
        page_key("/fr/titles/?kind=declaration&kind=agreement"),
        page_key("/fr/titles/?kind=agreement&kind=declaration"),
        page_key("/en/titles/?kind=agreement", "en"),
    }


def test_a_thousand_random_query_strings_add_no_entry(client, page_cache):
    factories.AgreementFactory(title_fr="Entente A")
    assert get(client, "/fr/titles/?kind=agreement")[0] == "miss"
    before = page_keys()
    answers = set()
    for _ in range(1000):
        stray = secrets.token_hex(8)
        answers.add(get(client, f"/fr/titles/?kind=agreement&{stray}={stray}&utm_{stray}=1"))
    assert answers == {("hit", "Entente A ?kind=agreement")}
    assert page_keys() == before == {page_key("/fr/titles/?kind=agreement")}


def test_an_understood_parameter_with_a_huge_value_is_answered_but_never_stored(client, page_cache):
    factories.AgreementFactory(title_fr="Entente A")
    before = page_keys()
    huge = "x" * 3000
    assert get(client, f"/fr/titles/?kind={huge}")[0] is None  # neither hit nor miss
    assert page_keys() == before


def test_a_thousand_random_query_strings_add_nothing_to_redis(client, running_redis):
    """On the site's own pages, against a real Redis: every key Redis holds, not only pages."""
    factories.AgreementFactory(title_fr="Entente A", slug="entente-a")
    pages = ["/fr/", "/fr/ententes/?statut=en_vigueur", "/fr/ententes/entente-a/", "/sitemap.xml"]
    with override_settings(CACHES=redis_caches(running_redis), PAGE_CACHE_SECONDS=300):
        assert [client.get(page)["X-Page-Cache"] for page in pages] == ["miss"] * 4
        before = running_redis.keys()
        states = set()
        for number in range(1000):
            page = pages[number % len(pages)]
            stray = secrets.token_hex(8)
            joiner = "&" if "?" in page else "?"
            states.add(client.get(f"{page}{joiner}{stray}={stray}&utm_{stray}=1")["X-Page-Cache"])
    assert states == {"hit"}
    assert running_redis.keys() == before
    assert len([key for key in before if ":page:" in key]) == 4


@pytest.mark.english
def test_each_site_page_is_keyed_on_what_its_view_reads(client, page_cache, address):
    agreement = factories.AgreementFactory(title_en="Agreement A")
    with override_settings(ROOT_URLCONF="config.urls"):
        pages = [
            # A list: its filterset's fields, page, sort and format.
            address("agreements:list", "en", "?utm=1&status=in_force&sort=title&page=2&x=1"),
            address("agreements:list", "en", "?format=csv&utm=1"),
            # A feed: its list's filters only.
            address("agreements:feed", "en", "?status=in_force&page=3&sort=title&utm=1"),
            address("missions:feed", "en", "?year=2017&utm=1"),
            # The search: its words and page.
            address("search", "en", "?utm=1&q=water&page=2"),
            # The trade explorer: its form's fields and format.
            address("trade:explorer", "en", "?year_from=2015&utm=1&partner=cn"),
            # A detail page and the home page: their path alone (never `preview`).
            address("agreements:detail", "en", "?preview=1&utm=1", slug=agreement.slug),
            address("home", "en", "?utm=1"),
            "/sitemap.xml?p=1&utm=1",
            "/sitemap-agreements.xml?p=1&utm=1",
        ]
        assert [client.get(page)["X-Page-Cache"] for page in pages] == ["miss"] * len(pages)
    assert page_keys() == {
        page_key("/en/agreements/?page=2&sort=title&status=in_force", "en"),
        page_key("/en/agreements/?format=csv", "en"),
        page_key("/en/agreements/feed/?status=in_force", "en"),
        page_key("/en/missions/feed/?year=2017", "en"),
        page_key("/en/search/?page=2&q=water", "en"),
        page_key("/en/trade/?partner=cn&year_from=2015", "en"),
        page_key(f"/en/agreements/{agreement.slug}/", "en"),
        page_key("/en/", "en"),
        page_key("/sitemap.xml", "en"),
        page_key("/sitemap-agreements.xml?p=1", "en"),
    }


@pytest.fixture
def trade_file(tmp_path):
    factories.PartnerFactory(name_fr="Chine", name_en="China", iso_code="CN")
    path = tmp_path / "trade.csv"
    path.write_text(
        "year,partner,flow,hs_code,product,value_cad\n2016,CN,export,,Total,3000\n",
        encoding="utf-8",
    )
    return path


def test_an_import_and_its_rollback_move_the_content_version(
    client, page_cache, committed, sent, trade_file
):
    assert get(client, "/fr/figures/") == ("miss", "")
    # A dry run or a failed import writes nothing and says nothing.
    with committed():
        assert import_trade_file(path=trade_file, dry_run=True).ok
    assert sent == []
    assert get(client, "/fr/figures/") == ("hit", "")
    with committed():
        result = import_trade_file(path=trade_file)
    assert result.ok
    assert sent == [import_trade_file]
    assert get(client, "/fr/figures/") == ("miss", "CN 2016 export 3000.00")
    assert get(client, "/fr/figures/")[0] == "hit"
    with committed():
        rollback_batch(batch=result.batch)
    assert sent == [import_trade_file, rollback_batch]
    assert get(client, "/fr/figures/") == ("miss", "")


def test_content_changed_moves_the_version_only_when_its_transaction_commits(
    client, page_cache, committed, django_capture_on_commit_callbacks
):
    keys = [SITE_KEY, topic_key(TRADE)]
    site, trade = versions(keys).values()
    with django_capture_on_commit_callbacks(execute=False):
        content_changed.send(sender=import_trade_file)
    assert list(versions(keys).values()) == [site, trade]
    # The trade import's changes are the trade figures'; any other bulk write, the whole site's.
    with committed():
        content_changed.send(sender=import_trade_file)
    assert list(versions(keys).values()) == [site, trade + 1]
    with committed():
        content_changed.send(sender=generate)
    assert list(versions(keys).values()) == [site + 1, trade + 1]


def test_generate_data_moves_the_content_version(client, page_cache, committed, sent):
    factories.PartnerFactory.create_batch(3)
    assert get(client, "/fr/count/") == ("miss", "0")
    with committed():
        call_command(
            "generate_data",
            "--agreements=3",
            "--missions=1",
            "--trade-rows=0",
            stdout=io.StringIO(),
        )
    assert sent == [clear_generated, generate]
    assert get(client, "/fr/count/") == ("miss", "3")
    with committed():
        call_command("generate_data", "--clear", stdout=io.StringIO())
    assert sent == [clear_generated, generate, clear_generated]
    assert get(client, "/fr/count/") == ("miss", "0")


def test_every_model_of_the_projects_own_apps_and_no_other_moves_a_version():
    found = list(project_models())
    own = [
        model
        for label in ("agreements", "missions", "partners")
        for model in apps.get_app_config(label).get_models()
    ]
    assert sorted(found, key=str) == sorted(own, key=str)
    assert {"Agreement", "HistoricalMission", "TradeFigure", "ImportBatch"} <= {
        model.__name__ for model in found
    }


def test_every_model_of_the_projects_apps_has_its_topic():
    """A model the mapping does not know would make the whole site cold at each save: a new model
    is given its topic (config.cache.MODEL_TOPICS) here."""
    topics = {
        model._meta.label: [
            key.removeprefix("v:topic:") for key in changed_keys(model, model())[:1]
        ]
        for model in project_models()
        if not model.__name__.startswith("Historical")
        and model.__name__ not in {"Transition", "PendingVersion"}
    }
    assert topics == {
        "agreements.Agreement": ["agreements"],
        "agreements.AgreementEvent": ["agreements"],
        "agreements.FundingCall": ["agreements"],
        "missions.Mission": ["missions"],
        "missions.MissionPlace": ["missions"],
        "missions.DelegationMember": ["missions"],
        "missions.Recommendation": ["missions"],
        "missions.FollowUpAction": ["missions"],
        "partners.Partner": ["partners"],
        "partners.Office": ["partners"],
        "partners.Sector": ["sectors"],
        "partners.Product": ["trade"],
        "partners.TradeFigure": ["trade"],
        "partners.ImportBatch": ["trade"],
        "partners.ImportBatchChange": ["trade"],
    }
    assert set(MODEL_TOPICS.values()) == {*TOPICS, None}


@pytest.fixture
def site_pages(page_cache, address, committed):
    """Two agreements of one partner (A signed most recently), a mission and a trade figure, and
    the addresses of the site's pages in French, by what they are."""
    with committed():
        china = factories.PartnerFactory(name_fr="Chine", name_en="China", iso_code="CN", slug="cn")
        first = factories.AgreementFactory(title_fr="Entente A", slug="entente-a", parties=[china])
        second = factories.AgreementFactory(title_fr="Entente B", slug="entente-b", parties=[china])
        factories.AgreementEventFactory(agreement=first, date=datetime.date(2020, 1, 1))
        factories.AgreementEventFactory(agreement=second, date=datetime.date(2019, 1, 1))
        mission = factories.MissionFactory(title_fr="Mission M", slug="mission-m")
        factories.TradeFigureFactory(partner=china, year=2020, flow="export")
    with override_settings(ROOT_URLCONF="config.urls"):
        pages = site_addresses(address, first, second, mission, china)
    return first, second, mission, pages


def site_addresses(address, first, second, mission, china):
    return {
        "home": address("home", "fr"),
        "agreement list": address("agreements:list", "fr"),
        "agreement A": address("agreements:detail", "fr", slug=first.slug),
        "agreement B": address("agreements:detail", "fr", slug=second.slug),
        "agreement feed": address("agreements:feed", "fr"),
        "search": address("search", "fr", "?q=entente"),
        "sitemap": "/sitemap.xml",
        "agreements' sitemap": "/sitemap-agreements.xml",
        "missions' sitemap": "/sitemap-missions.xml",
        "partner list": address("partners:list", "fr"),
        "dossier": address("partners:detail", "fr", slug=china.slug),
        "mission list": address("missions:list", "fr"),
        "mission M": address("missions:detail", "fr", slug=mission.slug),
        "trade explorer": address("trade:explorer", "fr", "?partner=cn"),
    }


def visit(client, pages) -> dict[str, tuple[int, str | None]]:
    answers = {}
    for name, page in pages.items():
        response = client.get(page)
        answers[name] = (response.status_code, response.get("X-Page-Cache"))
    return answers


def test_an_edit_makes_cold_only_the_pages_that_can_show_it(
    client, page_cache, committed, site_pages
):
    first, second, mission, pages = site_pages
    with override_settings(ROOT_URLCONF="config.urls"):
        assert visit(client, pages) == dict.fromkeys(pages, (200, "miss"))
        assert visit(client, pages) == dict.fromkeys(pages, (200, "hit"))
        with committed():
            first.title_fr = "Entente A révisée"
            first.save()
        answers = visit(client, pages)
        # The pages that do not show agreement A are still served from the cache (mission M
        # was not where A was signed).
        assert {name for name, (_status, state) in answers.items() if state == "hit"} == {
            "agreement B",
            "mission list",
            "mission M",
            "missions' sitemap",
            "trade explorer",
        }
        # Every page that shows it shows the new title at once.
        for name in [
            "home",
            "agreement list",
            "agreement A",
            "agreement feed",
            "search",
            "dossier",
        ]:
            assert "Entente A révisée" in client.get(pages[name]).content.decode(), name
        assert visit(client, pages) == dict.fromkeys(pages, (200, "hit"))

        # A row of agreement B's (its signature) makes cold B's page, not A's.
        with committed():
            factories.FundingCallFactory(agreement=second)
        answers = visit(client, pages)
        assert answers["agreement B"] == (200, "miss")
        assert answers["agreement A"] == answers["mission list"] == (200, "hit")

        # A mission's edit leaves the agreement lists and pages, the trade explorer and the
        # dossier of a partner it did not visit cached.
        with committed():
            mission.title_fr = "Mission M révisée"
            mission.save()
        answers = visit(client, pages)
        assert {name for name, (_status, state) in answers.items() if state == "hit"} == {
            "agreement list",
            "agreement A",
            "agreement B",
            "agreement feed",
            "agreements' sitemap",
            "partner list",
            "dossier",
            "trade explorer",
        }
        assert "Mission M révisée" in client.get(pages["mission M"]).content.decode()

        # Unpublishing A: its page is gone at once, B's stays cached.
        with committed():
            first.publication_status = PublicationStatus.DRAFT
            first.save()
        assert client.get(pages["agreement A"]).status_code == 404
        assert client.get(pages["agreement B"])["X-Page-Cache"] == "hit"
        assert "Entente A" not in client.get(pages["agreement list"]).content.decode()


@pytest.fixture
def two_countries(page_cache, committed, address):
    """China with Shanghai under it and South Korea; an agreement with Shanghai signed during a
    mission to Shanghai, one with South Korea, a mission to Seoul; the pages about each."""
    with committed():
        china = factories.PartnerFactory(name_fr="Chine", slug="cn", kind="country")
        shanghai = factories.PartnerFactory(name_fr="Shanghai", slug="shanghai", parent=china)
        korea = factories.PartnerFactory(name_fr="Corée du Sud", slug="kr", kind="country")
        shanghai_agreement = factories.AgreementFactory(
            title_fr="Entente Shanghai", slug="entente-shanghai", parties=[shanghai]
        )
        korea_agreement = factories.AgreementFactory(
            title_fr="Entente Corée", slug="entente-coree", parties=[korea]
        )
        for agreement in (shanghai_agreement, korea_agreement):
            factories.AgreementEventFactory(agreement=agreement, date=datetime.date(2020, 1, 1))
        to_shanghai = factories.MissionFactory(title_fr="Mission Shanghai", slug="mission-sh")
        factories.MissionPlaceFactory(mission=to_shanghai, partner=shanghai, city_fr="Shanghai")
        to_shanghai.agreements_signed.add(shanghai_agreement)
        to_seoul = factories.MissionFactory(title_fr="Mission Séoul", slug="mission-se")
        seoul = factories.MissionPlaceFactory(mission=to_seoul, partner=korea, city_fr="Séoul")
    with override_settings(ROOT_URLCONF="config.urls"):
        pages = {}
        for slug in ("cn", "shanghai", "kr"):
            pages[f"dossier {slug}"] = address("partners:detail", "fr", slug=slug)
            pages[f"agreements {slug}"] = address("agreements:list", "fr", f"?partner={slug}")
            pages[f"agreements {slug} in force"] = address(
                "agreements:list", "fr", f"?partner={slug}&status=in_force"
            )
            pages[f"missions {slug}"] = address("missions:list", "fr", f"?partner={slug}")
        pages["agreement Shanghai"] = address("agreements:detail", "fr", slug="entente-shanghai")
        pages["agreement Korea"] = address("agreements:detail", "fr", slug="entente-coree")
        pages["mission Shanghai"] = address("missions:detail", "fr", slug="mission-sh")
        pages["mission Seoul"] = address("missions:detail", "fr", slug="mission-se")
        pages["agreements of an unknown partner"] = address(
            "agreements:list", "fr", "?partner=nowhere"
        )
    records = {
        "shanghai agreement": shanghai_agreement,
        "korea agreement": korea_agreement,
        "to shanghai": to_shanghai,
        "to seoul": to_seoul,
        "seoul": seoul,
        "china": china,
    }
    return records, pages


def cold(client, pages) -> set[str]:
    """The pages that are not served from the cache (each then visited again, to warm it)."""
    answers = visit(client, pages)
    assert {status for status, _state in answers.values()} == {200}
    return {name for name, (_status, state) in answers.items() if state != "hit"}


def test_an_edit_makes_cold_only_its_partners_pages_and_its_linked_records(
    client, committed, two_countries
):
    records, pages = two_countries
    with override_settings(ROOT_URLCONF="config.urls"):
        assert cold(client, pages) == set(pages)
        assert cold(client, pages) == set()

        # An agreement with Shanghai: the pages about Shanghai and about China (a country's take
        # in its provinces'), and the mission during which it was signed; South Korea's pages,
        # the missions lists and the other mission stay cached.
        agreement = records["shanghai agreement"]
        with committed():
            agreement.title_fr = "Entente Shanghai révisée"
            agreement.save()
        assert cold(client, pages) == {
            "dossier cn",
            "agreements cn",
            "agreements cn in force",
            "dossier shanghai",
            "agreements shanghai",
            "agreements shanghai in force",
            "agreement Shanghai",
            "mission Shanghai",
            "agreements of an unknown partner",  # the filter ignores it: every agreement
        }
        for name in ("dossier cn", "agreements cn", "dossier shanghai", "mission Shanghai"):
            assert "Entente Shanghai révisée" in client.get(pages[name]).content.decode(), name

        # A party added to South Korea's agreement (a change of relation) reaches China's pages
        # too, now that China is a party: and it shows there at once.
        with committed():
            records["korea agreement"].parties.add(records["china"])
        assert cold(client, pages) == {
            "dossier cn",
            "agreements cn",
            "agreements cn in force",
            "dossier kr",
            "agreements kr",
            "agreements kr in force",
            "agreement Korea",
            "agreements of an unknown partner",
        }
        assert "Entente Corée" in client.get(pages["agreements cn"]).content.decode()

        # A mission's stop moved from Seoul to Shanghai: the pages about both, before and after.
        place = records["seoul"]
        with committed():
            place.partner = Partner.objects.get(slug="shanghai")
            place.save()
        assert cold(client, pages) == {
            "dossier cn",
            "missions cn",
            "dossier shanghai",
            "missions shanghai",
            "dossier kr",
            "missions kr",
            "mission Seoul",
        }
        assert "Mission Séoul" in client.get(pages["missions shanghai"]).content.decode()
        assert "Mission Séoul" not in client.get(pages["missions kr"]).content.decode()

        # Unpublishing the mission of the Shanghai agreement's signature: the agreement's page no
        # longer lists it, at once.
        with committed():
            workflow.move(
                record=records["to shanghai"],
                to_status=PublicationStatus.UNPUBLISHED,
                user=factories.UserFactory(is_superuser=True),
                note="retrait",
            )
        page = client.get(pages["agreement Shanghai"])
        assert (page["X-Page-Cache"], "Mission Shanghai" in page.content.decode()) == (
            "miss",
            False,
        )
        assert client.get(pages["mission Shanghai"]).status_code == 404
        assert client.get(pages["mission Seoul"])["X-Page-Cache"] == "hit"
        del pages["mission Shanghai"]
        cold(client, pages)

        # Deleting the Korea agreement reaches the partners it had.
        with committed():
            Agreement.objects.get(slug="entente-coree").delete()
        gone = cold(client, {k: v for k, v in pages.items() if k != "agreement Korea"})
        assert {"dossier kr", "agreements kr", "dossier cn", "agreements cn"} <= gone
        assert "dossier shanghai" not in gone
        assert "Entente Corée" not in client.get(pages["dossier kr"]).content.decode()


def test_a_partner_filter_value_no_partner_has_adds_no_version_to_the_cache(
    client, committed, two_countries
):
    _records, pages = two_countries
    with override_settings(ROOT_URLCONF="config.urls"):
        visit(client, pages)
        before = page_keys("v:partner:")
        assert before == {
            f"v:partner:{slug}:{topic}"
            for slug in ("cn", "shanghai", "kr")
            for topic in ("agreements", "missions")
        }
        for n in range(50):
            response = client.get(f"/fr/ententes/?partner=nobody-{n}")
            assert (response.status_code, response["X-Page-Cache"]) == (200, "miss")
        assert page_keys("v:partner:") == before


def test_with_redis_down_pages_render_a_save_answers_saved_and_the_site_heals(
    client, running_redis, superuser, committed, caplog
):
    """The cache is an accelerator: with its Redis stopped, the public pages are built without it
    and a staff save is answered as saved (the errors logged); when Redis comes back with the
    entries it had, the change made meanwhile shows at once."""
    sector = factories.SectorFactory(name_fr="Santé", name_en="Health", slug="sante")
    agreement = factories.AgreementFactory(title_fr="Entente A", slug="entente-a")
    agreement.sectors.add(sector)
    factories.AgreementEventFactory(agreement=agreement)
    pages = ["/fr/", "/fr/ententes/", "/fr/ententes/entente-a/", "/fr/recherche/?q=entente"]
    staff = Client()
    staff.force_login(superuser)
    change = reverse("admin:partners_sector_change", args=[sector.pk])
    with override_settings(CACHES=redis_caches(running_redis), PAGE_CACHE_SECONDS=300):
        assert [client.get(page)["X-Page-Cache"] for page in pages] == ["miss"] * 4
        assert [client.get(page)["X-Page-Cache"] for page in pages] == ["hit"] * 4
        running_redis.stop(persist=True)

        caplog.set_level(logging.WARNING, logger="config.cache")
        for page in pages:
            response = client.get(page)
            assert (response.status_code, "X-Page-Cache" in response) == (200, False), page
            assert "Entente A" in response.content.decode(), page
        assert staff.get(change).status_code == 200
        with committed():
            saved = staff.post(
                change,
                {
                    "name_fr": "Santé publique",
                    "name_en": "Public health",
                    "slug_fr": "sante",
                    "slug_en": "sante",
                    "position": 0,
                },
            )
        assert (saved.status_code, saved["Location"]) == (
            302,
            reverse("admin:partners_sector_changelist"),
        )
        assert list(Sector.objects.values_list("name_fr", flat=True)) == ["Santé publique"]
        assert "cache unavailable, serving without it: ConnectionError" in caplog.text

        # Redis is back, with the entries it held before it stopped.
        running_redis.start()
        response = client.get("/fr/ententes/")
        assert response["X-Page-Cache"] == "miss"
        assert "Santé publique" in response.content.decode()
        assert client.get("/fr/ententes/")["X-Page-Cache"] == "hit"
        # A page that does not show the sector is still the one cached before Redis stopped.
        assert client.get("/fr/")["X-Page-Cache"] == "hit"


@pytest.fixture
def long_lists(page_cache, committed):
    """25 agreements and 25 missions, one a year from 2000: each list's first page holds 2024
    to 2005, its second 2004 to 2000."""
    with committed():
        china = factories.PartnerFactory(name_fr="Chine", name_en="China", slug="cn")
        agreements, missions = {}, {}
        for year in range(2000, 2025):
            agreements[year] = factories.AgreementFactory(
                title_fr=f"Entente {year}", slug=f"entente-{year}", parties=[china]
            )
            agreements[year].signed_on = datetime.date(year, 1, 1)
            agreements[year].save()
            missions[year] = factories.MissionFactory(
                title_fr=f"Mission {year}",
                slug=f"mission-{year}",
                start_date=datetime.date(year, 1, 1),
                end_date=datetime.date(year, 1, 5),
            )
    return china, agreements, missions


def list_pages(address) -> dict[str, str]:
    with override_settings(ROOT_URLCONF="config.urls"):
        return {
            "agreements 1": address("agreements:list", "fr"),
            "agreements 2": address("agreements:list", "fr", "?page=2"),
            "agreements 2 en": address("agreements:list", "en", "?page=2"),
            "missions 1": address("missions:list", "fr"),
            "missions 2": address("missions:list", "fr", "?page=2"),
        }


def states(client, pages) -> dict[str, str]:
    return {name: state for name, (_status, state) in visit(client, pages).items()}


def test_a_list_page_whose_records_did_not_change_is_found_by_what_it_shows(
    client, committed, long_lists, address, django_assert_num_queries
):
    """An edit moves the agreements' version: every agreement list page's entry under it is
    stale. A page whose records, count and last-updated day did not change is then found under
    what it shows (`checked`), after two small queries, byte for byte the page a build gives;
    the page that shows the edited record is built again and shows it at once."""
    _china, agreements, _missions = long_lists
    pages = list_pages(address)
    with override_settings(ROOT_URLCONF="config.urls"):
        assert set(states(client, pages).values()) == {"miss"}
        assert set(states(client, pages).values()) == {"hit"}
        first_page = client.get(pages["agreements 1"]).content

        with committed():
            agreements[2002].title_fr = "Entente 2002 révisée"
            agreements[2002].save()
        with django_assert_num_queries(2):  # the count and last change, the page's records
            response = client.get(pages["agreements 1"])
        assert response["X-Page-Cache"] == "checked"
        assert response.content == first_page
        with override_settings(PAGE_CACHE_SECONDS=0):
            assert Client().get(pages["agreements 1"]).content == first_page
        assert states(client, pages) == {
            "agreements 1": "hit",  # kept again under the new version by the visit before
            "agreements 2": "miss",
            "agreements 2 en": "miss",
            "missions 1": "hit",
            "missions 2": "hit",
        }
        assert "Entente 2002 révisée" in client.get(pages["agreements 2"]).content.decode()
        assert set(states(client, pages).values()) == {"hit"}

        # An edit on the first page: the second is found by what it shows.
        with committed():
            agreements[2020].title_fr = "Entente 2020 révisée"
            agreements[2020].save()
        assert states(client, pages) == {
            "agreements 1": "miss",
            "agreements 2": "checked",
            "agreements 2 en": "checked",
            "missions 1": "hit",
            "missions 2": "hit",
        }
        assert "Entente 2020 révisée" in client.get(pages["agreements 1"]).content.decode()


def test_a_list_is_built_again_when_its_count_day_names_or_choices_change(
    client, committed, long_lists, address
):
    china, agreements, missions = long_lists
    pages = list_pages(address)
    agreement_pages = {name: page for name, page in pages.items() if "agreements" in name}
    with override_settings(ROOT_URLCONF="config.urls"):
        states(client, pages)
        # A new agreement on no page shown yet changes the count every page gives.
        with committed():
            factories.AgreementFactory(
                title_fr="Entente 1990", signed_on=datetime.date(1990, 1, 1), parties=[china]
            )
        assert set(states(client, agreement_pages).values()) == {"miss"}
        assert "26 ententes" in client.get(pages["agreements 2"]).content.decode()

        # The next day, an edit on the second page changes every page's "last updated".
        tomorrow = timezone.localtime() + datetime.timedelta(days=1)
        with time_machine.travel(tomorrow, tick=False):
            with committed():
                agreements[2001].title_fr = "Entente 2001 révisée"
                agreements[2001].save()
            assert states(client, agreement_pages) == dict.fromkeys(agreement_pages, "miss")
            assert tomorrow.date().isoformat() in client.get(pages["agreements 1"]).content.decode()

            # The parties' names are the partners' topic: a new name rebuilds every page.
            with committed():
                china.name_fr = "République populaire de Chine"
                china.save()
            assert set(states(client, agreement_pages).values()) == {"miss"}

            # A ministry new to the missions, on the second page, is a new choice of the first
            # page's ministry filter.
            states(client, pages)
            with committed():
                missions[2001].ministry_fr = "Ministère de la Culture et des Communications"
                missions[2001].ministry_en = "Ministry of Culture and Communications"
                missions[2001].save()
            assert states(client, {"1": pages["missions 1"], "2": pages["missions 2"]}) == {
                "1": "miss",
                "2": "miss",
            }
            assert "Ministère de la Culture" in client.get(pages["missions 1"]).content.decode()
            # The same ministry again, on another record of the second page: the first page is
            # found by what it shows.
            with committed():
                missions[2000].ministry_fr = "Ministère de la Culture et des Communications"
                missions[2000].ministry_en = "Ministry of Culture and Communications"
                missions[2000].save()
            assert client.get(pages["missions 1"])["X-Page-Cache"] == "checked"


def test_exports_and_partner_pages_are_not_kept_by_what_they_show(
    client, committed, long_lists, address
):
    _china, agreements, _missions = long_lists
    with override_settings(ROOT_URLCONF="config.urls"):
        pages = {
            "csv": address("agreements:list", "fr", "?format=csv"),
            "china": address("agreements:list", "fr", "?partner=cn"),
        }
        states(client, pages)
        with committed():
            agreements[2002].title_fr = "Entente 2002 révisée"
            agreements[2002].save()
        assert states(client, pages) == {"csv": "miss", "china": "miss"}
        assert states(client, pages) == {"csv": "hit", "china": "hit"}
    assert page_keys("checked:") == set()


@pytest.mark.parametrize(
    ("view_class", "query", "count"),
    [
        (AgreementListView, {}, 25),
        (AgreementListView, {"status": "in_force"}, 1),
        (AgreementListView, {"partner": "cn", "year_from": "2010"}, 15),
        (MissionListView, {}, 25),
        (MissionListView, {"year": "2005"}, 1),
    ],
)
def test_what_a_list_is_checked_by_lists_its_records_in_its_order(
    long_lists, view_class, query, count
):
    """The records the page cache checks a page by are the page's, in its order, for every
    sort of the list."""
    _china, agreements, _missions = long_lists
    Agreement.objects.filter(pk=agreements[2003].pk).update(status="in_force")
    for sort in view_class.sort_options:
        request = RequestFactory().get("/", {**query, "sort": sort})
        view = view_class()
        view.setup(request)
        expected = [record.pk for record in view.get_queryset()]
        assert list(view.matching().values_list("pk", flat=True)) == expected, sort
        assert len(expected) == count


def test_the_partner_list_is_checked_by_its_rows_counts_of_agreements_in_force(
    client, page_cache, committed, address
):
    """The partner list shows the agreements only as each row's count of those in force: an
    edit that changes no count leaves every page found by what it shows; one that changes a
    count rebuilds that row's page only."""
    with committed():
        partners = [
            factories.PartnerFactory(name_fr=f"Partenaire {n:02}", slug=f"p{n:02}")
            for n in range(35)
        ]
        agreement = factories.AgreementFactory(
            title_fr="Entente", parties=[partners[33]], status="terminated"
        )
    with override_settings(ROOT_URLCONF="config.urls"):
        pages = {
            "1": address("partners:list", "fr"),
            "2": address("partners:list", "fr", "?page=2"),
            "by count": address("partners:list", "fr", "?sort=agreements"),
        }
        states(client, pages)
        with committed():
            agreement.title_fr = "Entente révisée"
            agreement.save()
        assert states(client, pages) == {"1": "checked", "2": "checked", "by count": "checked"}
        with committed():
            agreement.status = "in_force"
            agreement.save()
        # Partner 33 (on the second page by name) now has one: first by count.
        assert states(client, pages) == {"1": "checked", "2": "miss", "by count": "miss"}
        body = client.get(pages["by count"]).content.decode()
        assert body.index("Partenaire 33") < body.index("Partenaire 00")


@pytest.fixture
def home_records(page_cache, committed):
    """Eight agreements, each signed a year from 2017 (the home page lists 2024 to 2020), and
    five missions, one a year from 2020 (it lists 2024 to 2022)."""
    with committed():
        china = factories.PartnerFactory(name_fr="Chine", name_en="China", slug="cn")
        agreements, missions = {}, {}
        for year in range(2017, 2025):
            agreements[year] = factories.AgreementFactory(
                title_fr=f"Entente {year}", title_en=f"Agreement {year}", parties=[china]
            )
            factories.AgreementEventFactory(
                agreement=agreements[year], date=datetime.date(year, 3, 1)
            )
        for year in range(2020, 2025):
            missions[year] = factories.MissionFactory(
                title_fr=f"Mission {year}",
                title_en=f"Mission {year}",
                start_date=datetime.date(year, 6, 1),
                end_date=datetime.date(year, 6, 5),
            )
    return china, agreements, missions


def test_the_home_page_is_found_by_the_counts_and_records_it_shows(
    client, committed, home_records, address, django_assert_num_queries
):
    """An edit to an agreement or a mission the home page does not list leaves it found by
    what it shows (`checked`, four small queries), byte for byte the page a build gives; an edit
    to one it lists, a new record (a count), or a signature that puts another agreement among
    the latest, builds it again, showing the change at once."""
    china, agreements, missions = home_records
    with override_settings(ROOT_URLCONF="config.urls"):
        pages = {"fr": address("home", "fr"), "en": address("home", "en")}
        assert states(client, pages) == {"fr": "miss", "en": "miss"}
        assert states(client, pages) == {"fr": "hit", "en": "hit"}
        before = {language: client.get(page).content for language, page in pages.items()}

        with committed():
            agreements[2018].summary_fr = "Un résumé que l'accueil ne montre pas."
            agreements[2018].save()
            missions[2021].title_fr = "Mission 2021 révisée"
            missions[2021].save()
        # The counts (two queries), the latest signatures, the latest missions.
        with django_assert_num_queries(4):
            response = client.get(pages["fr"])
        assert response["X-Page-Cache"] == "checked"
        assert response.content == before["fr"]
        with override_settings(PAGE_CACHE_SECONDS=0):
            assert Client().get(pages["fr"]).content == before["fr"]
        assert states(client, pages) == {"fr": "hit", "en": "checked"}

        with committed():
            agreements[2022].title_fr = "Entente 2022 révisée"
            agreements[2022].save()
        assert states(client, pages) == {"fr": "miss", "en": "miss"}
        assert "Entente 2022 révisée" in client.get(pages["fr"]).content.decode()

        with committed():
            missions[2023].title_en = "Mission 2023, revised"
            missions[2023].save()
        assert states(client, pages) == {"fr": "miss", "en": "miss"}
        assert "Mission 2023, revised" in client.get(pages["en"]).content.decode()

        # A ninth agreement, signed long ago: not listed, but counted.
        with committed():
            factories.AgreementEventFactory(
                agreement=factories.AgreementFactory(title_fr="Entente 1990", parties=[china]),
                date=datetime.date(1990, 1, 1),
            )
        assert states(client, pages) == {"fr": "miss", "en": "miss"}
        assert "<strong>9</strong> ententes" in client.get(pages["fr"]).content.decode()

        # The 2017 agreement renewed this year: now the latest.
        with committed():
            factories.AgreementEventFactory(
                agreement=agreements[2017], kind="renewed", date=datetime.date(2025, 1, 1)
            )
        assert states(client, pages) == {"fr": "miss", "en": "miss"}
        body = client.get(pages["fr"]).content.decode()
        assert body.index("Entente 2017") < body.index("Entente 2024")
        assert "Entente 2020" not in body


def test_the_search_page_is_found_by_the_records_it_finds(client, committed, page_cache, address):
    """After an edit to a record the search does not find, its page is found by the ranking
    (`checked`), byte for byte the page a build gives, without its excerpts or rendering; an
    edit to a record it shows, or one that makes another record match, builds it again."""
    with committed():
        china = factories.PartnerFactory(name_fr="Chine", name_en="China", slug="cn")
        found = factories.AgreementFactory(
            title_fr="Entente sur la forêt boréale", title_en="Boreal forest", parties=[china]
        )
        other = factories.AgreementFactory(title_fr="Entente sur l'eau", parties=[china])
        factories.MissionFactory(title_fr="Mission forêt", title_en="Forest mission")
    with override_settings(ROOT_URLCONF="config.urls"):
        pages = {"fr": address("search", "fr", "?q=for%C3%AAt")}  # as a browser sends it
        assert states(client, pages) == {"fr": "miss"}
        before = client.get(pages["fr"]).content
        assert "2 résultats pour" in before.decode()

        with committed():
            other.summary_fr = "Une entente sur l'eau potable."
            other.save()
        response = client.get(pages["fr"])
        assert response["X-Page-Cache"] == "checked"
        assert response.content == before
        with override_settings(PAGE_CACHE_SECONDS=0):
            assert Client().get(pages["fr"]).content == before
        assert states(client, pages) == {"fr": "hit"}

        with committed():
            found.title_fr = "Entente sur la forêt boréale, renouvelée"
            found.save()
        assert states(client, pages) == {"fr": "miss"}
        assert (
            "Entente sur la forêt boréale, renouvelée" in client.get(pages["fr"]).content.decode()
        )

        with committed():
            other.title_fr = "Entente sur l'eau et la forêt"
            other.save()
        assert states(client, pages) == {"fr": "miss"}
        assert "3 résultats pour" in client.get(pages["fr"]).content.decode()
