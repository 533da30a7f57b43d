"""Random and malicious values thrown at every filter, search, sort, page and export parameter of
every public page, in both languages: never a server error, never an unescaped echo."""

import pytest
from django.utils.http import urlencode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories

pytestmark = pytest.mark.django_db

LISTS = {
    "/{lang}/{partners}/": ["region", "kind", "sector", "agreements", "sort", "page", "format"],
    "/{lang}/{agreements}/": [
        "partner",
        "sector",
        "status",
        "kind",
        "year_from",
        "year_to",
        "q",
        "sort",
        "page",
        "format",
    ],
    "/{lang}/missions/": ["partner", "ministry", "year", "sector", "sort", "page", "format"],
    "/{lang}/{trade}/": ["partner", "year_from", "year_to", "sort", "order", "format"],
    "/{lang}/{search}/": ["q", "page"],
    "/{lang}/{agreements}/{feed}/": ["partner", "status", "year_from"],
    "/{lang}/missions/{feed}/": ["partner", "year"],
}
WORDS = {
    "fr": {
        "partners": "partenaires",
        "agreements": "ententes",
        "trade": "commerce",
        "search": "recherche",
        "feed": "fil",
    },
    "en": {
        "partners": "partners",
        "agreements": "agreements",
        "trade": "trade",
        "search": "search",
        "feed": "feed",
    },
}
MARKER = "<script>alert(1)</script>"

hostile_values = st.one_of(
    st.text(max_size=300),
    st.text(
        alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "So"]), max_size=50
    ),
    st.sampled_from(
        [
            MARKER,
            "' OR 1=1 --",
            '"; DROP TABLE partners_partner; --',
            "../../etc/passwd",
            "%00",
            "-1",
            "0",
            "99999999999999999999999",
            "1e309",
            "NaN",
            "cn",
            "in_force",
            "csv",
            "json",
            "é" * 500,
            "\u202e\u200b",
        ]
    ),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
)


@pytest.fixture
def records(db):
    china = factories.PartnerFactory(slug="cn", iso_code="CN", name_fr="Chine", name_en="China")
    factories.AgreementFactory(
        parties=[china], status="in_force", summary_fr="Santé", summary_en="Health"
    )
    mission = factories.MissionFactory()
    factories.MissionPlaceFactory(mission=mission, partner=china)
    factories.TradeFigureFactory(partner=china)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("page", sorted(LISTS))
def test_hostile_parameters_never_break_a_page(client, records, page, language):
    path = page.format(lang=language, **WORDS[language])
    names = LISTS[page]

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(params=st.lists(st.tuples(st.sampled_from(names), hostile_values), max_size=6))
    def check(params):
        response = client.get(path + "?" + urlencode(params, doseq=True))
        assert response.status_code < 500, (path, params)
        assert response.status_code in (200, 400), (path, params)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert MARKER.encode() not in body

    check()
