"""The history page reads as staff speak: labels, choice labels, names, local times."""

import datetime
import re
from html import unescape

import pytest
import time_machine
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def rows(html):
    start = html.index('<table id="change-history">')
    table = html[start : html.index("</table>", start)]
    cells = re.findall(r"<t[hd](?:\s[^>]*)?>(.*?)</t[hd]>", table, re.S)
    return [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", cell))).strip() for cell in cells]


def test_the_history_page_in_french(client, superuser):
    partner = factories.PartnerFactory(name_fr="Bavière", name_en="Bavaria")
    with time_machine.travel(datetime.datetime(2026, 3, 2, 15, 5, tzinfo=datetime.UTC)):
        agreement = factories.AgreementFactory(
            title_fr="Entente", title_en="Agreement", parties=[partner]
        )
    with time_machine.travel(datetime.datetime(2026, 3, 3, 15, 5, tzinfo=datetime.UTC)):
        agreement.status = "in_force"
        agreement.title_en = "Agreement, revised"
        agreement._change_reason = "Correction"
        agreement.save()
    client.force_login(superuser)

    html = client.get(
        reverse("admin:agreements_agreement_history", args=[agreement.pk])
    ).content.decode()

    assert rows(html)[:12] == [
        "Version",
        "Date et heure",
        "Action",
        "Modifié par",
        "Raison",
        "Modifications",
        "Entente",
        "3 mars 2026, 10:05",
        "Modifié",
        "le système",
        "Correction",
        "Statut : signée → en vigueur Titre (anglais) : Agreement → Agreement, revised",
    ]
