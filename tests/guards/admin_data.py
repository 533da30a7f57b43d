"""The data the staff pages are measured on (test_admin_queries.py): `n` records of every kind,
bulk inserted, pointing at one another at random, so that any lookup made row by row shows as a
count that grows."""

import datetime
import json
import random

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
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

S = PublicationStatus


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
