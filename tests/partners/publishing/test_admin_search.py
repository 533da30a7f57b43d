"""The admin's search box and autocomplete ignore accents and case (run on SQLite and on
PostgreSQL: DATABASE_URL=postgres://... pytest tests/partners/publishing/test_admin_search.py)."""

import json
from http import HTTPStatus

import pytest
from django.urls import reverse

from partners.models import Partner
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    korea = factories.PartnerFactory(name_fr="Corée du Sud", name_en="South Korea", slug="coree")
    bavaria = factories.PartnerFactory(name_fr="Bavière", name_en="Bavaria", slug="baviere")
    usa = factories.PartnerFactory(name_fr="États-Unis", name_en="United States", slug="eu")
    factories.PartnerFactory(name_fr="Chine", name_en="China", slug="chine")
    agreement = factories.AgreementFactory(
        title_fr="Entente Québec-Bavière sur la jeunesse",
        title_en="Québec-Bavaria youth agreement",
        parties=[bavaria],
    )
    factories.AgreementFactory(title_fr="Entente avec la Chine", title_en="China agreement")
    return {"korea": korea, "bavaria": bavaria, "usa": usa, "agreement": agreement}


def found(client, url, term):
    response = client.get(url, {"q": term})
    assert response.status_code == HTTPStatus.OK
    return [str(row) for row in response.context["cl"].result_list]


PARTNERS = reverse("admin:partners_partner_changelist")
AGREEMENTS = reverse("admin:agreements_agreement_changelist")


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("coree", ["Corée du Sud"]),
        ("COREE du", ["Corée du Sud"]),
        ("Baviere", ["Bavière"]),
        ("etats-unis", ["États-Unis"]),
        ("ÉTATS", ["États-Unis"]),
        ('"du sud"', ["Corée du Sud"]),
        ("korea", ["Corée du Sud"]),
        ("coree chine", []),
    ],
)
def test_partner_search_ignores_accents_and_case(client, superuser, records, term, expected):
    client.force_login(superuser)
    assert found(client, PARTNERS, term) == expected


def test_agreement_search_finds_quebec_in_titles_and_parties(client, superuser, records):
    client.force_login(superuser)

    assert found(client, AGREEMENTS, "quebec") == [str(records["agreement"])]
    # Through the parties (a many-to-many): listed once, not once per party.
    assert found(client, AGREEMENTS, "baviere") == [str(records["agreement"])]


def test_a_search_with_only_spaces_or_control_characters_lists_everything(
    client, superuser, records
):
    client.force_login(superuser)
    assert len(found(client, PARTNERS, " \x00 ")) == Partner.objects.count()


def test_autocomplete_ignores_accents(client, superuser, records):
    client.force_login(superuser)

    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "coree",
            "app_label": "agreements",
            "model_name": "agreement",
            "field_name": "parties",
        },
    )

    assert response.status_code == HTTPStatus.OK
    results = json.loads(response.content)["results"]
    assert [result["id"] for result in results] == [str(records["korea"].pk)]
