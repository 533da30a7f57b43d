"""The search page's count of results is grouped as each language writes a count (issue 13:
"Group every count with the language's separator"); found by reading the crawl's rule."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        (
            "fr",
            1807,
            '<p class="count" role="status">1\u00a0807 résultats pour «\u00a0eau\u00a0»</p>',
        ),
        ("en", 1807, '<p class="count" role="status">1,807 results for “eau”</p>'),
        ("fr", 1, '<p class="count" role="status">1 résultat pour «\u00a0eau\u00a0»</p>'),
        ("en", 1, '<p class="count" role="status">1 result for “eau”</p>'),
    ],
)
def test_the_count_of_results_is_grouped(language, count, expected):
    with translation.override(language):
        html = render_to_string(
            "search/results.html", {"q": "eau", "result_count": count, "page_obj": []}
        )
    assert expected in html


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("/fr/recherche/?q=shandong", "4 résultats pour «\u00a0shandong\u00a0»"),
        ("/en/search/?q=shandong", "4 results for “shandong”"),
    ],
)
def test_the_page_shows_the_count(client, demo, address, expected):
    html = client.get(address).content.decode()
    assert f'<p class="count" role="status">{expected}</p>' in html
