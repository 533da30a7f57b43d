"""Issue 13, words of the agreement pages: status words agree with the kind, each thing said
once, dates as each language writes them; in French and English, exact text."""

import datetime
import re

import pytest
from django.utils import translation

from agreements.models import AgreementKind, AgreementStatus
from tests import factories
from tests.pages import html

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def metas(response) -> list[str]:
    """The text of each card's meta line, tags removed."""
    return [
        re.sub(r"<[^>]+>", "", meta).strip()
        for meta in re.findall(r'<p class="meta">(.*?)</p>', html(response), re.S)
    ]


@pytest.mark.parametrize(
    ("kind", "status", "french", "english"),
    [
        (AgreementKind.MEMORANDUM, AgreementStatus.SIGNED, "signé", "signed"),
        (AgreementKind.AGREEMENT, AgreementStatus.SIGNED, "signée", "signed"),
        (AgreementKind.DECLARATION, AgreementStatus.EXPIRED, "échue", "expired"),
        (AgreementKind.PROGRAMME, AgreementStatus.TERMINATED, "résilié", "terminated"),
        (AgreementKind.MEMORANDUM, AgreementStatus.SUPERSEDED, "remplacé", "superseded"),
        (AgreementKind.AGREEMENT, AgreementStatus.IN_FORCE, "en vigueur", "in force"),
    ],
)
def test_status_words_agree_with_the_kind(kind, status, french, english):
    agreement = factories.AgreementFactory.build(kind=kind, status=status)
    with translation.override("fr"):
        assert agreement.status_label == french
    with translation.override("en"):
        assert agreement.status_label == english


def test_a_memorandum_card_says_signed_once_and_in_the_masculine(client, demo):
    page = metas(client.get("/fr/ententes/?partner=cn&sort=recent"))
    assert page[0] == "Signé en septembre 2017 · Protocole d'entente"
    page = metas(client.get("/en/agreements/?partner=cn&sort=recent"))
    assert page[0] == "Signed in September 2017 · Memorandum of understanding"


def test_a_renewed_agreement_says_when_it_was_renewed(client, demo):
    page = html(client.get("/fr/ententes/?partner=cn&sort=title"))
    assert "En vigueur</span> · renouvelée en 2011 · Entente" in page
    assert "signée 1995" not in page
    page = html(client.get("/en/agreements/?partner=cn&sort=title"))
    assert "In force</span> · renewed in 2011 · Agreement (entente)" in page


def test_the_home_card_of_a_renewed_agreement_says_renewed(client, demo):
    page = html(client.get("/fr/"))
    assert "En vigueur</span> · renouvelée en 2011 · Chine" in page
    page = html(client.get("/en/"))
    assert "In force</span> · renewed in 2011 · China" in page


def test_an_unknown_signature_date_says_so(client, demo):
    page = html(client.get("/fr/ententes/entente-science-technologie-shanghai/"))
    assert "<dt>Signature</dt>\n  <dd>date de signature inconnue</dd>" in page
    page = html(
        client.get(
            "/en/agreements/science-and-technology-cooperation-agreement-with-the-city-of-shanghai/"
        )
    )
    assert "<dt>Signed</dt>\n  <dd>signature date unknown</dd>" in page


def test_renewals_of_unknown_dates_are_plural(client, demo):
    page = html(client.get("/fr/ententes/entente-education-chine-1980/"))
    assert '<li class="undated">Renouvelée 7 fois (dates non précisées)</li>' in page
    page = html(
        client.get(
            "/en/agreements/agreement-in-the-field-of-education-and-higher-education-between-quebec-and-china/"
        )
    )
    assert '<li class="undated">Renewed 7 times (dates not given)</li>' in page


def test_a_single_undated_event_says_date_in_the_singular(client):
    agreement = factories.AgreementFactory(slug="une", kind=AgreementKind.MEMORANDUM)
    factories.AgreementEventFactory(
        agreement=agreement, kind="amended", date=None, date_precision="unknown"
    )
    page = html(client.get("/fr/ententes/une/"))
    assert '<li class="undated">Modifié une fois (date non précisée)</li>' in page


def test_signed_during_agrees_with_the_kind(client, demo):
    page = html(client.get("/fr/ententes/protocole-technologies-medicales-2017/"))
    assert "<h2>Signé pendant</h2>" in page
    assert '<span class="status status-signed">Signé</span> · Protocole d\'entente' in page
    page = html(
        client.get(
            "/en/agreements/memorandum-of-understanding-in-the-field-of-medical-technologies/"
        )
    )
    assert "<h2>Signed during</h2>" in page


def test_the_first_of_the_month_is_1er_in_french(client):
    factories.AgreementFactory(
        slug="juillet", signed_on=datetime.date(2017, 7, 1), in_force_on=datetime.date(2017, 7, 1)
    )
    page = html(client.get("/fr/ententes/juillet/"))
    assert "<dd>1er juillet 2017</dd>" in page
    assert "<dt>En vigueur depuis</dt><dd>1er juillet 2017</dd>" in page
    page = html(client.get("/en/agreements/juillet-en/"))
    assert "<dt>In force since</dt><dd>July 1, 2017</dd>" in page


def test_the_dossier_groups_say_what_they_hold(client, demo):
    page = html(client.get("/fr/partenaires/cn/"))
    headings = re.findall(r"<h3>(Ententes[^<]*)</h3>", page)
    assert headings == ["Ententes signées (2)", "Ententes en vigueur (6)"]
    page = html(client.get("/en/partners/cn/"))
    headings = re.findall(r"<h3>([^<]*agreements[^<]*)</h3>", page, re.I)
    assert headings == ["Signed agreements (2)", "Agreements in force (6)"]
