"""Trade imports as staff find them: linked from the dashboard and the import page, with their
counts, local times, amounts and durations, and what a rolled-back one had done."""

import datetime
from decimal import Decimal
from http import HTTPStatus

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from partners.models import ImportBatch
from partners.trade.importing import import_trade_file, rollback_batch

from .conftest import FILES

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def staff(user, language):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


@pytest.fixture
def rolled_back(countries, publisher):
    with time_machine.travel(datetime.datetime(2026, 11, 23, 15, 30, tzinfo=UTC), tick=False):
        import_trade_file(path=FILES / "design_fr.csv", user=publisher)
    batch = ImportBatch.objects.get()
    batch.seconds = 0.4321
    batch.save()
    with time_machine.travel(datetime.datetime(2026, 11, 24, 14, 5, tzinfo=UTC), tick=False):
        rollback_batch(batch=batch, user=publisher)
    return batch


def test_the_dashboard_links_each_batch_and_says_it_was_rolled_back(rolled_back, publisher):
    url = reverse("admin:partners_importbatch_change", args=[rolled_back.pk])

    english = staff(publisher, "en").get(reverse("admin:index")).content.decode()
    french = staff(publisher, "fr").get(reverse("admin:index")).content.decode()

    assert (
        f'<li><a href="{url}">design_fr.csv (2026-11-23 10:30)</a> '
        '<span class="quiet">2 rows: 2 new, 0 updated, 0 unchanged.</span> '
        '<span class="import-rolled-back">rolled back on 2026-11-24 09:05</span></li>'
    ) in english
    assert (
        f'<li><a href="{url}">design_fr.csv (2026-11-23 10:30)</a> '
        '<span class="quiet">2 lignes\u00a0: 2 nouvelles, 0 mise à jour, 0 inchangée.</span> '
        '<span class="import-rolled-back">annulée le 2026-11-24 09:05</span></li>'
    ) in french


def test_an_editor_sees_the_batches_on_the_dashboard_without_a_link(rolled_back, editor):
    page = staff(editor, "en").get(reverse("admin:index")).content.decode()

    assert "<li>design_fr.csv (2026-11-23 10:30) <span" in page
    assert reverse("admin:partners_importbatch_change", args=[rolled_back.pk]) not in page


def test_a_rolled_back_batch_still_shows_what_it_had_done(rolled_back, publisher):
    url = reverse("admin:partners_importbatch_change", args=[rolled_back.pk])

    english = staff(publisher, "en").get(url)
    french = staff(publisher, "fr").get(url).content.decode()

    assert english.status_code == HTTPStatus.OK
    page = english.content.decode()
    assert "<p>2 rows: 2 new, 0 updated, 0 unchanged.</p>" in page
    assert (
        "Rolled back on 2026-11-24 09:05 by publisher: the figures it created were deleted "
        "and the values it replaced were restored. What it had done is kept below."
    ) in page
    assert '<div class="readonly">0.4 s</div>' in page
    assert "Roll back this import…" not in page
    assert "<p>2 lignes\u00a0: 2 nouvelles, 0 mise à jour, 0 inchangée.</p>" in french
    assert "Annulée le 2026-11-24 09:05 par publisher\u00a0: les données" in french
    assert '<div class="readonly">0,4 s</div>' in french
    assert "<h1>Consultation d&#x27;une importation de données commerciales</h1>" in french
    assert "Voie d&#x27;importation\u00a0:</label>" in french
    assert "Annulée le\u00a0:</label>" in french


def test_the_import_page_lists_the_last_batches(rolled_back, publisher):
    page = staff(publisher, "fr").get(reverse("admin:partners_tradefigure_import"))

    assert (
        f'<li><a href="{reverse("admin:partners_importbatch_change", args=[rolled_back.pk])}">'
        "design_fr.csv (2026-11-23 10:30)</a>"
    ) in page.content.decode()


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ["All", "in place", "rolled back"]),
        ("fr", ["Tous", "en place", "annulée"]),
    ],
)
def test_the_batch_filter_says_what_it_means(rolled_back, publisher, language, labels):
    client = staff(publisher, language)
    response = client.get(reverse("admin:partners_importbatch_changelist"))

    spec = next(
        s
        for s in response.context["cl"].filter_specs
        if getattr(s, "parameter_name", "") == "state"
    )
    assert [str(choice["display"]) for choice in spec.choices(response.context["cl"])] == labels
    kept = client.get(reverse("admin:partners_importbatch_changelist"), {"state": "in_place"})
    assert list(kept.context["cl"].result_list) == []
    gone = client.get(reverse("admin:partners_importbatch_changelist"), {"state": "rolled_back"})
    assert list(gone.context["cl"].result_list) == [rolled_back]


@pytest.mark.parametrize(
    ("language", "labels", "value"),
    [
        ("en", ["All", "totals", "by product"], "$429,000,000.00"),
        ("fr", ["Tous", "totaux", "par produit"], "429\u00a0000\u00a0000,00\u00a0$"),
    ],
)
def test_figures_show_amounts_and_filter_by_level(countries, editor, language, labels, value):
    import_trade_file(path=FILES / "design_fr.csv")
    client = staff(editor, language)
    url = reverse("admin:partners_tradefigure_changelist")

    response = client.get(url, {"level": "product"})

    changelist = response.context["cl"]
    spec = next(s for s in changelist.filter_specs if getattr(s, "parameter_name", "") == "level")
    assert [str(choice["display"]) for choice in spec.choices(changelist)] == labels
    assert [figure.value_cad for figure in changelist.result_list] == [Decimal("429000000.00")]
    assert f'<td class="field-value_display">{value}</td>' in response.content.decode()
    totals = client.get(url, {"level": "total"}).context["cl"].result_list
    assert [figure.product for figure in totals] == [None]
