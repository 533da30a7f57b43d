"""The admin's language switch: French or English, on the same page."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_switch_keeps_the_page_and_changes_the_language(superuser):
    client = Client()
    client.force_login(superuser)
    page = reverse("admin:agreements_agreement_changelist") + "?q=coree"

    french = client.get(page).content.decode()
    assert '<button type="submit" name="language" value="en" lang="en">English</button>' in french
    assert f'<input type="hidden" name="next" value="{page}">' in french

    switched = client.post(reverse("set_language"), {"language": "en", "next": page})

    assert switched.status_code == HTTPStatus.FOUND
    assert switched["Location"] == page
    english = client.get(page).content.decode()
    assert '<html lang="en"' in english
    assert "<title>Agreements | International Relations</title>" in english
    assert '<button type="submit" name="language" value="fr" lang="fr">Français</button>' in english

    client.post(reverse("set_language"), {"language": "fr", "next": page})
    assert '<html lang="fr"' in client.get(page).content.decode()


def test_the_login_page_has_the_switch_too():
    page = Client().get(reverse("admin:login")).content.decode()

    assert 'value="en" lang="en">English</button>' in page
