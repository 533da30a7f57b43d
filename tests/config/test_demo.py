"""`manage.py load_demo` writes the seeds as records, idempotently: what a run says, what a
second run writes (nothing), what it puts back. The records themselves: test_demo_content.py.
"""

import datetime
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import translation

from agreements.models import Agreement, AgreementEvent
from missions.models import FollowUpAction, Mission

pytestmark = pytest.mark.django_db

FIRST_RUN = (
    "agreement events: 25 created, 0 updated; agreements: 18 created, 0 updated; "
    "delegation members: 4 created, 0 updated; funding calls: 4 created, 0 updated; "
    "missions: 1 created, 0 updated; offices abroad: 8 created, 0 updated; "
    "partners: 17 created, 3 updated; places visited: 4 created, 0 updated; "
    "products: 10 created, 0 updated; recommendations and follow-ups: 2 created, 0 updated; "
    "sectors: 12 created, 0 updated; trade figures: 17 created, 0 updated"
)
NOTHING_CHANGED = "Demo data already loaded: nothing changed."


def load_demo() -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("load_demo", stdout=out)
    return out.getvalue().strip()


@pytest.fixture
def first_run():
    """What load_demo says on an empty database (this module does not use the shared demo)."""
    return load_demo()


def row_counts() -> dict[str, int]:
    """Every table of the project, the history tables included."""
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_first_run_says_what_it_created(first_run):
    assert first_run == FIRST_RUN


def test_second_run_changes_no_table_not_even_the_history(first_run):
    before = row_counts()
    history = {label: n for label, n in before.items() if ".Historical" in label}
    assert history == {
        "agreements.HistoricalAgreement": 54,  # created, then parties and sectors set
        "agreements.HistoricalAgreementEvent": 25,
        "agreements.HistoricalAgreement_parties": 38,
        "agreements.HistoricalAgreement_sectors": 38,
        "agreements.HistoricalFundingCall": 4,
        "missions.HistoricalDelegationMember": 4,
        "missions.HistoricalFollowUpAction": 0,
        "missions.HistoricalMission": 3,
        "missions.HistoricalMissionPlace": 4,
        "missions.HistoricalMission_agreements_signed": 2,
        "missions.HistoricalMission_sectors": 4,
        "missions.HistoricalRecommendation": 2,
        "partners.HistoricalOffice": 8,
        "partners.HistoricalPartner": 20,  # 17 created, 3 countries given their profile
        "partners.HistoricalProduct": 10,
        "partners.HistoricalSector": 12,
    }
    assert load_demo() == NOTHING_CHANGED
    assert row_counts() == before


def test_after_load_reference_too_a_second_run_changes_nothing(reference_countries):
    load_demo()
    before = row_counts()
    assert before["partners.Partner"] == 249 + 1 + 17  # countries, the world row, the demo's
    assert load_demo() == NOTHING_CHANGED
    assert row_counts() == before


def test_a_changed_value_is_put_back_and_nothing_else_is_written(first_run):
    agreement = Agreement.objects.get(slug_fr="entente-lac-champlain-2003")
    agreement.title_en = "Lake Champlain"
    agreement.save()
    recommendation = Mission.objects.get().recommendations.last()
    recommendation.text_fr = "Autre chose"
    recommendation.save()
    follow_up = FollowUpAction.objects.create(
        recommendation=recommendation,
        description_fr="Actualiser les ententes",
        responsible_unit_fr="Direction des affaires intergouvernementales",
    )
    before = row_counts()

    assert load_demo() == (
        "agreements: 0 created, 1 updated; recommendations and follow-ups: 0 created, 1 updated"
    )

    agreement.refresh_from_db()
    assert agreement.title_en == (
        "Agreement on environmental cooperation regarding the management of Lake Champlain"
    )
    recommendation.refresh_from_db()
    assert recommendation.text_fr.startswith("Entreprendre des démarches avec le ministère")
    # Updated in place: the follow-up hanging from the recommendation is still there.
    assert FollowUpAction.objects.get().pk == follow_up.pk
    after = row_counts()
    changed = {label: after[label] - n for label, n in before.items() if after[label] != n}
    # One history row each; an agreement's history row keeps its parties (2) and sector (1).
    assert changed == {
        "agreements.HistoricalAgreement": 1,
        "agreements.HistoricalAgreement_parties": 2,
        "agreements.HistoricalAgreement_sectors": 1,
        "missions.HistoricalRecommendation": 1,
    }


def test_an_extra_event_is_removed(first_run):
    agreement = Agreement.objects.get(slug_fr="entente-science-technologie-chine-1995")
    AgreementEvent.objects.create(
        agreement=agreement, kind="renewed", date=datetime.date(2017, 1, 1), date_precision="year"
    )
    assert load_demo() == "agreement events: 0 created, 0 updated, 1 deleted"
    assert agreement.events.count() == 3
