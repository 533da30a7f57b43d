"""Issue 13, figures: one decimal, a real minus sign, derived figures marked "≈", changes of
exports and imports, shares of Québec's trade and rank from a world row the import accepts,
round chart axes, one chart a partner, main products in the explorer; both languages."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone

from partners.models import Partner, TradeFigure
from partners.reference import world_partner
from partners.trade.charts import axis_ticks
from partners.trade.importing import import_trade_file
from partners.trade.importing.writers import GenericWriter
from tests import factories
from tests.pages import html

pytestmark = pytest.mark.django_db

N = "\u00a0"
M = "\u2212"


def cells(page: str, year: int) -> list[str]:
    row = re.search(rf'<tr><th scope="row">{year}</th>(.*?)</tr>', page, re.S).group(1)
    return re.findall(r'<td class="num">([^<]*)</td>', row)


def test_the_dossier_table_reads_at_one_precision_with_estimates_marked(client, demo):
    french = html(client.get("/fr/partenaires/cn/"))
    assert cells(french, 2015) == [
        f"≈{N}2,7{N}G$",
        f"≈{N}10,7{N}G$",
        f"≈{N}13,4{N}G$",
        f"≈{N}{M}8,0{N}G$",
        "—",
        "—",
        "—",
    ]
    assert cells(french, 2016) == [
        f"3,0{N}G$",
        f"10,8{N}G$",
        f"13,8{N}G$",
        f"{M}7,8{N}G$",
        f"≈{N}+12,1{N}%",
        f"≈{N}+0,9{N}%",
        f"≈{N}+3,1{N}%",
    ]
    assert "≈\u00a0Estimation\u00a0: calculée à partir des parts" in french
    english = html(client.get("/en/partners/cn/"))
    assert cells(english, 2016) == [
        "$3.0 billion",
        "$10.8 billion",
        "$13.8 billion",
        f"{M}$7.8 billion",
        "≈ +12.1%",
        "≈ +0.9%",
        "≈ +3.1%",
    ]


def test_derived_product_values_are_marked(client, demo):
    french = html(client.get("/fr/partenaires/cn/"))
    assert f'<td class="num">≈{N}429,0{N}M$</td><td class="num">14,3{N}%</td>' in french
    english = html(client.get("/en/partners/cn/"))
    assert '<td class="num">≈ $429.0 million</td><td class="num">14.3%</td>' in english


def test_shares_of_quebecs_trade_come_from_the_world_row(client, demo):
    french = html(client.get("/fr/partenaires/cn/"))
    assert (
        f"En 2016, les exportations vers la Chine représentaient ≈{N}3,8{N}% des exportations "
        f"de biens du Québec, et les importations en provenance de ce partenaire, ≈{N}12,5{N}% "
        "de ses importations."
    ) in french
    english = html(client.get("/en/partners/cn/"))
    assert (
        "In 2016, exports to China were ≈ 3.8% of Québec's exports of goods, and imports from "
        "it ≈ 12.5% of Québec's imports."
    ) in english
    # The demo's partners are far from all of Québec's trade: no rank is given.
    assert "Rank among" not in english


def test_a_rank_is_given_when_the_partners_cover_quebecs_trade(client, reference_countries):
    china = Partner.objects.get(iso_code="CN")
    china.publication_status, china.published_at = "published", timezone.now()
    china.overview_fr, china.overview_en = "x", "x"
    china.save()
    world = Partner.objects.get(iso_code="001")
    germany = Partner.objects.get(iso_code="DE")
    for partner, exports, imports in ((china, 30, 70), (germany, 50, 60), (world, 80, 130)):
        factories.TradeFigureFactory(partner=partner, flow="export", value_cad=exports)
        factories.TradeFigureFactory(partner=partner, flow="import", value_cad=imports)
    french = html(client.get(f"/fr/partenaires/{china.slug}/"))
    assert f"Rang parmi les partenaires commerciaux du Québec{N}: 2 sur 2." in french
    english = html(client.get(f"/en/partners/{china.slug}/"))
    assert "Rank among Québec's trading partners: 2 of 2." in english


def test_the_import_accepts_the_world_row(reference_countries, tmp_path):
    path = tmp_path / "monde.csv"
    path.write_text(
        "Année;Partenaire;Flux;Code SH;Produit;Valeur ($ CA)\n"
        "2016;Monde;Exportations;;Total;78 947 000 000\n"
        "2016;Tous les partenaires;Importations;;Total;86 400 000 000\n"
        "2017;001;Exportations;;Total;1\n",
        encoding="utf-8",
    )
    import_trade_file(path=path, writer=GenericWriter())
    assert sorted(
        TradeFigure.objects.values_list("partner__iso_code", "year", "flow", "value_cad")
    ) == [
        ("001", 2016, "export", Decimal("78947000000.00")),
        ("001", 2016, "import", Decimal("86400000000.00")),
        ("001", 2017, "export", Decimal("1.00")),
    ]
    assert world_partner().name_en == "World"


@pytest.mark.parametrize(
    ("maximum", "ticks"),
    [
        (Decimal("10800000000"), [0, 5, 10, 15]),
        (Decimal("3000000000"), [0, 1, 2, 3]),
        (Decimal("2100000000"), [0, 1, 2, 3]),
        (Decimal("13800000000"), [0, 5, 10, 15]),
    ],
)
def test_chart_axes_have_round_steps_scaled_to_the_data(maximum, ticks):
    assert axis_ticks(maximum) == [Decimal(t) * 10**9 for t in ticks]


def test_the_chart_ticks_read_at_one_precision(client, demo):
    french = html(client.get("/fr/partenaires/cn/"))
    ticks = re.findall(r'<text class="tick" x="84"[^>]*>([^<]+)</text>', french)
    assert ticks == [f"0{N}$", f"5,0{N}G$", f"10,0{N}G$", f"15,0{N}G$"]
    english = html(client.get("/en/partners/cn/"))
    ticks = re.findall(r'<text class="tick" x="84"[^>]*>([^<]+)</text>', english)
    assert ticks == ["$0", "$5.0 billion", "$10.0 billion", "$15.0 billion"]


def test_the_explorer_draws_one_named_chart_a_partner_and_lists_main_products(client, demo):
    french = html(client.get("/fr/commerce/"))
    assert re.findall(r"<figcaption>([^<]+)</figcaption>", french) == ["Chine", "Corée du Sud"]
    assert "<h2>Principaux produits échangés avec la Chine en 2016</h2>" in french
    assert "Avions, hélicoptères et autres véhicules aériens" in french
    english = html(client.get("/en/trade/"))
    assert re.findall(r"<figcaption>([^<]+)</figcaption>", english) == ["China", "South Korea"]
    assert "<h2>Main products traded with China in 2016</h2>" in english
    china_2016 = re.search(
        r'<th scope="row"><a href="/en/partners/cn/">China</a></th><td>2016</td>(.*?)</tr>', english
    ).group(1)
    assert re.findall(r'<td class="num">([^<]*)</td>', china_2016) == [
        "$3.0 billion",
        "$10.8 billion",
        "$13.8 billion",
        f"{M}$7.8 billion",
        "≈ +3.1%",
    ]
    assert "Change in 2016 over the previous year: exports ≈ +12.1%, imports ≈ +0.9%." in english
    assert "In 2016: ≈ 3.8% of Québec's exports of goods, ≈ 12.5% of its imports." in english
    assert f"En 2016{N}: ≈{N}3,8{N}% des exportations de biens du Québec" in french
