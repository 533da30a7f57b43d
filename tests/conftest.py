import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from tests import factories


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
