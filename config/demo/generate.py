"""Realistic, bilingual data at ministry scale, for benchmarks. Never loaded by `make run`.

Records are built in memory from a seeded random generator and written with bulk inserts; the
same seed gives the same data. Generated records carry slugs starting with `gen-` so they can be
told apart from (and removed without touching) the ministry's real records.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from agreements.models import (
    Agreement,
    AgreementEvent,
    AgreementKind,
    AgreementStatus,
    EventKind,
)
from missions.models import DelegationMember, Mission, MissionPlace, Recommendation
from partners.models import Partner, Product, Sector, TradeFigure, TradeFlow
from partners.publishing.models import DatePrecision, PublicationStatus
from partners.publishing.signals import content_changed

PREFIX = "gen-"

# (French, English) fragments used to compose titles and texts.
AGREEMENT_SUBJECTS = [
    ("coopération scientifique et technologique", "scientific and technological cooperation"),
    ("mobilité des jeunes", "youth mobility"),
    (
        "coopération en éducation et en enseignement supérieur",
        "cooperation in education and higher education",
    ),
    ("protection de l'environnement", "environmental protection"),
    (
        "échange d'information à des fins d'application de la loi",
        "information sharing for law-enforcement purposes",
    ),
    ("coopération culturelle", "cultural cooperation"),
    ("santé et services sociaux", "health and social services"),
    (
        "reconnaissance des qualifications professionnelles",
        "recognition of professional qualifications",
    ),
    ("lutte contre les changements climatiques", "fight against climate change"),
    ("affaires nordiques et arctiques", "northern and Arctic affairs"),
]
MINISTRIES = [
    (
        "Ministère des Relations internationales et de la Francophonie",
        "Ministry of International Relations and La Francophonie",
    ),
    ("Ministère de la Santé et des Services sociaux", "Ministry of Health and Social Services"),
    ("Ministère de l'Économie et de l'Innovation", "Ministry of the Economy and Innovation"),
    ("Ministère de l'Éducation", "Ministry of Education"),
    ("Ministère de la Culture et des Communications", "Ministry of Culture and Communications"),
    ("Ministère de l'Environnement", "Ministry of the Environment"),
]
MISSION_GOALS = [
    ("consolider les liens de collaboration", "strengthen the ties of collaboration"),
    ("faire connaître l'expertise québécoise", "promote Québec's expertise"),
    ("établir des liens d'affaires entre entreprises", "build business ties between companies"),
    ("signer une entente de coopération", "sign a cooperation agreement"),
    ("préparer une mission économique", "prepare an economic mission"),
]
TITLES = [
    ("ministre", "Minister"),
    ("directeur du cabinet", "Chief of Staff"),
    ("sous-ministre associé", "Associate Deputy Minister"),
    ("conseillère en affaires internationales", "International Affairs Adviser"),
    ("attachée de presse", "Press Secretary"),
]
FIRST_NAMES = ["Marie", "Jean", "Sophie", "Luc", "Isabelle", "Pierre", "Nathalie", "François"]
LAST_NAMES = ["Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie"]


@dataclass(frozen=True)
class GenerationResult:
    agreements: int
    events: int
    missions: int
    trade_rows: int


def _batched_create(model, objects, batch_size=5000):
    model.objects.bulk_create(objects, batch_size=batch_size)


# Generated trade covers years before the demo's (2015, 2016), so the two never collide.
TRADE_YEARS = range(1990, 2015)


def clear_generated() -> None:
    """Remove what an earlier run generated, and nothing else.

    Generated rows were written without history, so they are removed the same way: plain
    DELETE statements, children first, with no per-row signal.
    """
    agreements = Agreement.objects.filter(slug__startswith=PREFIX)
    missions = Mission.objects.filter(slug__startswith=PREFIX)
    generated_products = TradeFigure.objects.filter(product__hs_code__startswith="G")
    generated_totals = TradeFigure.objects.totals().filter(
        Exists(generated_products.filter(partner=OuterRef("partner"), year=OuterRef("year")))
    )
    with transaction.atomic():
        for queryset in [
            Mission.agreements_signed.through.objects.filter(mission__in=missions),
            Mission.agreements_signed.through.objects.filter(agreement__in=agreements),
            Mission.sectors.through.objects.filter(mission__in=missions),
            MissionPlace.objects.filter(mission__in=missions),
            DelegationMember.objects.filter(mission__in=missions),
            Recommendation.objects.filter(mission__in=missions),
            missions,
            Agreement.parties.through.objects.filter(agreement__in=agreements),
            Agreement.sectors.through.objects.filter(agreement__in=agreements),
            AgreementEvent.objects.filter(agreement__in=agreements),
            agreements,
            generated_totals,
            generated_products,
            Product.objects.filter(hs_code__startswith="G"),
        ]:
            queryset._raw_delete(queryset.db)
        content_changed.send(sender=clear_generated)


def generate(
    *, agreements: int, missions: int, trade_rows: int, seed: int = 2017, progress=None
) -> GenerationResult:
    rng = random.Random(seed)
    say = progress or (lambda message: None)
    partners = list(Partner.objects.order_by("pk").only("pk", "name_fr", "name_en"))
    if not partners:
        raise ValueError("No partners: run `manage.py load_reference` first.")
    sectors = list(Sector.objects.order_by("pk"))
    now = timezone.now()
    clear_generated()

    with transaction.atomic():
        say(f"{agreements} agreements…")
        agreement_objects = []
        for number in range(agreements):
            partner = rng.choice(partners)
            subject_fr, subject_en = rng.choice(AGREEMENT_SUBJECTS)
            signed = datetime.date(rng.randint(1965, 2025), rng.randint(1, 12), rng.randint(1, 28))
            precision = rng.choices([DatePrecision.DAY, DatePrecision.YEAR], weights=[4, 1])[0]
            if precision == DatePrecision.YEAR:
                signed = signed.replace(month=1, day=1)
            published = rng.random() < 0.9
            agreement_objects.append(
                Agreement(
                    slug=f"{PREFIX}entente-{number}",
                    slug_fr=f"{PREFIX}entente-{number}",
                    slug_en=f"{PREFIX}agreement-{number}",
                    title=f"Entente de {subject_fr} avec {partner.name_fr}",
                    title_fr=f"Entente de {subject_fr} avec {partner.name_fr}",
                    title_en=f"Agreement on {subject_en} with {partner.name_en}",
                    summary_fr=(
                        f"Cette entente encadre la {subject_fr} entre le Québec et "
                        f"{partner.name_fr}. Elle prévoit des échanges d'experts, des projets "
                        "conjoints et un comité de suivi qui se réunit chaque année."
                    ),
                    summary_en=(
                        f"This agreement frames {subject_en} between Québec and "
                        f"{partner.name_en}. It provides for exchanges of experts, joint "
                        "projects and a follow-up committee that meets every year."
                    ),
                    kind=rng.choice(AgreementKind.values),
                    status=rng.choice(AgreementStatus.values),
                    signed_on=signed,
                    signed_on_precision=precision,
                    publication_status=(
                        PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT
                    ),
                    published_at=now if published else None,
                )
            )
        _batched_create(Agreement, agreement_objects)
        created = list(
            Agreement.objects.filter(slug__startswith=PREFIX).order_by("pk").only("pk", "signed_on")
        )
        Parties = Agreement.parties.through
        AgreementSectors = Agreement.sectors.through
        parties, agreement_sectors, events = [], [], []
        for agreement in created:
            for partner in rng.sample(partners, rng.choice([1, 1, 1, 2])):
                parties.append(Parties(agreement_id=agreement.pk, partner_id=partner.pk))
            for sector in rng.sample(sectors, min(len(sectors), rng.randint(0, 2))):
                agreement_sectors.append(
                    AgreementSectors(agreement_id=agreement.pk, sector_id=sector.pk)
                )
            events.append(
                AgreementEvent(
                    agreement_id=agreement.pk,
                    kind=EventKind.SIGNED,
                    date=agreement.signed_on,
                    date_precision=DatePrecision.DAY,
                )
            )
            for renewal in range(rng.randint(0, 3)):
                year = min(agreement.signed_on.year + 5 * (renewal + 1), 2026)
                events.append(
                    AgreementEvent(
                        agreement_id=agreement.pk,
                        kind=EventKind.RENEWED,
                        date=datetime.date(year, 1, 1),
                        date_precision=DatePrecision.YEAR,
                    )
                )
        _batched_create(Parties, parties)
        _batched_create(AgreementSectors, agreement_sectors)
        _batched_create(AgreementEvent, events)

        say(f"{missions} missions…")
        mission_objects = []
        for number in range(missions):
            ministry_fr, ministry_en = rng.choice(MINISTRIES)
            partner = rng.choice(partners)
            start = datetime.date(rng.randint(1995, 2026), rng.randint(1, 12), rng.randint(1, 20))
            end = start + datetime.timedelta(days=rng.randint(1, 9))
            goals = rng.sample(MISSION_GOALS, 3)
            published = rng.random() < 0.9
            mission_objects.append(
                Mission(
                    slug=f"{PREFIX}mission-{number}",
                    slug_fr=f"{PREFIX}mission-{number}",
                    slug_en=f"{PREFIX}mission-{number}",
                    title=f"Mission en {partner.name_fr} ({start.year})",
                    title_fr=f"Mission en {partner.name_fr} ({start.year})",
                    title_en=f"Mission to {partner.name_en} ({start.year})",
                    ministry=ministry_fr,
                    ministry_fr=ministry_fr,
                    ministry_en=ministry_en,
                    start_date=start,
                    end_date=end,
                    written_on=end + datetime.timedelta(days=12),
                    context_fr=f"Les liens entre le Québec et {partner.name_fr} se renforcent.",
                    context_en=f"Ties between Québec and {partner.name_en} are growing.",
                    objectives_fr="\n".join(goal[0] for goal in goals),
                    objectives_en="\n".join(goal[1] for goal in goals),
                    results_fr="Les objectifs fixés pour cette mission ont été atteints.",
                    results_en="The objectives set for this mission were achieved.",
                    publication_status=(
                        PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT
                    ),
                    published_at=now if published else None,
                )
            )
        _batched_create(Mission, mission_objects)
        places, members, recommendations = [], [], []
        for mission in Mission.objects.filter(slug__startswith=PREFIX).order_by("pk").only("pk"):
            for position, partner in enumerate(rng.sample(partners, rng.randint(1, 3))):
                places.append(
                    MissionPlace(
                        mission_id=mission.pk,
                        partner_id=partner.pk,
                        city=partner.name_fr,
                        city_fr=partner.name_fr,
                        city_en=partner.name_en,
                        position=position,
                    )
                )
            for position in range(rng.randint(2, 5)):
                title_fr, title_en = rng.choice(TITLES)
                members.append(
                    DelegationMember(
                        mission_id=mission.pk,
                        name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                        title=title_fr,
                        title_fr=title_fr,
                        title_en=title_en,
                        position=position,
                    )
                )
            recommendations.append(
                Recommendation(
                    mission_id=mission.pk,
                    text="Poursuivre les échanges",
                    text_fr="Poursuivre les échanges.",
                    text_en="Continue the exchanges.",
                )
            )
        _batched_create(MissionPlace, places)
        _batched_create(DelegationMember, members)
        _batched_create(Recommendation, recommendations)

    say(f"{trade_rows} trade rows…")
    written = _generate_trade(rng, partners, trade_rows)
    content_changed.send(sender=generate)
    return GenerationResult(
        agreements=agreements, events=len(events), missions=missions, trade_rows=written
    )


def _generate_trade(rng: random.Random, partners, rows: int) -> int:
    """Rows by partner, year, flow and product ("G" + HS-like code), each flow with its total."""
    product_count = 200
    with transaction.atomic():
        Product.objects.bulk_create(
            Product(
                hs_code=f"G{code:04d}",
                label=f"Produit {code:04d}",
                label_fr=f"Produit {code:04d}",
                label_en=f"Product {code:04d}",
            )
            for code in range(product_count)
        )
    product_ids = list(
        Product.objects.filter(hs_code__startswith="G")
        .order_by("hs_code")
        .values_list("pk", flat=True)
    )
    per_flow = product_count + 1  # the products and their total
    written = 0
    batch = []

    def flush():
        nonlocal batch, written
        if connection.vendor == "postgresql":
            with (
                connection.cursor() as cursor,
                cursor.connection.cursor().copy(
                    "COPY partners_tradefigure (partner_id, year, flow, product_id, value_cad) "
                    "FROM STDIN"
                ) as copy,
            ):
                for figure in batch:
                    copy.write_row(figure)
        else:
            TradeFigure.objects.bulk_create(
                TradeFigure(partner_id=p, year=y, flow=f, product_id=pr, value_cad=v)
                for p, y, f, pr, v in batch
            )
        written += len(batch)
        batch = []

    with transaction.atomic():
        for partner in partners:
            for year in TRADE_YEARS:
                for flow in (TradeFlow.EXPORT, TradeFlow.IMPORT):
                    if written + len(batch) + per_flow > rows:
                        flush()
                        return written
                    values = [Decimal(rng.randint(1_000, 500_000_000)) for _ in product_ids]
                    batch.append((partner.pk, year, flow.value, None, sum(values)))
                    batch.extend(
                        (partner.pk, year, flow.value, product_id, value)
                        for product_id, value in zip(product_ids, values, strict=True)
                    )
                    if len(batch) >= 20_000:
                        flush()
        flush()
    return written
