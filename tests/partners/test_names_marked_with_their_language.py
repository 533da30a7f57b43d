"""A name with no translation, shown in the other language, says its language (`lang`): in a
select's options, in a sentence or a heading, and product codes are marked as codes."""

import pytest

from missions.models import Mission
from partners.models import Partner

pytestmark = pytest.mark.django_db


def without_english_name(slug):
    Partner.objects.filter(slug=slug).update(name_en="", article_name_en="")


def test_an_option_in_the_other_language_says_its_language(client, demo):
    without_english_name("cn")
    english = client.get("/en/agreements/").content.decode()
    french = client.get("/fr/ententes/").content.decode()
    assert '<option value="cn" lang="fr">Chine</option>' in english
    assert '<option value="kr">South Korea</option>' in english
    assert '<option value="cn">Chine</option>' in french


def test_a_french_only_name_on_a_french_page_carries_no_lang(client, demo):
    Partner.objects.filter(slug="kr").update(name_fr="", article_name_fr="")
    french = client.get("/fr/ententes/").content.decode()
    assert '<option value="kr" lang="en">South Korea</option>' in french


def test_a_ministry_with_no_translation_is_marked_in_the_select(client, demo):
    Mission.objects.update(ministry_en="")
    english = client.get("/en/missions/").content.decode()
    french = client.get("/fr/missions/").content.decode()
    name = "Ministère de la Santé et des Services sociaux"
    assert f'<option value="{name}" lang="fr">{name}</option>' in english
    assert f'<option value="{name}">{name}</option>' in french
    # and the filter still applies, by that name
    chosen = client.get("/en/missions/", {"ministry": name}).content.decode()
    assert f'<option value="{name}" lang="fr" selected>{name}</option>' in chosen
    assert '<p class="count" role="status">1 mission</p>' in chosen


def test_a_name_inside_a_sentence_is_marked_without_a_notice(client, demo):
    without_english_name("cn")
    english = client.get("/en/partners/cn/").content.decode()
    assert (
        '<caption>Trade in goods between Québec and <span lang="fr">Chine</span> '
        "(Canadian dollars)</caption>"
    ) in english
    assert 'exports to <span lang="fr">Chine</span> were' in english
    explorer = client.get("/en/trade/", {"partner": "cn"}).content.decode()
    assert '<h2>Main products traded with <span lang="fr">Chine</span> in 2016</h2>' in explorer
    french = client.get("/fr/partenaires/cn/").content.decode()
    assert (
        "<caption>Commerce de biens entre le Québec et la Chine (dollars canadiens)</caption>"
        in french
    )


def test_a_name_in_its_language_is_not_marked(client, demo):
    english = client.get("/en/partners/cn/").content.decode()
    assert (
        "<caption>Trade in goods between Québec and China (Canadian dollars)</caption>" in english
    )
    assert '<span lang="fr">' not in english.split("<main")[1].split("</main>")[0]


@pytest.mark.parametrize(("address"), ["/fr/partenaires/cn/", "/en/partners/cn/"])
def test_product_codes_are_marked_as_codes(client, demo, address):
    html = client.get(address).content.decode()
    assert '<span class="meta" translate="no">(8802)</span>' in html


def test_a_filter_tag_marks_a_name_in_the_other_language(client, demo):
    without_english_name("cn")
    english = client.get("/en/agreements/", {"partner": "cn"}).content.decode()
    assert (
        '<li><a href="?">Partner: <span lang="fr">Chine</span> <span aria-hidden="true">\u00d7</span>'
    ) in english
    # A title holds no element: the name is its text there.
    assert (
        "<title>Agreements (Partner: Chine) | Québec's International Relations</title>" in english
    )
    Partner.objects.filter(slug="kr").update(name_fr="", article_name_fr="")
    french = client.get("/fr/ententes/", {"partner": "kr"}).content.decode()
    assert (
        '<li><a href="?">Partenaire\u00a0: <span lang="en">South Korea</span> '
        '<span aria-hidden="true">\u00d7</span>'
    ) in french


def test_a_filter_tag_in_the_page_language_is_not_marked(client, demo):
    english = client.get("/en/agreements/", {"partner": "cn"}).content.decode()
    assert '<li><a href="?">Partner: China <span aria-hidden="true">\u00d7</span>' in english
    french = client.get("/fr/ententes/", {"partner": "cn"}).content.decode()
    assert (
        '<li><a href="?">Partenaire\u00a0: Chine <span aria-hidden="true">\u00d7</span>' in french
    )


def test_a_ministry_tag_with_no_translation_is_marked(client, demo):
    Mission.objects.update(ministry_en="")
    name = "Ministère de la Santé et des Services sociaux"
    english = client.get("/en/missions/", {"ministry": name}).content.decode()
    assert f'<li><a href="?">Ministry: <span lang="fr">{name}</span> <span' in english
