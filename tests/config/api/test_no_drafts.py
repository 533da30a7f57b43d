"""No draft ever reaches the API: not in a list, a detail, a nested child, a count or trade
figures, whatever the filters (the drafts are tied to published records, conftest.drafts)."""

from http import HTTPStatus

import pytest
from django.db.models import Q

from agreements.models import Agreement

from .conftest import PROBE

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/sectors/",
    "/api/v1/partners/",
    "/api/v1/partners/?region=AS",
    "/api/v1/agreements/",
    "/api/v1/agreements/?partner=cn&status=in_force",
    "/api/v1/missions/",
    "/api/v1/missions/?partner=cn",
    "/api/v1/trade/",
    "/api/v1/trade/products/",
    "/api/v1/trade/products/?flow=export",
]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_drafts_appear_in_no_answer(client, drafts, language):
    seen = set()
    details = []
    for path in LISTS:
        response = client.get(path, {"page_size": 100}, headers={"accept-language": language})
        assert response.status_code == HTTPStatus.OK, path
        assert PROBE not in response.content.decode().lower(), path
        details += [item["api_url"] for item in response.json()["results"] if "api_url" in item]
    for address in details:
        if address in seen:
            continue
        seen.add(address)
        response = client.get(address, headers={"accept-language": language})
        assert response.status_code == HTTPStatus.OK, address
        assert PROBE not in response.content.decode().lower(), address
    assert len(seen) == 12 + 20 + 16 + 1  # sectors, partners, agreements, missions
    counts = {
        name: client.get(f"/api/v1/{name}/").json()["count"]
        for name in ("partners", "agreements", "missions")
    }
    assert counts == {"partners": 20, "agreements": 16, "missions": 1}
    # The draft agreement is in force with China: China's count leaves it out.
    china = client.get("/api/v1/partners/cn/").json()
    # Counted as the dossier counts them: China's own and those of the partners under it.
    in_force = Agreement.objects.filter(
        Q(parties__slug="cn")
        | Q(parties__parent__slug="cn")
        | Q(parties__parent__parent__slug="cn"),
        status="in_force",
    ).distinct()
    assert in_force.filter(slug="zanzibar-agreement").exists()
    assert china["agreements_in_force"] == in_force.published().count()
    assert [child["slug"] for child in china["children"]] == ["cn-sd", "cn-sh"]
    for draft in (
        "partners/zanzibar-draft",
        "agreements/zanzibar-agreement",
        "missions/zanzibar-mission",
    ):
        response = client.get(f"/api/v1/{draft}/")
        assert response.status_code == HTTPStatus.NOT_FOUND
        assert response.json() == {"detail": "Non trouvé."}
    for name in ("agreements", "missions", "trade", "trade/products"):
        response = client.get(f"/api/v1/{name}/?partner=zanzibar-draft")
        assert response.status_code == HTTPStatus.BAD_REQUEST, name
        assert list(response.json()) == ["partner"]
