"""Every public page runs a fixed number of queries, at 10 records as at 1,000."""

from http import HTTPStatus

import pytest
from django.db import connection

from config.demo.generate import generate

pytestmark = pytest.mark.django_db

# The English pages' slugs (the French ones answer a redirect there).
SCIENCE = "quebec-china-cooperation-agreement-in-the-fields-of-science-and-technology"
MISSION = "mission-of-the-minister-of-health-and-social-services-to-china"
# One query a record type, and on PostgreSQL one more for the highlighted excerpts.
SEARCH = 4 if connection.vendor == "postgresql" else 3
PAGES = {
    # 8: the partners counted as they are listed, both agreement counts in one query.
    "/en/": 8,
    "/en/partners/": 3,
    "/en/partners/?region=AS&agreements=yes": 3,
    # 10: with Québec's totals with all partners (shares, in the query of the partner's years)
    # and every country's year (rank); the partners under it in one query; the missions
    # counted in the query of the latest.
    "/en/partners/cn/": 10,
    "/en/agreements/": 5,
    # A partner filter reads the partners under it in one query (three levels).
    "/en/agreements/?partner=cn&sector=health": 8,
    "/fr/ententes/?partner=cn&sector=sante&year_from=1990&q=sante&sort=title": 8,
    # A sector named by its slug in the other language (a filter kept by the language switch):
    # one more query, to look it up in the other language's column.
    "/fr/ententes/?partner=cn&sector=health": 9,
    "/en/agreements/?year_from=abc&page=999": 5,
    # 7: the record's key by its slug, then the record and its five prefetches (the results
    # cache, off here, reads all seven back: tests/config/test_detail_results.py).
    f"/en/agreements/{SCIENCE}/": 7,
    "/fr/ententes/entente-education-chine-1980/": 7,
    "/en/agreements/feed/": 1,
    "/fr/ententes/fil/?partner=cn": 3,
    # An export reads its records and their relations, not the page's count.
    "/en/agreements/?format=csv": 3,
    "/en/agreements/?format=json&partner=us": 5,
    "/en/missions/": 6,
    "/en/missions/?partner=cn": 8,
    "/fr/missions/?partner=cn&year=2017&ministry=Minist%C3%A8re+de+la+Sant%C3%A9+et+des+Services+sociaux": 8,
    # 8: the key, then the record and its six prefetches, as an agreement's page.
    f"/en/missions/{MISSION}/": 8,
    "/en/missions/feed/": 2,
    "/en/missions/?format=csv": 6,
    "/en/partners/?format=csv": 2,
    # 5: the main products read their partners' latest years first, the world row's figures
    # come with the partners' (partners/trade/selectors.py).
    "/en/trade/?partner=cn": 5,
    "/fr/recherche/?q=sante": SEARCH,
    "/en/search/?q=agreement": SEARCH,
    "/en/search/?q=agreement&page=2": SEARCH,
}


def test_the_same_queries_at_10_and_at_1000_records(client, demo, django_assert_num_queries):
    def measure():
        for page, expected in PAGES.items():
            with django_assert_num_queries(expected):
                assert client.get(page).status_code == HTTPStatus.OK, page

    generate(agreements=10, missions=10, trade_rows=500, seed=1)
    measure()
    generate(agreements=1000, missions=1000, trade_rows=5000, seed=1)
    measure()
