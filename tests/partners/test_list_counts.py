"""Issue 13: the partner list counts agreements in force as the dossier does (with the partners
within), says so, and sorts regions by their names; both languages."""

import re

import pytest

from tests.pages import html

pytestmark = pytest.mark.django_db


def counts(page: str) -> dict[str, str]:
    rows = re.findall(
        r'<th scope="row"[^>]*><a href="/\w+/[^/]+/([^/]+)/">.*?</th>'
        r'.*?<td[^>]* class="num"[^>]*>([^<]*)</td>',
        page,
        re.S,
    )
    return dict(rows)


def test_the_list_counts_as_the_dossier_and_says_what_it_counts(client, demo):
    french = html(client.get("/fr/partenaires/"))
    assert (
        'Ententes en vigueur <span class="meta">(avec celles des partenaires qu\'il regroupe)</span>'
        in french
    )
    assert counts(french)["cn"] == "6"
    assert counts(french)["cn-sd"] == "2"
    assert counts(french)["cn-sh"] == "2"
    assert counts(french)["us"] == "0"
    dossier = client.get("/fr/partenaires/cn/")
    groups = {status: count for _l, status, count, _i in dossier.context["agreement_groups"]}
    assert groups["in_force"] == 6
    english = html(client.get("/en/partners/"))
    assert (
        'Agreements in force <span class="meta">(with those of the partners within)</span>'
        in english
    )
    assert counts(english)["cn"] == "6"


def test_the_agreements_filter_counts_the_same_way(client, demo):
    response = client.get("/en/partners/", {"agreements": "yes"})
    assert sorted(p.slug for p in response.context["object_list"]) == ["cn", "cn-sd", "cn-sh"]


def test_the_world_row_is_no_kind_the_public_filters_on(client, demo):
    assert 'value="world"' not in html(client.get("/en/partners/"))
