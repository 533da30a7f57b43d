"""Every invariant lives in the database: the admin, the importer and the shell all obey it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agreements.models import Agreement, AgreementEvent, FundingCall
from partners.models import Office, Partner, TradeFigure
from partners.publishing.models import DatePrecision
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.english]


def refused(constraint_name, save, unique=False):
    """The database refuses the write, naming the constraint (SQLite names a unique one's columns)."""
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        save()
    message = str(excinfo.value)
    assert constraint_name in message or (unique and "UNIQUE constraint failed" in message)


def messages_of(instance):
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()
    return excinfo.value.messages


def test_mission_cannot_end_before_it_starts():
    mission = factories.MissionFactory.build(
        start_date=datetime.date(2017, 9, 10), end_date=datetime.date(2017, 9, 2)
    )
    assert "A mission cannot end before it starts." in messages_of(mission)
    with pytest.raises(IntegrityError, match="mission_dates_ordered"), transaction.atomic():
        mission.save()


def test_mission_report_filed_before_written_is_refused():
    mission = factories.MissionFactory()
    mission.written_on = datetime.date(2017, 9, 22)
    mission.filed_on = datetime.date(2017, 9, 21)
    assert messages_of(mission) == ["A report cannot be filed before it is written."]
    with pytest.raises(IntegrityError, match="mission_filed_after_written"), transaction.atomic():
        mission.save()


def test_agreement_reference_is_unique_but_blank_may_repeat():
    factories.AgreementFactory(reference="QC-CN-1995-01")
    factories.AgreementFactory(reference="")
    factories.AgreementFactory(reference="")  # blank references do not collide
    duplicate = factories.AgreementFactory.build(reference="QC-CN-1995-01", slug="other")
    assert messages_of(duplicate) == ["Another agreement already has this reference number."]
    refused("agreement_reference_unique", duplicate.save, unique=True)
    assert Agreement.objects.filter(reference="QC-CN-1995-01").count() == 1


@pytest.mark.parametrize(
    ("fields", "constraint", "message"),
    [
        (
            {"signed_on": datetime.date(2011, 5, 3), "in_force_on": datetime.date(2011, 5, 2)},
            "agreement_in_force_after_signature",
            "An agreement cannot enter into force before it is signed.",
        ),
        (
            {"signed_on": datetime.date(2011, 5, 3), "ends_on": datetime.date(2010, 1, 1)},
            "agreement_ends_after_signature",
            "An agreement cannot end before it is signed.",
        ),
        (
            {
                "signed_on": None,
                "signed_on_precision": DatePrecision.UNKNOWN,
                "in_force_on": datetime.date(2012, 1, 1),
                "ends_on": datetime.date(2011, 1, 1),
            },
            "agreement_ends_after_entry_into_force",
            "An agreement cannot end before it enters into force.",
        ),
    ],
)
def test_agreement_dates_are_ordered(fields, constraint, message):
    agreement = factories.AgreementFactory.build(**fields)
    assert message in messages_of(agreement)
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        agreement.save()


def test_a_date_of_known_precision_is_required_and_unknown_means_empty():
    agreement = factories.AgreementFactory.build(signed_on=None)
    assert messages_of(agreement) == [
        "Enter the signature date, or set its precision to “unknown”."
    ]
    refused("agreement_signature_date_matches_precision", agreement.save)
    contradiction = factories.AgreementFactory.build(
        signed_on=datetime.date(2004, 1, 1), signed_on_precision=DatePrecision.UNKNOWN
    )
    refused("agreement_signature_date_matches_precision", contradiction.save)


def test_year_precision_is_stored_as_the_year_and_shown_as_the_year_alone():
    agreement = factories.AgreementFactory.build(
        signed_on=datetime.date(2004, 6, 15), signed_on_precision=DatePrecision.YEAR
    )
    agreement.full_clean(exclude=["parties"])
    assert agreement.signed_on == datetime.date(2004, 1, 1)
    assert agreement.signed_on_display == "2004"


def test_event_of_unknown_date_is_valid_and_said_so():
    agreement = factories.AgreementFactory()
    event = AgreementEvent(
        agreement=agreement, kind="renewed", date=None, date_precision=DatePrecision.UNKNOWN
    )
    event.full_clean()
    event.save()
    assert event.date_display == "date unknown"
    bad = AgreementEvent(agreement=agreement, kind="renewed", date=None)
    refused("agreement_event_date_matches_precision", bad.save)


def test_funding_call_numbers_are_unique_per_agreement_and_budgets_not_negative():
    call = factories.FundingCallFactory(number=1)
    again = FundingCall(agreement=call.agreement, number=1)
    assert messages_of(again) == ["This agreement already has a call with this number."]
    negative = FundingCall(agreement=call.agreement, number=2, budget_cad=-1)
    refused("funding_call_budget_not_negative", negative.save)


def test_one_trade_total_per_partner_year_and_flow():
    figure = factories.TradeFigureFactory()
    twin = TradeFigure(partner=figure.partner, year=2016, flow="export", value_cad=5)
    assert messages_of(twin) == ["This partner already has a total for this year and flow."]
    refused("trade_one_total_per_partner_year_flow", twin.save, unique=True)
    # The same key for a product is a different figure, once.
    product = factories.ProductFactory(hs_code="88")
    TradeFigure.objects.create(
        partner=figure.partner, year=2016, flow="export", product=product, value_cad=5
    )
    refused(
        "trade_one_figure_per_partner_year_flow_product",
        lambda: TradeFigure.objects.create(
            partner=figure.partner, year=2016, flow="export", product=product, value_cad=6
        ),
        unique=True,
    )


@pytest.mark.parametrize(
    ("fields", "constraint", "message"),
    [
        ({"value_cad": -1}, "trade_value_not_negative", "A trade value cannot be negative."),
        ({"year": 1850}, "trade_year_plausible", "The year must be between 1900 and 2100."),
    ],
)
def test_trade_values_and_years_are_plausible(fields, constraint, message):
    figure = factories.TradeFigureFactory.build(partner=factories.PartnerFactory(), **fields)
    assert message in messages_of(figure)
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        figure.save()


def test_two_way_total_cannot_be_given_by_product():
    figure = factories.TradeFigureFactory.build(
        partner=factories.PartnerFactory(), flow="total", product=factories.ProductFactory()
    )
    assert messages_of(figure) == ["A two-way total cannot be given by product."]
    refused("trade_two_way_total_has_no_product", figure.save)


def test_partner_iso_code_unique_and_partner_not_its_own_parent():
    factories.PartnerFactory(iso_code="CN-SD")
    twin = factories.PartnerFactory.build(iso_code="CN-SD")
    assert messages_of(twin) == ["Another partner already has this ISO code."]
    partner = factories.PartnerFactory()
    with pytest.raises(IntegrityError, match="partner_not_own_parent"), transaction.atomic():
        Partner.objects.filter(pk=partner.pk).update(parent=partner.pk)


def test_office_cannot_close_before_it_opens():
    office = factories.OfficeFactory.build(
        partner=factories.PartnerFactory(), opened_year=2008, closed_year=2007
    )
    assert messages_of(office) == ["An office cannot close before it opens."]
    with pytest.raises(IntegrityError, match="office_years_ordered"), transaction.atomic():
        office.save()
    assert Office.objects.count() == 0
