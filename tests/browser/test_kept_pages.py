"""A visitor on the pages built from what is kept (the page cache off, the selectors' results and
the pages' sections kept by the versions of what they show, as production has them) while staff
edit: the partner dossier, the trade explorer and an agreement's page show an edit at once, in
French and English, 1280 and 390 pixels wide."""

import re

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation

from agreements.models import Agreement
from partners.models import Partner
from partners.trade.models import TradeFigure
from tests import factories
from tests.caches import LOCAL


@pytest.fixture
def kept(page):
    with override_settings(
        CACHES=LOCAL, PAGE_CACHE_SECONDS=0, RESULT_CACHE_SECONDS=300, FRAGMENT_VERSIONS=True
    ):
        cache.clear()
        yield page
        cache.clear()


def visit(page, path, *, shot=None):
    response = page.goto(path)
    assert response.status == 200
    if shot:
        page.screenshot(path=shot, full_page=True)
    return page.locator("main").inner_text()


def trade_section(page) -> str:
    return page.locator("#trade").inner_text()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_dossier_explorer_and_agreement_page_show_edits_at_once(kept, width, tmp_path):
    page = kept
    page.set_viewport_size({"width": width, "height": 900})
    china = Partner.objects.get(slug="cn")
    agreement = Agreement.objects.published().filter(parties=china).order_by("pk").first()
    assert not TradeFigure.objects.filter(partner=china, year=2017).exists()

    dossier = {"fr": "/fr/partenaires/cn/", "en": "/en/partners/cn/"}
    first = {code: visit(page, path) for code, path in dossier.items()}
    assert agreement.title_fr in first["fr"] and agreement.title_en in first["en"]
    visit(page, "/fr/partenaires/cn/")
    trade_before = trade_section(page)
    assert "2016" in trade_before and "2017" not in trade_before
    assert page.locator("#trade svg[role=img]").is_visible()

    # An edit of one of China's agreements: on its dossier and its page at once, in each
    # language; the dossier's trade section as it was.
    agreement.title_fr = f"{agreement.title_fr} (texte révisé)"
    agreement.title_en = f"{agreement.title_en} (revised text)"
    agreement.save()
    after = {
        code: visit(page, path, shot=tmp_path / f"dossier-{code}-{width}.png")
        for code, path in dossier.items()
    }
    assert agreement.title_fr in after["fr"] and agreement.title_en in after["en"]
    visit(page, "/fr/partenaires/cn/")
    assert trade_section(page) == trade_before
    for code, title in (("fr", agreement.title_fr), ("en", agreement.title_en)):
        with translation.override(code):
            address = agreement.get_absolute_url()
        assert title in visit(page, address)

    # A year of figures added: in the dossier's trade section and the explorer at once.
    factories.TradeFigureFactory(partner=china, year=2017, value_cad=4_000_000_000)
    visit(page, "/fr/partenaires/cn/")
    assert "2017" in trade_section(page) and "4,0\u00a0G$" in trade_section(page)
    explorer = visit(page, "/en/trade/?partner=cn", shot=tmp_path / f"explorer-{width}.png")
    assert "$4.0 billion" in explorer
    table = page.locator("table.sortable tbody tr").all_inner_texts()
    assert table[0].split("\t")[:3] == ["China", "2017", "$4.0 billion"]
    assert page.locator("#chart-cn-title").count() == 1


@pytest.mark.parametrize("width", [1280, 390])
def test_a_lists_kept_filters_name_a_renamed_partner_at_once(kept, width, tmp_path):
    page = kept
    page.set_viewport_size({"width": width, "height": 900})
    china = Partner.objects.get(slug="cn")
    in_china = Agreement.objects.published().with_party([china]).count()

    page.goto("/fr/ententes/")
    if not page.locator("#id_partner").is_visible():  # a narrow screen folds the filters
        page.locator(".filter-panel summary").click()
    page.select_option("#id_partner", label="Chine")
    page.get_by_role("button", name="Appliquer").click()
    page.wait_for_url("**/fr/ententes/?partner=cn")
    assert page.locator(".count").inner_text() == f"{in_china} ententes"
    assert page.locator(".filter-tags li").inner_text().startswith("Partenaire\u00a0: Chine")
    page.reload()  # the same list, its filters read back

    # Staff rename the partner: its filter and its tag name it so at once, in each language.
    china.name_fr, china.name_en = "Chine (RPC)", "China (PRC)"
    china.save()
    page.reload()
    page.screenshot(path=tmp_path / f"agreements-fr-{width}.png", full_page=True)
    assert page.locator(".filter-tags li").inner_text().startswith("Partenaire\u00a0: Chine (RPC)")
    assert page.locator("#id_partner option:checked").text_content() == "Chine (RPC)"
    assert page.title().startswith("Ententes (Partenaire\u00a0: Chine (RPC))")
    assert page.locator('.site-nav a[aria-current="page"]').inner_text() == "Ententes"

    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/agreements/?partner=cn")
    page.screenshot(path=tmp_path / f"agreements-en-{width}.png", full_page=True)
    assert page.locator(".filter-tags li").inner_text().startswith("Partner: China (PRC)")
    assert page.locator("#id_partner option:checked").text_content() == "China (PRC)"
    assert page.locator(".count").inner_text() == f"{in_china} agreements"
    assert page.locator('.site-nav a[aria-current="page"]').inner_text() == "Agreements"

    # The tag removed: the whole list, and no tag left.
    page.locator(".filter-tags li a").click()
    page.wait_for_url(re.compile(r".*/en/agreements/\??$"))
    total = Agreement.objects.published().count()
    assert page.locator(".count").inner_text() == f"{total:,} agreements"
    assert page.locator(".filter-tags").count() == 0
