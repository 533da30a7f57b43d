"""The 2017 report counts "eight agreements in force" with China; the seeds name six, and the
site shows six in force. The report's words stay the report's, dated; the dossier's counts say
what they count."""

# The French typography of the catalog: its curly apostrophe (U+2019).
# ruff: noqa: RUF001
import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("address", "report", "note"),
    [
        (
            "/fr/missions/mission-sante-chine-2017/",
            "Huit ententes de coopération sont actuellement en vigueur entre la Chine et le Québec",
            "Le contexte tel que le rapport le décrivait le 22 septembre 2017; les ententes qu’il "
            "dénombre sont son propre décompte à cette date. Les ententes publiées sur ce site "
            "figurent sur la page de chaque partenaire.",
        ),
        (
            "/en/missions/mission-of-the-minister-of-health-and-social-services-to-china/",
            "Eight cooperation agreements are currently in force between China and Québec",
            "The context as the report described it on September 22, 2017; the agreements it "
            "counts are its own count at that date. The agreements published on this site are "
            "listed on each partner’s page.",
        ),
    ],
)
def test_the_report_count_is_the_reports_and_dated(client, demo, address, report, note):
    html = client.get(address).content.decode()
    context = html[
        html.index('<div class="prose">') : html.index(
            "</section>", html.index('<div class="prose">')
        )
    ]
    assert report in context  # the report's words, as written
    assert context.endswith(f'</div>\n  <p class="note">{note}</p>')


@pytest.mark.parametrize(
    ("address", "counted", "groups"),
    [
        (
            "/fr/partenaires/cn/",
            "Ententes publiées sur ce site, y compris celles des partenaires rattachés.",
            ["Ententes signées (2)", "Ententes en vigueur (6)"],
        ),
        (
            "/en/partners/cn/",
            "Agreements published on this site, including those of the partners within it.",
            ["Signed agreements (2)", "Agreements in force (6)"],
        ),
        ("/fr/partenaires/us-ny/", "Ententes publiées sur ce site.", ["Ententes signées (1)"]),
        ("/en/partners/us-ny/", "Agreements published on this site.", ["Signed agreements (1)"]),
    ],
)
def test_the_dossier_says_what_its_counts_count(client, demo, address, counted, groups):
    html = client.get(address).content.decode()
    section = html[html.index('<section id="agreements">') :]
    section = section[: section.index("</section>")]
    assert (
        f'<h2>{"Ententes" if "/fr/" in address else "Agreements"}</h2>\n  <p class="meta">{counted}</p>'
        in section
    )

    assert re.findall(r"<h3>([^<]+)</h3>", section) == groups
