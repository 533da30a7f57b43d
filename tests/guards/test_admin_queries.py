"""Every staff page runs a fixed number of queries, at 10 records as at 1,000.

One page a changelist of every model the project registers on the admin site (so that a newly
registered admin without an expected count fails), the dashboard, the staff reports, and
searches and filters of agreements and missions. The data are built once for the module, at 10
records of every kind and then at 1,000, with varied foreign keys (parents, partners, parties,
sectors, users, recommendations, records of the audit trail) so that any lookup made row by row
shows as a count that grows.
"""

import datetime
import json
import random
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from agreements.models import Agreement, AgreementStatus
from config.demo.generate import generate
from missions.models import FollowUpAction, FollowUpStatus, Mission, Recommendation
from partners.models import (
    ImportBatch,
    ImportSource,
    Office,
    OfficeKind,
    Partner,
    PartnerKind,
    Product,
    Sector,
    TradeFigure,
    TradeFlow,
    Transition,
    WorldRegion,
)
from partners.publishing.models import PublicationStatus

# The marker makes pytest-django set up the test database, which the module's fixture uses.
pytestmark = pytest.mark.django_db
S = PublicationStatus
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
    "dashboard": 25,
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


# --- The data: bulk inserts, `n` records of every kind --------------------------------------


def top_up(model, n, make):
    """Bring `model` to `n` rows, the new ones made by make(index) (kept across sizes)."""
    start = model.objects.count()
    return model.objects.bulk_create([make(i) for i in range(start, n)])


def build(n, *, root, seed=5):
    """`n` records of every kind, pointing at one another at random (the same seed, the same)."""
    rng = random.Random(seed + n)
    now = timezone.now()
    today = timezone.localdate()
    User = get_user_model()

    # What points at records generate() replaces goes first; it is made again below.
    for model in (FollowUpAction, Transition, LogEntry, ImportBatch, TradeFigure, Office):
        model.objects.all().delete()

    password = make_password("pw-staff-2026")
    top_up(
        User,
        n + 1,  # and the superuser
        lambda i: User(
            username=f"staff-{i:04d}", email=f"staff-{i}@example.org", password=password
        ),
    )
    users = list(User.objects.exclude(pk=root.pk).order_by("pk"))

    top_up(
        Sector,
        n,
        lambda i: Sector(
            name=f"Secteur {i}",
            name_fr=f"Secteur {i}",
            name_en=f"Sector {i}",
            slug=f"sector-{i:04d}",
            position=i % 7,
        ),
    )
    sectors = list(Sector.objects.order_by("pk"))

    # Partners: one country in four, the others under a country; every publication status.
    regions = list(WorldRegion.values)
    statuses = [S.PUBLISHED, S.DRAFT, S.SUBMITTED, S.SCHEDULED, S.PUBLISHED]

    def partner(i, parent=None):
        status = statuses[i % len(statuses)]
        return Partner(
            name=f"Partenaire {i}",
            name_fr=f"Partenaire {i}",
            name_en=f"Partner {i}",
            overview_fr=f"Profil du partenaire {i}.",
            overview_en="" if i % 6 == 0 else f"Profile of partner {i}.",
            slug=f"partner-{i:04d}",
            kind=PartnerKind.SOVEREIGN_STATE if parent is None else PartnerKind.FEDERATED_STATE,
            parent=parent,
            iso_code=f"Q{i:04d}" if parent is None else "",
            world_region=regions[i % len(regions)],
            publication_status=status,
            published_at=now if status == S.PUBLISHED else None,
            scheduled_for=now + datetime.timedelta(days=i % 30 + 1)
            if status == S.SCHEDULED
            else None,
        )

    start = Partner.objects.count()
    new = range(start, n)
    bulk_create_with_history([partner(i) for i in new if i % 4 == 0], Partner, default_user=root)
    countries = list(Partner.objects.filter(parent=None).order_by("pk"))
    bulk_create_with_history(
        [partner(i, rng.choice(countries)) for i in new if i % 4], Partner, default_user=root
    )
    partners = list(Partner.objects.order_by("pk"))
    Partner.sectors.through.objects.bulk_create(
        Partner.sectors.through(partner_id=p.pk, sector_id=s.pk)
        for p in partners[start:]
        for s in rng.sample(sectors, rng.randint(0, 2))
    )

    top_up(
        Product,
        n,
        lambda i: Product(
            hs_code=f"{i:06d}",
            label=f"Produit {i}",
            label_fr=f"Produit {i}",
            label_en="" if i % 9 == 0 else f"Product {i}",
        ),
    )
    products = list(Product.objects.order_by("pk"))

    # Agreements (parties, sectors, events) and missions (places, delegation, a recommendation).
    generate(agreements=n, missions=n, trade_rows=0, seed=seed)
    Product.objects.filter(hs_code__startswith="G").delete()  # generate()'s, without figures
    agreements = list(Agreement.objects.order_by("pk").values_list("pk", flat=True))
    missions = list(Mission.objects.order_by("pk").values_list("pk", flat=True))

    def every(ids, step, offset):
        return ids[offset::step]

    # Terms to watch (agreement alerts), drafts in review, missing translations.
    Agreement.objects.filter(pk__in=every(agreements, 7, 0)).update(
        status=AgreementStatus.IN_FORCE, ends_on=today + datetime.timedelta(days=100)
    )
    Agreement.objects.filter(pk__in=every(agreements, 7, 1)).update(
        status=AgreementStatus.IN_FORCE, ends_on=today - datetime.timedelta(days=100)
    )
    Agreement.objects.filter(pk__in=every(agreements, 7, 2)).update(
        status=AgreementStatus.SIGNED,
        ends_on=None,
        renewal_due_on=today + datetime.timedelta(days=30),
    )
    Agreement.objects.filter(pk__in=every(agreements, 5, 3)).update(publication_status=S.SUBMITTED)
    Agreement.objects.filter(pk__in=every(agreements, 11, 4)).update(
        publication_status=S.SCHEDULED,
        published_at=None,
        scheduled_for=now + datetime.timedelta(days=3),
    )
    Agreement.objects.filter(pk__in=every(agreements, 6, 5)).update(summary_en="")
    Mission.objects.filter(pk__in=every(missions, 5, 3)).update(publication_status=S.SUBMITTED)
    Mission.objects.filter(pk__in=every(missions, 6, 5)).update(results_en="")
    Mission.sectors.through.objects.bulk_create(
        Mission.sectors.through(mission_id=m, sector_id=s.pk)
        for m in missions
        for s in rng.sample(sectors, rng.randint(1, 2))
    )
    Mission.agreements_signed.through.objects.bulk_create(
        Mission.agreements_signed.through(mission_id=m, agreement_id=rng.choice(agreements))
        for m in missions[::3]
    )
    recommendations = list(Recommendation.objects.order_by("pk").values_list("pk", flat=True))

    kinds = list(OfficeKind.values)
    Office.objects.bulk_create(
        Office(
            name=f"Bureau {i}",
            name_fr=f"Bureau {i}",
            name_en=f"Office {i}",
            city=f"Ville {i}",
            city_fr=f"Ville {i}",
            city_en=f"City {i}",
            partner=rng.choice(partners),
            kind=kinds[i % len(kinds)],
            opened_year=1960 + i % 60,
            closed_year=None if i % 3 else 2021,
        )
        for i in range(n)
    )
    # One figure a partner, year and flow (unique), with a product or as the flow's total.
    TradeFigure.objects.bulk_create(
        TradeFigure(
            partner=partners[i % len(partners)],
            year=1990 + (i // len(partners)) % 30,
            flow=[TradeFlow.EXPORT, TradeFlow.IMPORT][(i // (30 * len(partners))) % 2],
            product=None if i % 5 == 0 else rng.choice(products),
            value_cad=1000 + i,
        )
        for i in range(n)
    )
    batches = ImportBatch.objects.bulk_create(
        ImportBatch(
            file_name=f"commerce-{i}.csv",
            checksum=f"{i:064x}",
            source=[ImportSource.ADMIN, ImportSource.COMMAND][i % 2],
            user=rng.choice([*users, None]),
            imported_at=now - datetime.timedelta(hours=i),
            rows=i,
            created_count=i,
            rolled_back_at=now if i % 4 == 0 else None,
            rolled_back_by=rng.choice(users) if i % 4 == 0 else None,
        )
        for i in range(n)
    )
    ImportBatch.products_created.through.objects.bulk_create(
        ImportBatch.products_created.through(importbatch_id=batch.pk, product_id=product.pk)
        for batch in batches[::3]
        for product in rng.sample(products, 2)
    )

    # The audit trail: steps of partners, agreements and missions in turn, one in four published.
    kinds_of_record = [
        (ContentType.objects.get_for_model(model), ids)
        for model, ids in [
            (Partner, [p.pk for p in partners]),
            (Agreement, agreements),
            (Mission, missions),
        ]
    ]
    steps = [S.SUBMITTED, S.DRAFT, S.SCHEDULED]
    Transition.objects.bulk_create(
        Transition(
            content_type=kinds_of_record[i % 3][0],
            object_id=rng.choice(kinds_of_record[i % 3][1]),
            from_status=S.SUBMITTED if i % 4 == 0 else S.DRAFT,
            to_status=S.PUBLISHED if i % 4 == 0 else steps[i % 3],
            user=rng.choice([*users, None]),
            at=now - datetime.timedelta(minutes=n - i),
            note=f"Étape {i}",
        )
        for i in range(n)
    )
    logged = [
        *kinds_of_record,
        (ContentType.objects.get_for_model(Sector), [s.pk for s in sectors]),
    ]
    flags = [ADDITION, CHANGE, DELETION]
    messages = [
        [{"added": {}}],
        [{"changed": {"fields": ["Title (French)", "Status"]}}],
        [],
    ]
    LogEntry.objects.bulk_create(
        LogEntry(
            action_time=now - datetime.timedelta(minutes=n - i),
            user=root if i % 5 == 0 else rng.choice(users),
            content_type=logged[i % 4][0],
            object_id=str(rng.choice(logged[i % 4][1])),
            object_repr=f"Fiche {i}",
            action_flag=flags[i % 3],
            change_message=json.dumps(messages[i % 3]),
        )
        for i in range(n)
    )
    follow_up_statuses = list(FollowUpStatus.values)
    FollowUpAction.objects.bulk_create(
        FollowUpAction(
            recommendation_id=rng.choice(recommendations),
            description=f"Action {i}",
            description_fr=f"Action {i}",
            description_en=f"Action {i}",
            responsible_unit=f"Direction {i % 7}",
            responsible_unit_fr=f"Direction {i % 7}",
            responsible_unit_en=f"Branch {i % 7}",
            due_on=today + datetime.timedelta(days=i % 90 - 45),
            status=follow_up_statuses[i % len(follow_up_statuses)],
            is_public=bool(i % 2),
        )
        for i in range(n)
    )


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
