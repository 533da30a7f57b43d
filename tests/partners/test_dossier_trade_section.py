"""The dossier's trade section kept by the versions of what it shows, the partner and the trade
(partners/publishing/fragments.py `section()`): written once, an edit of the partner's
agreements leaving it found, an edit of its figures or of the partner seen at once."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from partners.publishing import versions
from tests import factories

# The topics' versions on (off in tests), moved by what `committed` writes.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_versions")]

TRADE_TABLE = '"partners_tradefigure"'


@pytest.fixture
def china(committed):
    with committed():
        china = factories.PartnerFactory(
            name_fr="Chine", name_en="China", slug="cn", article_name_fr="la Chine"
        )
        for year, exports in ((2015, 3_000_000_000), (2016, 3_100_000_000)):
            factories.TradeFigureFactory(partner=china, year=year, value_cad=exports)
            factories.TradeFigureFactory(
                partner=china, year=year, flow="import", value_cad=10_800_000_000
            )
        factories.AgreementFactory(parties=[china], title_fr="Entente sur l'eau")
    return china


def dossier(client, partner, language="fr", query=""):
    with translation.override(language), CaptureQueriesContext(connection) as queries:
        response = client.get(partner.get_absolute_url() + query)
    assert response.status_code == HTTPStatus.OK
    sql = [query["sql"] for query in queries.captured_queries]
    return response.content.decode(), sql


def trade_queries(sql) -> int:
    return sum(TRADE_TABLE in query for query in sql)


def section(html) -> str:
    return html[
        html.index('<section id="trade">') : html.index(
            "</section>", html.index('<section id="trade">')
        )
    ]


def test_the_section_is_written_once_and_the_page_stays_the_same(client, china):
    first, built = dossier(client, china)
    second, kept = dossier(client, china)
    assert second == first
    # The yearly totals (with the world row's), the main products, the rank: only when written.
    assert (trade_queries(built), trade_queries(kept)) == (3, 0)
    assert len(built) - len(kept) == 3
    assert "<svg" in second and "Commerce de biens entre le Québec et la Chine" in section(second)


def test_an_edit_of_the_partners_agreement_leaves_the_section_found(client, china, committed):
    dossier(client, china)
    agreement = china.agreements.get()
    with committed():
        agreement.title_fr = "Entente sur les forêts"
        agreement.save()
    html, sql = dossier(client, china)
    assert "Entente sur les forêts" in html and "Entente sur l&#x27;eau" not in html
    assert trade_queries(sql) == 0


def test_a_new_year_of_figures_is_in_the_section_at_once(client, china, committed):
    before, _sql = dossier(client, china)
    assert "2017" not in section(before)
    with committed():
        factories.TradeFigureFactory(partner=china, year=2017, value_cad=4_000_000_000)
    after, sql = dossier(client, china)
    assert trade_queries(sql) == 3
    assert '<th scope="row">2017</th>' in section(after)


def test_the_partner_renamed_is_in_the_section_at_once(client, china, committed):
    dossier(client, china)
    with committed():
        china.article_name_fr = "la République populaire de Chine"
        china.save()
    html, _sql = dossier(client, china)
    assert "entre le Québec et la République populaire de Chine" in section(html)


def test_each_language_has_its_own_section(client, china):
    french, _sql = dossier(client, china, "fr")
    english, sql = dossier(client, china, "en")
    assert trade_queries(sql) == 3
    assert "Commerce de biens" in section(french) and "Trade in goods" not in section(french)
    assert "Trade in goods between Québec and China" in section(english)
    again, sql = dossier(client, china, "en")
    assert (again, trade_queries(sql)) == (english, 0)


def test_a_preview_of_pending_changes_is_neither_kept_nor_read(client, china, editor, committed):
    public, _sql = dossier(client, china)
    pending = versions.capture(china)
    pending["objects"][0]["fields"]["article_name_fr"] = "la Chine en attente"
    versions.store(record=china, data=pending, user=editor)
    client.force_login(editor)
    preview, sql = dossier(client, china, query="?preview=1")
    assert "entre le Québec et la Chine en attente" in section(preview)
    assert trade_queries(sql) == 3
    client.logout()
    again, sql = dossier(client, china)
    assert section(again) == section(public)
    assert trade_queries(sql) == 0


def test_a_draft_previewed_by_staff_is_written_each_time(client, editor, committed):
    with committed():
        draft = factories.PartnerFactory(
            slug="draft", publication_status="draft", published_at=None
        )
        factories.TradeFigureFactory(partner=draft)
    client.force_login(editor)
    for _visit in range(2):
        _html, sql = dossier(client, draft, query="?preview=1")
        assert trade_queries(sql) == 3
