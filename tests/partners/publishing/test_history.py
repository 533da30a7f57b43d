"""The history of a mission's signed agreements, whichever side the link is changed from."""

import pytest

from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.english]


def signed_in_last_step(mission):
    return [row.agreement for row in mission.history.first().agreements_signed.all()]


def test_linking_from_the_agreement_side_is_a_step_of_the_missions_history():
    mission = factories.MissionFactory()
    first, second = factories.AgreementFactory(), factories.AgreementFactory()
    steps = mission.history.count()

    first.missions_signed.add(mission)
    assert (mission.history.count(), signed_in_last_step(mission)) == (steps + 1, [first])

    second.missions_signed.add(mission)
    first.missions_signed.clear()
    assert (mission.history.count(), signed_in_last_step(mission)) == (steps + 3, [second])

    second.missions_signed.remove(mission)
    assert (mission.history.count(), signed_in_last_step(mission)) == (steps + 4, [])


def test_linking_from_the_missions_side_still_works():
    mission = factories.MissionFactory()
    agreement = factories.AgreementFactory()
    steps = mission.history.count()

    mission.agreements_signed.add(agreement)

    assert (mission.history.count(), signed_in_last_step(mission)) == (steps + 1, [agreement])


def test_clearing_from_the_agreement_side_records_only_the_missions_it_touched():
    linked, other = factories.MissionFactory(), factories.MissionFactory()
    agreement = factories.AgreementFactory()
    agreement.missions_signed.add(linked)
    steps = (linked.history.count(), other.history.count())

    agreement.missions_signed.clear()

    assert (linked.history.count(), other.history.count()) == (steps[0] + 1, steps[1])
    assert signed_in_last_step(linked) == []
