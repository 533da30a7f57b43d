"""The mission's second recommendation names the ministry of international relations: in
French as the report writes it, in English by the English name the site gives it elsewhere (the
open-data catalogue's publisher), not by its French name left unmarked in English text (found by
the crawl: a phrase of the French catalog on an English page)."""

# The report's curly apostrophe (U+2019), as the demo keeps it.
# ruff: noqa: RUF001
import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("address", "recommendation"),
    [
        (
            "/fr/missions/mission-sante-chine-2017/",
            "Entreprendre des démarches avec le ministère des Relations internationales et de la "
            "Francophonie afin d’actualiser les ententes signées avec la municipalité de Shanghai "
            "(2011) et la province du Shandong (2008).",
        ),
        (
            "/en/missions/mission-of-the-minister-of-health-and-social-services-to-china/",
            "Take steps with the Ministry of International Relations and La Francophonie to update "
            "the agreements signed with the Municipality of Shanghai (2011) and Shandong Province "
            "(2008).",
        ),
    ],
)
def test_the_recommendation_names_the_ministry_in_the_page_language(
    client, demo, address, recommendation
):
    html = client.get(address).content.decode().replace("&#x27;", "'")
    assert f"<li>{recommendation}" in html
