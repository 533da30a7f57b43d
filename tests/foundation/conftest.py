import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English here; the French ones are checked where pages are."""
    with translation.override("en"):
        yield


@pytest.fixture
def client():
    """Staff pages answered in English, so that the messages asserted here read as written."""
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")
