"""Every staff page runs a fixed number of queries, at 10 records as at 1,000.

One page a changelist of every model the project registers on the admin site (so that a newly
registered admin without an expected count fails), the dashboard, the staff reports, and
searches and filters of agreements and missions. The data (admin_data.py) are built once for the module, at 10
records of every kind and then at 1,000, with varied foreign keys (parents, partners, parties,
sectors, users, recommendations, records of the audit trail) so that any lookup made row by row
shows as a count that grows.
"""

from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.models import Agreement
from partners.models import Sector
from tests.guards.admin_data import build

# The marker makes pytest-django set up the test database, which the module's fixture uses.
pytestmark = pytest.mark.django_db
PROJECT_APPS = {"partners", "agreements", "missions"}
SMALL, LARGE = 10, 1000


def project_admins():
    """Models the project registers: those of its apps, and others it gives an admin (LogEntry)."""
    return {
        model._meta.label_lower: model
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in PROJECT_APPS
        or type(model_admin).__module__.split(".")[0] in PROJECT_APPS | {"config"}
    }


REGISTERED = project_admins()

# Queries of each changelist, by model (app_label.model_name), then the other staff pages.
CHANGELISTS = {
    "partners.sector": 5,
    "partners.partner": 6,
    "partners.office": 5,
    "partners.product": 5,
    "partners.tradefigure": 5,
    "partners.importbatch": 7,
    "partners.transition": 11,
    "admin.logentry": 8,
    "agreements.agreement": 9,
    "missions.mission": 8,
    "missions.recommendation": 5,
    "missions.followupaction": 7,
}
OTHER_PAGES = {
    # name: (URL name, query string)
    "dashboard": ("admin:index", ""),
    "translation report": ("admin:translation_report", ""),
    "translation report, missions in English": (
        "admin:translation_report",
        "?model=mission&language=en",
    ),
    "agreement terms": ("admin:agreement_terms", ""),
    "agreements, searched and filtered": (
        "admin:agreements_agreement_changelist",
        "?q=entente&publication_status__exact=published&kind__exact=agreement",
    ),
    "agreements, by sector and party region": (
        "admin:agreements_agreement_changelist",
        "?sectors__id__exact={sector}&parties__world_region__exact={region}",
    ),
    "missions, searched and filtered": (
        "admin:missions_mission_changelist",
        "?q=mission&publication_status__exact=published&original_language__exact=fr",
    ),
    "missions, by sector": ("admin:missions_mission_changelist", "?sectors__id__exact={missions}"),
    "partners, by sector and searched": (
        "admin:partners_partner_changelist",
        "?q=partner&sectors__id__exact={partners}",
    ),
    "follow-up actions, overdue": (
        "admin:missions_followupaction_changelist",
        "?overdue=yes",
    ),
}
EXPECTED = {
    **CHANGELISTS,
    "dashboard": 27,  # + the changes waiting for publication: their count, the versions
    "translation report": 8,
    "translation report, missions in English": 6,
    "agreement terms": 8,
    "agreements, searched and filtered": 9,
    "agreements, by sector and party region": 9,
    "missions, searched and filtered": 8,
    "missions, by sector": 8,
    "partners, by sector and searched": 6,
    "follow-up actions, overdue": 7,
}
PAGES = [*sorted(REGISTERED), *OTHER_PAGES]


# --- The measure ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    queries: int
    rows: int | None  # rows the page lists, where it lists some
    sql: tuple[str, ...]  # shown when a count is off


def address(page):
    if page in REGISTERED:
        model = REGISTERED[page]
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    name, query = OTHER_PAGES[page]
    sector_and_region = (
        Agreement.objects.exclude(sectors=None)
        .exclude(parties=None)
        .values("sectors", "parties__world_region")
        .annotate(n=Count("pk"))
        .order_by("-n", "sectors")
        .first()
    )
    return reverse(name) + query.format(
        sector=sector_and_region["sectors"],
        region=sector_and_region["parties__world_region"],
        missions=busiest_sector("missions"),
        partners=busiest_sector("partners", partners__name_en__icontains="partner"),
    )


def busiest_sector(relation, **condition):
    """The sector with the most records of a kind (meeting `condition`): a filter that lists some."""
    counted = Sector.objects.filter(**condition).annotate(n=Count(relation))
    return counted.order_by("-n", "pk").values_list("pk", flat=True).first()


def rows(response):
    context = response.context
    if "cl" in context:
        return len(context["cl"].result_list)
    if "page" in context:
        return len(context["page"].object_list)
    if "alerts" in context and "app_list" not in context:
        alerts = context["alerts"]
        return len(alerts.expiring) + len(alerts.past_end_in_force) + len(alerts.renewal_due)
    return None


def measure(client):
    measures = {}
    for page in PAGES:
        url = address(page)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        measures[page] = Measure(
            queries=len(captured.captured_queries),
            rows=rows(response),
            sql=tuple(query["sql"] for query in captured.captured_queries),
        )
    return measures


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    """Every page measured at 10 records of every kind, then at 1,000; all rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        root = get_user_model().objects.create_superuser("root", "root@example.org", "pw-root-2026")
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(root)
        build(SMALL, root=root)
        measure(client)  # caches warmed (content types, session), as on a running site
        small = measure(client)
        build(LARGE, root=root)
        large = measure(client)
        transaction.set_rollback(True)
    return small, large


def test_every_registered_admin_has_an_expected_count():
    assert set(REGISTERED) == set(CHANGELISTS)


@pytest.mark.parametrize("page", PAGES)
def test_the_same_queries_at_10_and_at_1000_records(measured, page):
    small, large = measured
    if small[page].rows is not None:  # a page listing nothing would prove nothing
        assert small[page].rows > 0 and large[page].rows > small[page].rows
    assert page in EXPECTED, f"{page}: no expected query count; add one to EXPECTED"
    assert (small[page].queries, large[page].queries) == (EXPECTED[page], EXPECTED[page]), (
        "queries at 1,000 records:\n" + "\n".join(large[page].sql)
    )
