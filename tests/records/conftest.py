import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation


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
