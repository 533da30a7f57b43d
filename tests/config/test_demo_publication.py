"""The demo records its publications, so that the staff see what is online and since when."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from agreements.models import Agreement
from missions.models import Mission
from partners.models import Partner, Transition
from partners.publishing.models import PublicationStatus

pytestmark = pytest.mark.django_db


def load_demo():
    with translation.override("en"):
        call_command("load_demo", stdout=io.StringIO())


def test_every_published_demo_record_has_its_publication_step_once():
    load_demo()
    load_demo()

    steps = Transition.objects.all()
    published_agreements = Agreement.objects.filter(publication_status=PublicationStatus.PUBLISHED)
    assert steps.filter(content_type__model="agreement").count() == published_agreements.count()
    assert published_agreements.count() == 16  # 18 demo agreements, two of them drafts
    assert steps.filter(content_type__model="mission").count() == 1
    partner_ids = set(
        steps.filter(content_type__model="partner").values_list("object_id", flat=True)
    )
    assert Partner.objects.get(iso_code="CN").pk in partner_ids
    assert not Partner.objects.filter(
        pk__in=partner_ids, publication_status=PublicationStatus.DRAFT
    ).exists()
    mission = Mission.objects.get()
    step = steps.get(content_type__model="mission")
    assert (step.from_status, step.to_status, step.at, step.user) == (
        PublicationStatus.DRAFT,
        PublicationStatus.PUBLISHED,
        mission.published_at,
        None,
    )


def test_the_dashboard_lists_what_the_demo_published(client, superuser):
    load_demo()
    client.force_login(superuser)

    page = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    recent = page[page.index("Recently published") :]
    recent = recent[: recent.index("</ul>")]
    assert "Nothing published yet." not in recent
    assert recent.count("<li>") == 8
