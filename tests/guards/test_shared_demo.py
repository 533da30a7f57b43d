"""The shared demo (tests/conftest.py): loaded once for the tests that read it, never seen by a
test that did not ask for it, and whole again after a test that wrote. The tests run in the order
written: each checks what the one before it left."""

import pytest
from django.db import connection

from agreements.models import Agreement
from missions.models import Mission
from partners.models import Partner

pytestmark = pytest.mark.django_db


def test_a_reader_finds_the_demo_and_may_write(demo):
    assert Agreement.objects.count() == 18
    assert Mission.objects.count() == 1
    Agreement.objects.all().delete()
    Partner.objects.filter(slug="cn").update(name_en="Changed")
    assert Agreement.objects.count() == 0


def test_the_next_reader_finds_the_demo_as_loaded(demo):
    assert Agreement.objects.count() == 18
    assert Partner.objects.get(slug="cn").name_en == "China"
    # Inside the demo's transaction and the test's own.
    assert connection.in_atomic_block
    assert len(connection.savepoint_ids) == 1


def test_a_test_without_the_demo_finds_an_empty_database():
    assert Agreement.objects.count() == 0
    assert Mission.objects.count() == 0
    assert Partner.objects.count() == 0
    assert len(connection.savepoint_ids) == 0


def test_a_reader_after_it_finds_the_demo_again(demo):
    assert Agreement.objects.count() == 18
    assert Partner.objects.get(slug="cn").name_en == "China"
