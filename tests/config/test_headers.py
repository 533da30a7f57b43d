"""Headers checked once write what Django's ResponseHeaders writes (config/headers.py), and the
site's lazy objects are SimpleLazyObject's (config/middleware.py `lazy`)."""

import pytest
from csp.middleware import CheckableLazyObject
from django.http import BadHeaderError, HttpResponse
from django.utils.functional import SimpleLazyObject

from config.headers import Header
from config.middleware import lazy

VALUES = [
    ("Content-Language", "fr"),
    ("vary", "Accept-Language"),
    ("Content-Security-Policy", "default-src 'self'; img-src 'self' data:"),
    ("X-Note", "café"),
    ("X-Note", "日本"),
]


@pytest.mark.parametrize(("name", "value"), VALUES)
def test_a_header_set_is_djangos(name, value):
    ours, theirs = HttpResponse(), HttpResponse()
    Header(name, value).set(ours)
    theirs[name] = value
    assert ours.headers._store == theirs.headers._store
    assert list(ours.items()) == list(theirs.items())


@pytest.mark.parametrize(("name", "value"), VALUES)
def test_a_header_setdefault_is_djangos(name, value):
    for before in ({}, {name.upper(): "other"}):
        ours, theirs = HttpResponse(headers=before), HttpResponse(headers=before)
        Header(name, value).setdefault(ours)
        theirs.headers.setdefault(name, value)
        assert ours.headers._store == theirs.headers._store


def test_a_header_that_cannot_be_sent_is_refused_when_made():
    with pytest.raises(BadHeaderError, match="newlines"):
        Header("X-Note", "one\ntwo")
    with pytest.raises(UnicodeError):
        Header("X-Café", "one")


def test_a_header_says_its_name_and_value():
    header = Header("Content-Language", "en")
    assert (header.key, header.name, header.value) == ("content-language", "Content-Language", "en")
    assert repr(header) == "Header('Content-Language', 'en')"


@pytest.mark.parametrize("lazy_class", [SimpleLazyObject, CheckableLazyObject])
def test_a_lazy_object_is_its_constructors(lazy_class):
    calls = []

    def setup():
        calls.append(1)
        return "value"

    ours, theirs = lazy(lazy_class, setup), lazy_class(setup)
    assert type(ours) is lazy_class
    assert object.__getattribute__(ours, "__dict__") == object.__getattribute__(theirs, "__dict__")
    assert calls == []
    assert (str(ours), str(ours), calls) == ("value", "value", [1])
    assert str(theirs) == "value"
    assert object.__getattribute__(ours, "__dict__") == object.__getattribute__(theirs, "__dict__")


def test_a_checkable_lazy_object_is_false_until_set_up():
    nonce = lazy(CheckableLazyObject, lambda: "abc")
    assert not nonce
    assert str(nonce) == "abc"
    assert nonce


def test_a_checked_value_is_written_as_djangos():
    ours, theirs = HttpResponse(), HttpResponse()
    Header("X-Request-ID", "0" * 32).set_value(ours, "nginx-5f2b9c.41")
    theirs["X-Request-ID"] = "nginx-5f2b9c.41"
    assert ours.headers._store == theirs.headers._store


def test_a_header_is_absent_until_written_in_any_case():
    header = Header("Content-Length", "0")
    response = HttpResponse()
    response.headers.pop("Content-Length")
    assert header.absent(response)
    response["content-LENGTH"] = "4"
    assert not header.absent(response)
