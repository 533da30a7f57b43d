"""Anonymous visitors get cached pages; any publication or edit shows at once."""

import io
import secrets

import pytest
from django.apps import apps
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.test import override_settings

from config.cache import content_version, project_models
from config.demo.generate import clear_generated, generate
from partners.publishing import services as workflow
from partners.publishing.models import PublicationStatus
from partners.publishing.signals import content_changed
from partners.trade.importing import import_trade_file, rollback_batch
from tests import factories

pytestmark = pytest.mark.django_db

REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/14",
        "KEY_PREFIX": "test-page-cache",
    }
}
LOCAL = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(params=["redis", "locmem"])
def page_cache(request):
    caches = REDIS if request.param == "redis" else LOCAL
    with override_settings(
        CACHES=caches, PAGE_CACHE_SECONDS=300, ROOT_URLCONF="tests.config.cache_urls"
    ):
        cache.clear()
        yield
        cache.clear()


def get(client, path="/fr/titles/"):
    response = client.get(path)
    return response.get("X-Page-Cache"), response.content.decode()


def page_keys() -> set[str]:
    """The page keys in the cache backend itself, without its prefix and key version."""
    backend = caches["default"]
    if isinstance(backend, LocMemCache):
        stored = list(backend._cache)
    else:
        client = backend._cache.get_client()
        stored = [key.decode() for key in client.keys(backend.make_key("*"))]
    keys = {key.split(":", 2)[2] for key in stored}
    return {key for key in keys if key.startswith("page:")}


def page_key(path: str, language: str = "fr") -> str:
    return f"page:{content_version()}:{language}:{path}"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks of what the block writes, as a commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


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
        page_key("/sitemap.xml?p=1", "en"),
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
    version = content_version()
    with django_capture_on_commit_callbacks(execute=False):
        content_changed.send(sender=import_trade_file)
    assert content_version() == version
    with committed():
        content_changed.send(sender=import_trade_file)
    assert content_version() == version + 1


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


def test_every_model_of_the_projects_own_apps_and_no_other_moves_the_version():
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
