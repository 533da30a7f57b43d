import io

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from agreements.models import Agreement
from missions.models import Mission
from partners.models import Sector
from partners.publishing.language import slugs_of
from tests import factories
from tests.caches import LOCAL

# The records whose pages carry a slug in each language, by their URLs' namespace.
SLUGGED_RECORDS = {"agreements": Agreement, "missions": Mission, "sectors": Sector}


def _in_english(request) -> bool:
    return request.node.get_closest_marker("english") is not None


@pytest.fixture(autouse=True)
def english_messages(request):
    """Tests marked `english` assert messages as they are written, in English; the French ones
    are checked where the pages are."""
    if not _in_english(request):
        yield
        return
    with translation.override("en"):
        yield


@pytest.fixture
def client(request):
    """Django's test client; for tests marked `english`, one whose browser prefers English, so
    that staff pages answer in the language the asserted messages are written in."""
    if _in_english(request):
        return Client(HTTP_ACCEPT_LANGUAGE="en")
    return Client()


class SharedDemo:
    """The demo loaded once and shared by the tests that read it, instead of once a test.

    It is loaded inside a transaction of its own, held open while tests that ask for `demo` run
    one after another; each of them runs inside it, in pytest-django's transaction (a savepoint
    here), so what a test writes is rolled back and the next one finds the demo as loaded. Before
    a test that does not ask for `demo`, the demo's transaction is rolled back: that test finds
    the empty database it expects, and the next test asking for `demo` loads it again.
    """

    def __init__(self, blocker):
        self.blocker = blocker
        self.atomic = None

    def load(self) -> None:
        if self.atomic is not None:
            return
        with self.blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            call_command("load_demo", stdout=io.StringIO())

    def release(self) -> None:
        if self.atomic is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = None


SHARED_DEMO = pytest.StashKey[SharedDemo]()
# Tests whose database is emptied (flushed) after them, not rolled back: a transaction held
# open around them would be emptied too.
TRANSACTIONAL = {"transactional_db", "live_server", "django_db_reset_sequences"}


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return bool(TRANSACTIONAL & set(item.fixturenames))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before the test's own fixtures, and so before its transaction: the shared demo is there
    for a test that reads it, and gone for any other."""
    reads_demo = "demo" in getattr(item, "fixturenames", ())
    if reads_demo and _transactional(item):
        pytest.fail("`demo` is shared through a transaction: a transactional test loads its own")
    shared = item.config.stash.get(SHARED_DEMO, None)
    if shared is None:  # not loaded yet: the first test asking for it loads it (below)
        return
    if reads_demo:
        shared.load()
    else:
        shared.release()


@pytest.fixture(scope="session")
def shared_demo(request, django_db_setup, django_db_blocker):
    shared = SharedDemo(django_db_blocker)
    request.config.stash[SHARED_DEMO] = shared
    shared.load()
    yield shared
    shared.release()
    del request.config.stash[SHARED_DEMO]


@pytest.fixture
def demo(shared_demo, db):
    """The seeds as the site shows them (load_demo): 18 agreements (2 drafts), the 2017 mission.

    Loaded once for consecutive tests that ask for it (SharedDemo); a test may write, its
    changes are rolled back after it."""


@pytest.fixture
def address():
    """The public address of a named URL in one language (/fr/ententes/…, /en/agreements/…).
    A record (an agreement, a mission, a sector) is named by either of its slugs; its address
    in `language` carries its slug in that language, as its pages link to it."""

    def build(name, language, query="", **kwargs):
        model = SLUGGED_RECORDS.get(name.split(":")[0])
        if model is not None and "slug" in kwargs:
            named = Q(slug_fr=kwargs["slug"]) | Q(slug_en=kwargs["slug"])
            record = model.objects.filter(named).order_by("pk").first()
            if record is not None:
                kwargs = {**kwargs, "slug": slugs_of(record)[language]}
        with translation.override(language):
            return reverse(name, kwargs=kwargs or None) + query

    return build


@pytest.fixture
def reference_countries(db):
    call_command("load_reference", stdout=io.StringIO())


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.org", "pw-root-2026")


@pytest.fixture
def editor(db):
    user = factories.UserFactory(username="editor")
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def publisher(db):
    user = factories.UserFactory(username="publisher")
    user.groups.add(Group.objects.get(name="Publisher"))
    return user


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks of what the block writes (the versions move), as a commit
    would: `with committed(): ...`."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def kept():
    """The selectors' results kept (the page cache itself off: each page is built), in a cache
    of this test."""
    with override_settings(CACHES=LOCAL, RESULT_CACHE_SECONDS=600):
        cache.clear()
        yield
        cache.clear()


@pytest.fixture
def fragment_versions(settings):
    """The topics' versions on, as production has them (off in tests: a test's transaction
    never commits, so they would never move unless it uses `committed`)."""
    settings.FRAGMENT_VERSIONS = True


@pytest.fixture
def kept_fragments(kept, fragment_versions):
    """Results kept and fragments by their versions, as production keeps them; the page cache
    itself off: each page is built."""
