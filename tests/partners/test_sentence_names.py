"""Issue 13: French country names with their article and contraction (avec la Chine, aux
États-Unis, au Brésil), English with "the" where it takes one, for every partner of the demo."""

import pytest
from django.utils import translation

from partners.models import Partner
from partners.reference import english_forms, french_forms
from tests.pages import html

pytestmark = pytest.mark.django_db

# Every partner the demo names (profiles, and the countries its states and regions belong to):
# (ISO code, French with article, French after "à/en", English with article, English after in).
DEMO = [
    ("CN", "la Chine", "en Chine", "China", "in China"),
    ("KR", "la Corée du Sud", "en Corée du Sud", "South Korea", "in South Korea"),
    ("US", "les États-Unis", "aux États-Unis", "the United States", "in the United States"),
    ("BR", "le Brésil", "au Brésil", "Brazil", "in Brazil"),
    ("MX", "le Mexique", "au Mexique", "Mexico", "in Mexico"),
    ("BE", "la Belgique", "en Belgique", "Belgium", "in Belgium"),
    ("DE", "l'Allemagne", "en Allemagne", "Germany", "in Germany"),
    ("ES", "l'Espagne", "en Espagne", "Spain", "in Spain"),
    ("IT", "l'Italie", "en Italie", "Italy", "in Italy"),
    ("CN-SH", "Shanghai", "à Shanghai", "Shanghai", "in Shanghai"),
    ("CN-SD", "le Shandong", "au Shandong", "Shandong", "in Shandong"),
    (
        "US-NY",
        "l'État de New York",
        "dans l'État de New York",
        "New York State",
        "in New York State",
    ),
    ("US-VT", "le Vermont", "au Vermont", "Vermont", "in Vermont"),
    ("US-CA", "la Californie", "en Californie", "California", "in California"),
    ("US-ME", "le Maine", "au Maine", "Maine", "in Maine"),
    ("US-MA", "le Massachusetts", "au Massachusetts", "Massachusetts", "in Massachusetts"),
    ("US-NH", "le New Hampshire", "au New Hampshire", "New Hampshire", "in New Hampshire"),
    ("BE-WAL", "la Wallonie", "en Wallonie", "Wallonia", "in Wallonia"),
    ("BE-VLG", "la Flandre", "en Flandre", "Flanders", "in Flanders"),
    ("DE-BY", "la Bavière", "en Bavière", "Bavaria", "in Bavaria"),
    ("ES-CT", "la Catalogne", "en Catalogne", "Catalonia", "in Catalonia"),
    ("IT-25", "la Lombardie", "en Lombardie", "Lombardy", "in Lombardy"),
    (
        "BR-SP",
        "l'État de São Paulo",
        "dans l'État de São Paulo",
        "the State of São Paulo",
        "in the State of São Paulo",
    ),
    ("MX-JAL", "le Jalisco", "au Jalisco", "Jalisco", "in Jalisco"),
    ("MX-GUA", "le Guanajuato", "au Guanajuato", "Guanajuato", "in Guanajuato"),
    ("MX-NLE", "le Nuevo León", "au Nuevo León", "Nuevo León", "in Nuevo León"),
]


@pytest.mark.parametrize(("iso", "fr_article", "fr_in", "en_article", "en_in"), DEMO)
def test_every_demo_partner_reads_right_in_a_sentence(
    demo, iso, fr_article, fr_in, en_article, en_in
):
    partner = Partner.objects.get(iso_code=iso)
    with translation.override("fr"):
        assert (partner.name_in_sentence, partner.name_after_in) == (fr_article, fr_in)
    with translation.override("en"):
        assert (partner.name_in_sentence, partner.name_after_in) == (en_article, en_in)


def test_the_demo_covers_every_partner_it_names(demo):
    named = set(Partner.objects.published().values_list("iso_code", flat=True))
    named |= set(
        Partner.objects.filter(children__in=Partner.objects.published()).values_list(
            "iso_code", flat=True
        )
    )
    assert named == {row[0] for row in DEMO}


@pytest.mark.parametrize(
    ("name", "article", "after_in"),
    [
        ("Royaume-Uni", "le Royaume-Uni", "au Royaume-Uni"),
        ("Pays-Bas", "les Pays-Bas", "aux Pays-Bas"),
        ("Cuba", "Cuba", "à Cuba"),
        ("Iran", "l'Iran", "en Iran"),
        ("Nouvelle-Zélande", "la Nouvelle-Zélande", "en Nouvelle-Zélande"),
        ("Cambodge", "le Cambodge", "au Cambodge"),
    ],
)
def test_the_french_rules_beyond_the_demo(name, article, after_in):
    forms = french_forms(name)
    assert (forms.article_name, forms.in_name) == (article, after_in)


def test_the_english_rules_beyond_the_demo():
    assert english_forms("United Kingdom").article_name == "the United Kingdom"
    assert english_forms("Netherlands").in_name == "in the Netherlands"
    assert english_forms("Czech Republic").article_name == "the Czech Republic"
    assert english_forms("France").article_name == "France"


def test_the_dossier_says_trade_with_the_article(client, demo):
    french = html(client.get("/fr/partenaires/cn/"))
    assert "Commerce de biens entre le Québec et la Chine (dollars canadiens)" in french
    assert "Commerce de biens avec la Chine, par année" in french
    english = html(client.get("/en/partners/cn/"))
    assert "Trade in goods between Québec and China (Canadian dollars)" in english
    assert "Trade in goods with China, by year" in english


def test_staff_corrections_are_kept_and_an_english_gap_never_shows_french(demo):
    partner = Partner.objects.get(iso_code="CN")
    partner.article_name_en = ""
    with translation.override("en"):
        assert partner.name_in_sentence == "China"
