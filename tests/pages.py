"""What the page tests of every record type share: asking a page, reading a response, and the
language switch."""

import re
from http import HTTPStatus

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

OTHER = {"fr": "en", "en": "fr"}


def html(response) -> str:
    return response.content.decode().replace("&amp;", "&").replace("&#x27;", "'")


def visit(client, path, language="fr", status=HTTPStatus.OK, params=None):
    """`path` asked in `language` (with `params`): the response, its status checked, and how many
    queries it ran."""
    with translation.override(language), CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == status, path
    return response, len(queries.captured_queries)


def key(record) -> str:
    """How the tests name a record: its French slug (a partner's one slug in both languages);
    its slug attribute follows the active language."""
    return getattr(record, "slug_fr", None) or record.slug


def slugs(response) -> list[str]:
    """The records listed, each by its French slug (the one that names it in the tests)."""
    return [record.slug_fr for record in response.context["object_list"]]


def switch_language(client, address, language, name, query="", **kwargs):
    """The page in `language` says its language and links to the same page (same record, same
    filters) in the other one, which answers in that language: (page, other page)."""
    response = client.get(address(name, language, query, **kwargs))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Language"] == language
    assert f'<html lang="{language}">' in html(response)
    other = OTHER[language]
    target = address(name, other, query, **kwargs)
    assert f'<a class="language-switch" href="{target}" hreflang="{other}"' in html(response)
    switched = client.get(target)
    assert switched.status_code == HTTPStatus.OK
    assert switched["Content-Language"] == other
    return response, switched


def whole_sitemap(client) -> str:
    """The whole sitemap as one text: each page of each section the index (/sitemap.xml) lists."""
    index = client.get("/sitemap.xml")
    assert index.status_code == HTTPStatus.OK
    sections = re.findall(r"<loc>http://testserver(/sitemap-[^<]+)</loc>", index.content.decode())
    assert sections
    texts = []
    for address in sections:
        response = client.get(address.replace("&amp;", "&"))
        assert response.status_code == HTTPStatus.OK, address
        texts.append(response.content.decode())
    return "\n".join(texts)
