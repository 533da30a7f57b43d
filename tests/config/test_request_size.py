"""A request body over REQUEST_MAX_BYTES is refused from its length, on the public site too."""

from http import HTTPStatus

import pytest


@pytest.mark.django_db
def test_a_large_body_anywhere_is_refused_in_the_sites_look(client, settings):
    settings.REQUEST_MAX_BYTES = 1000
    response = client.post(
        "/i18n/setlang/",
        {"language": "en", "padding": "x" * 5000},
        HTTP_ACCEPT_LANGUAGE="fr",
        HTTP_REFERER="http://testserver/fr/partenaires/",
    )
    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    page = response.content.decode()
    assert "<h1>Fichier trop volumineux</h1>" in page
    assert "pour au plus 0,1\u00a0Mo. Rien n\u2019a été reçu." in page
    assert '<a href="http://testserver/fr/partenaires/">Retour au formulaire</a>' in page
    assert '<html lang="fr"' in page


@pytest.mark.django_db
def test_a_body_within_the_limit_goes_through(client, settings):
    settings.REQUEST_MAX_BYTES = 1000
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/en/"})
    assert response.status_code == HTTPStatus.FOUND


@pytest.mark.django_db
def test_the_way_back_never_leads_off_the_site(client, settings):
    settings.REQUEST_MAX_BYTES = 1000
    response = client.post(
        "/i18n/setlang/", {"padding": "x" * 5000}, HTTP_REFERER="https://evil.example/"
    )
    assert 'href="/i18n/setlang/"' in response.content.decode()
    assert "evil.example" not in response.content.decode()
