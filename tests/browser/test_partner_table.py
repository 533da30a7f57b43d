"""The partner list's table on a phone and on a desktop, in both languages. At 390 CSS pixels
each row is a card: the partner's name first, then each cell on its own line after its column's
header; nothing scrolls sideways. At 1280 it is a table whose rows keep their cells side by side.
Either way assistive technologies get a table: column headers, row headers, cells. Photographed
to /tmp/shots/h2/ to be looked at."""

from itertools import pairwise
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots/h2")
LISTS = {
    "fr": ("/fr/partenaires/", ["Partenaire", "Type", "Région du monde"], "Chine"),
    "en": ("/en/partners/", ["Partner", "Kind", "World region"], "China"),
}
IN_FORCE = {
    "fr": "Ententes en vigueur (avec celles des partenaires qu'il regroupe)",
    "en": "Agreements in force (with those of the partners within)",
}
GEOMETRY = """() => {
  const table = document.querySelector("table.stacked");
  const box = (element) => element.getBoundingClientRect().toJSON();
  const rows = [...table.tBodies[0].rows].map((row) => [...row.cells].map(box));
  const labels = [...table.tBodies[0].rows[0].querySelectorAll("td")].map(
    (cell) => getComputedStyle(cell, "::before").content
  );
  return {
    table: box(table), scroll: [table.scrollWidth, table.clientWidth],
    page: [document.documentElement.scrollWidth, window.innerWidth],
    headers: [...table.tHead.rows[0].cells].map(box), head: box(table.tHead), rows, labels,
  };
}"""


def roles(page, language):
    _address, headers, china = LISTS[language]
    columns = [*headers, IN_FORCE[language]]
    for name in columns:
        assert page.get_by_role("columnheader", name=name, exact=True).count() == 1, name
    assert page.get_by_role("rowheader", name=china, exact=True).count() == 1
    assert page.get_by_role("row").count() == 21  # the header row and 20 partners
    assert page.get_by_role("cell").count() == 60


@pytest.mark.parametrize("language", ["fr", "en"])
def test_at_390_each_partner_is_a_card_and_nothing_scrolls_sideways(page, language):
    SHOTS.mkdir(parents=True, exist_ok=True)
    address, headers, _china = LISTS[language]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(address)
    page.screenshot(path=SHOTS / f"partners-{language}-390.png", full_page=True)
    page.locator("table.stacked tbody tr").nth(2).scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / f"partners-{language}-390-rows.png")
    geometry = page.evaluate(GEOMETRY)
    assert geometry["page"] == [390, 390]
    assert geometry["scroll"][0] <= geometry["scroll"][1]  # no sideways scroll in the table
    table = geometry["table"]
    for cells in geometry["rows"]:
        # Name first, each cell below the one before, each within the table's width.
        for above, below in pairwise(cells):
            assert below["top"] >= above["bottom"] - 0.5
        for cell in cells:
            assert table["left"] - 0.5 <= cell["left"] and cell["right"] <= table["right"] + 0.5
            assert cell["width"] == pytest.approx(table["width"], abs=1)
    # The column headers are out of sight (each cell says its own), not out of the table.
    assert geometry["head"]["height"] <= 1 and geometry["head"]["width"] <= 1
    assert geometry["labels"] == [
        f'"{headers[1]}" / ""',
        f'"{headers[2]}" / ""',
        f'"{IN_FORCE[language].split(" (")[0]}" / ""',
    ]
    # The count's long header, said once above the cards.
    note = page.locator(".stacked-note")
    assert note.is_visible() and note.inner_text() == IN_FORCE[language]
    roles(page, language)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_at_1280_it_is_a_table_of_four_columns(page, language):
    SHOTS.mkdir(parents=True, exist_ok=True)
    address, _headers, _china = LISTS[language]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(address)
    page.screenshot(path=SHOTS / f"partners-{language}-1280.png", full_page=True)
    geometry = page.evaluate(GEOMETRY)
    assert geometry["scroll"][0] <= geometry["scroll"][1]
    headers = geometry["headers"]
    assert len({round(header["top"]) for header in headers}) == 1  # one header row
    assert [h["left"] for h in headers] == sorted(h["left"] for h in headers)
    for cells in geometry["rows"]:
        assert len({round(cell["top"]) for cell in cells}) == 1  # side by side
        # each cell under its column's header
        assert [round(c["left"]) for c in cells] == [round(h["left"]) for h in headers]
    assert geometry["labels"] == ["none", "none", "none"]  # the headers say it
    assert not page.locator(".stacked-note").is_visible()
    roles(page, language)
