from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agreements.models import Agreement
from partners.models import Partner, Sector
from partners.publishing.models import (
    Publishable,
    PublishableQuerySet,
    record_url,
    slug_constraints,
    translated_slug,
)


class MissionQuerySet(PublishableQuerySet):
    def in_partner(self, partners):
        """Missions with a stop in any of these partners or a partner under them."""
        return self.with_stop_among(Partner.objects.with_descendants(partners))

    def with_stop_among(self, partners):
        """Missions with a stop in `partners` (a queryset or ids), as a semi-join: not a join then
        DISTINCT over whole rows, which the paginator would count again."""
        places = MissionPlace.objects.filter(partner__in=partners)
        return self.filter(pk__in=places.values("mission"))


class Mission(Publishable):
    """A ministerial mission abroad and the report written after it."""

    title = models.CharField(_("title"), max_length=300)
    slug = translated_slug()
    ministry = models.CharField(_("ministry"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    original_language = models.CharField(
        _("language of the report"),
        max_length=2,
        choices=settings.LANGUAGES,
        default="fr",
        help_text=_("The language the report was written in; the other is a translation."),
    )
    summary = models.TextField(_("summary"), blank=True)
    accompanying_organisations = models.TextField(
        _("accompanying organisations"),
        blank=True,
        help_text=_("Organisations and businesses that travelled with the delegation."),
    )
    context = models.TextField(_("context"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True, help_text=_("One per line."))
    results = models.TextField(_("results"), blank=True, help_text=_("One per line."))
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), blank=True, related_name="missions"
    )
    agreements_signed = models.ManyToManyField(
        Agreement,
        verbose_name=_("agreements signed"),
        blank=True,
        related_name="missions_signed",
        help_text=_("Agreements signed during the mission."),
    )
    author_unit = models.CharField(_("written by"), max_length=200, blank=True)
    written_on = models.DateField(_("written on"), null=True, blank=True)
    filed_by = models.CharField(
        _("filed by"),
        max_length=200,
        blank=True,
        help_text=_("Who filed the report, with their title: “Name, title”."),
    )
    filed_on = models.DateField(_("filed on"), null=True, blank=True)

    objects = MissionQuerySet.as_manager()
    translation_required = ("title", "ministry", "context", "objectives", "results")
    version_children = ("places", "delegation", "recommendations", "recommendations__follow_ups")
    # What the search finds a mission by, its title first (partners/publishing/search.py).
    search_fields = ("title", "summary", "context", "objectives", "results")

    class Meta:
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        permissions = [("publish_mission", _("Can publish and unpublish missions"))]
        ordering = ["-start_date", "title"]
        constraints = [
            *Publishable.publication_constraints("mission"),
            *slug_constraints(
                "mission",
                {
                    "fr": _("Another mission already has this slug in French."),
                    "en": _("Another mission already has this slug in English."),
                },
            ),
            models.CheckConstraint(
                condition=Q(start_date__lte=F("end_date")),
                name="mission_dates_ordered",
                violation_error_message=_("A mission cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(written_on__isnull=True) | Q(written_on__gte=F("start_date")),
                name="mission_written_after_start",
                violation_error_message=_("A report cannot be written before the mission starts."),
            ),
            models.CheckConstraint(
                condition=Q(filed_on__isnull=True)
                | Q(written_on__isnull=True)
                | Q(filed_on__gte=F("written_on")),
                name="mission_filed_after_written",
                violation_error_message=_("A report cannot be filed before it is written."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["publication_status", "-start_date"], name="mission_pub_start_idx"
            ),
            # The ministry filter's choices: the distinct names, read from the index alone.
            models.Index(
                fields=["ministry_fr", "ministry_en"],
                name="mission_pub_ministry_idx",
                condition=Q(publication_status="published"),
            ),
            # The list's count and latest change, the home page's count: read from the index
            # alone on PostgreSQL (`include` is PostgreSQL's).
            models.Index(
                fields=["updated_at"],
                include=["id"],
                name="mission_pub_updated_idx",
                condition=Q(publication_status="published"),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("missions:detail", self.slug)

    # The children's texts that the completeness gate checks too: (relation, field).
    translated_child_fields = (
        ("places", "city"),
        ("delegation", "title"),
        ("recommendations", "text"),
    )

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]

    @property
    def objective_list(self) -> list[str]:
        return self.lines(self.objectives)

    @property
    def result_list(self) -> list[str]:
        return self.lines(self.results)


class MissionPlace(models.Model):
    """A city the mission visited, within a partner (Qingdao within Shandong)."""

    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, related_name="places"
    )
    city = models.CharField(_("city"), max_length=120)
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="mission_places"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("place visited")
        verbose_name_plural = _("places visited")
        ordering = ["mission", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "city"], name="mission_place_city_once_per_mission"
            ),
        ]

    def __str__(self):
        return self.city


# Honorifics as reports write them before a name (French usage), and as each language writes
# them: they are content, so the English page says "Mr." and "Dr." where the report says "M."
# and "Dr".
HONORIFICS = {
    "M.": pgettext_lazy("honorific, man", "Mr."),
    "Mme": pgettext_lazy("honorific, woman", "Ms."),
    "Mlle": pgettext_lazy("honorific, woman", "Ms."),
    "Dr": pgettext_lazy("honorific, man", "Dr."),
    "Dre": pgettext_lazy("honorific, woman", "Dr."),
    "Pr": pgettext_lazy("honorific, man", "Prof."),
    "Pre": pgettext_lazy("honorific, woman", "Prof."),
}


def with_honorific(name: str) -> str:
    """`name` with its leading honorific as the page's language writes it."""
    first, _space, rest = name.partition(" ")
    if rest and first in HONORIFICS:
        return f"{HONORIFICS[first]} {rest}"
    return name


class DelegationMember(models.Model):
    """A member of the ministerial delegation, in the order of the report."""

    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, related_name="delegation"
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title or position"), max_length=300)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        ordering = ["mission", "position", "pk"]

    def __str__(self):
        return self.name

    @property
    def display_name(self) -> str:
        """The name with its honorific in the page's language ("Mme" / "Ms.")."""
        return with_honorific(self.name)


class Recommendation(models.Model):
    """A recommendation or follow-up the report sets out."""

    mission = models.ForeignKey(
        Mission,
        verbose_name=_("mission"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    text = models.TextField(_("recommendation"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations and follow-ups")
        ordering = ["mission", "position", "pk"]

    def __str__(self):
        return self.text[:80]


class FollowUpStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


class FollowUpQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True, recommendation__mission__publication_status="published")

    def open(self):
        return self.filter(status__in=[FollowUpStatus.PLANNED, FollowUpStatus.IN_PROGRESS])

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)


class FollowUpAction(models.Model):
    """An action taken to carry out a recommendation of a mission report."""

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    description = models.TextField(_("action"))
    responsible_unit = models.CharField(_("responsible unit"), max_length=200)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=FollowUpStatus, default=FollowUpStatus.PLANNED
    )
    is_public = models.BooleanField(
        _("shown on the public page"),
        default=False,
        help_text=_("Only once it can be made public."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["recommendation", "due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="followup_status_due_idx")]

    def __str__(self):
        return self.description[:80]
