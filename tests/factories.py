"""Factories for every model, published unless a test says otherwise."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from agreements.models import Agreement, AgreementEvent, FundingCall
from missions.models import (
    DelegationMember,
    FollowUpAction,
    Mission,
    MissionPlace,
    Recommendation,
)
from partners.models import Office, Partner, PartnerKind, Product, Sector, TradeFigure
from partners.publishing.models import PublicationStatus


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    is_staff = True
    password = factory.django.Password("pw-test-2026")


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector

    name_fr = factory.Sequence(lambda n: f"Secteur {n}")
    name_en = factory.Sequence(lambda n: f"Sector {n}")
    slug = factory.Sequence(lambda n: f"sector-{n}")
    slug_fr = factory.SelfAttribute("slug")
    slug_en = factory.SelfAttribute("slug")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name_fr = factory.Sequence(lambda n: f"Partenaire {n}")
    name_en = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    kind = PartnerKind.FEDERATED_STATE
    world_region = "EU"
    publication_status = PublicationStatus.PUBLISHED
    published_at = factory.Maybe(
        factory.LazyAttribute(lambda o: o.publication_status == PublicationStatus.PUBLISHED),
        factory.LazyFunction(timezone.now),
        None,
    )


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    name_fr = factory.Sequence(lambda n: f"Bureau du Québec {n}")
    name_en = factory.Sequence(lambda n: f"Québec Government Office {n}")
    city_fr = factory.Sequence(lambda n: f"Ville {n}")
    city_en = factory.Sequence(lambda n: f"City {n}")
    partner = factory.SubFactory(PartnerFactory)


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    hs_code = factory.Sequence(lambda n: f"{n + 1:02d}")
    label_fr = factory.Sequence(lambda n: f"Produit {n}")
    label_en = factory.Sequence(lambda n: f"Product {n}")


class TradeFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TradeFigure

    partner = factory.SubFactory(PartnerFactory)
    year = 2016
    flow = "export"
    product = None
    value_cad = 1_000_000


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    title_fr = factory.Sequence(lambda n: f"Entente {n}")
    title_en = factory.Sequence(lambda n: f"Agreement {n}")
    slug = factory.Sequence(lambda n: f"agreement-{n}")
    # The French page's slug, and the English page's (as English titles give their own).
    slug_fr = factory.SelfAttribute("slug")
    slug_en = factory.LazyAttribute(lambda o: f"{o.slug}-en")
    signed_on = datetime.date(2011, 5, 3)
    summary_fr = ""
    summary_en = ""
    publication_status = PublicationStatus.PUBLISHED
    published_at = factory.Maybe(
        factory.LazyAttribute(lambda o: o.publication_status == PublicationStatus.PUBLISHED),
        factory.LazyFunction(timezone.now),
        None,
    )

    @factory.post_generation
    def parties(self, create, extracted, **kwargs):
        if create:
            self.parties.set(extracted if extracted is not None else [PartnerFactory()])


class AgreementEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementEvent

    agreement = factory.SubFactory(AgreementFactory)
    kind = "signed"
    date = datetime.date(2011, 5, 3)


class FundingCallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingCall

    agreement = factory.SubFactory(AgreementFactory)
    number = factory.Sequence(lambda n: n + 1)


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mission

    title_fr = factory.Sequence(lambda n: f"Mission {n}")
    title_en = factory.Sequence(lambda n: f"Mission {n}")
    slug = factory.Sequence(lambda n: f"mission-{n}")
    slug_fr = factory.SelfAttribute("slug")
    slug_en = factory.LazyAttribute(lambda o: f"{o.slug}-en")
    ministry_fr = "Ministère de la Santé et des Services sociaux"
    ministry_en = "Ministry of Health and Social Services"
    start_date = datetime.date(2017, 9, 2)
    end_date = datetime.date(2017, 9, 10)
    publication_status = PublicationStatus.PUBLISHED
    published_at = factory.Maybe(
        factory.LazyAttribute(lambda o: o.publication_status == PublicationStatus.PUBLISHED),
        factory.LazyFunction(timezone.now),
        None,
    )


class MissionPlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MissionPlace

    mission = factory.SubFactory(MissionFactory)
    city_fr = factory.Sequence(lambda n: f"Ville {n}")
    city_en = factory.Sequence(lambda n: f"City {n}")
    partner = factory.SubFactory(PartnerFactory)


class DelegationMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegationMember

    mission = factory.SubFactory(MissionFactory)
    name = factory.Sequence(lambda n: f"Membre {n}")
    title_fr = "Conseiller"
    title_en = "Adviser"


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    mission = factory.SubFactory(MissionFactory)
    text_fr = "Poursuivre les échanges"
    text_en = "Continue the exchanges"


class FollowUpActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    recommendation = factory.SubFactory(RecommendationFactory)
    description_fr = "Actualiser l'entente avec le Shandong"
    description_en = "Update the agreement with Shandong"
    responsible_unit_fr = "Direction des affaires intergouvernementales"
    responsible_unit_en = "Intergovernmental Affairs Branch"
    due_on = datetime.date(2018, 6, 30)
