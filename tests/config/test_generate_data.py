import io

import pytest
from django.core.management import call_command

from agreements.models import Agreement
from missions.models import Mission
from partners.models import TradeFigure
from tests import factories

pytestmark = pytest.mark.django_db


def generate(seed=7):
    call_command(
        "generate_data",
        agreements=40,
        missions=10,
        trade_rows=2_000,
        seed=seed,
        stdout=io.StringIO(),
    )
    return list(Agreement.objects.filter(slug__startswith="gen-").values_list("title_en", "status"))


def test_generation_is_repeatable_bilingual_and_leaves_real_records_alone(reference_countries):
    real = factories.AgreementFactory(slug="science-technologie-1995")
    first = generate()
    assert generate() == first  # same seed, same data; the second run replaced the first
    assert len(first) == 40
    assert generate(seed=8) != first

    agreement = Agreement.objects.filter(slug__startswith="gen-").first()
    assert agreement.title_fr.startswith("Entente de ")
    assert agreement.title_en.startswith("Agreement on ")
    assert agreement.parties.count() in {1, 2}
    assert agreement.events.filter(kind="signed").count() == 1
    assert Mission.objects.filter(slug__startswith="gen-").count() == 10
    mission = Mission.objects.filter(slug__startswith="gen-").first()
    assert mission.delegation.count() >= 2
    assert mission.places.count() >= 1

    # 201 rows per partner, year and flow: 200 products and their total, which is their sum.
    assert TradeFigure.objects.count() == 1_809  # 9 whole blocks fit in 2,000 rows
    total = TradeFigure.objects.totals().first()
    products = TradeFigure.objects.by_product().filter(
        partner=total.partner, year=total.year, flow=total.flow
    )
    assert sum(f.value_cad for f in products) == total.value_cad

    call_command("generate_data", clear=True, stdout=io.StringIO())
    assert list(Agreement.objects.values_list("slug", flat=True)) == [real.slug]
    assert Mission.objects.count() == 0
    assert TradeFigure.objects.count() == 0
