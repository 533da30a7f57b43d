import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests import factories


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


@pytest.fixture
def demo(db):
    """The seeds as the site shows them (load_demo): 18 agreements (2 drafts), the 2017 mission."""
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def address():
    """The public address of a named URL in one language (/fr/ententes/…, /en/agreements/…)."""

    def build(name, language, query="", **kwargs):
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
