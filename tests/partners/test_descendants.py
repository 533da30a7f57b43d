"""A partner's descendants (Partner.objects.descendant_ids): every partner under it, at any
depth, drafts included, three levels a query."""

import pytest

from partners.models import Partner
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def chain(top, depth):
    """Partners one under the other, `depth` levels below `top`: [level 1, level 2, ...]."""
    levels, parent = [], top
    for _ in range(depth):
        parent = PartnerFactory(parent=parent)
        levels.append(parent)
    return levels


def test_a_partner_without_partners_under_it_is_read_in_one_query(django_assert_num_queries):
    alone = PartnerFactory()
    PartnerFactory()  # another partner, not under it
    with django_assert_num_queries(1):
        assert Partner.objects.descendant_ids([alone]) == [alone.pk]


def test_three_levels_in_one_query_then_what_lies_under_the_third(django_assert_num_queries):
    country = PartnerFactory()
    state = PartnerFactory(parent=country)
    city = PartnerFactory(parent=state, publication_status="draft")
    other_state = PartnerFactory(parent=country)
    PartnerFactory()  # not under the country
    with django_assert_num_queries(1):
        found = Partner.objects.descendant_ids([country])
    assert found == sorted([country.pk, state.pk, city.pk, other_state.pk])
    # A fourth and a sixth level: the third level's partners are looked under again, twice.
    deeper = chain(city, 3)
    with django_assert_num_queries(2):
        found = Partner.objects.descendant_ids([country.pk])
    assert found == sorted([country.pk, state.pk, city.pk, other_state.pk, *(p.pk for p in deeper)])
    deepest = chain(deeper[-1], 1)
    with django_assert_num_queries(3):
        found = Partner.objects.descendant_ids([country])
    assert found[-1] == deepest[0].pk and len(found) == 8


def test_several_partners_and_their_families():
    china, usa = PartnerFactory(), PartnerFactory()
    shandong = PartnerFactory(parent=china)
    new_york = PartnerFactory(parent=usa)
    assert Partner.objects.descendant_ids([china, usa.pk]) == sorted(
        [china.pk, usa.pk, shandong.pk, new_york.pk]
    )
    assert Partner.objects.descendant_ids([shandong]) == [shandong.pk]
