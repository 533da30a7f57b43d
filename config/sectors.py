"""The sector pages: each sector (a thrust of the International Policy, seed 001) with its
description and the published partners, agreements and missions tagged with it.

A composite read page over every app, so it lives in `config`, the one layer that may read them
all."""

from django.db.models import Count
from django.http import Http404, HttpResponsePermanentRedirect
from django.views.generic import TemplateView

from agreements import selectors as agreement_selectors
from agreements.models import Agreement
from missions import selectors as mission_selectors
from missions.models import Mission
from partners.models import Partner, Sector
from partners.publishing.language import find_by_slug, localized, slugs_of
from partners.publishing.views import record_description

PUBLISHED = "published"


def _counts(model, record: str) -> dict[int, int]:
    """{sector id: how many published records of `model` it tags}, one grouped query."""
    through = model.sectors.through
    return dict(
        through.objects.filter(**{f"{record}__publication_status": PUBLISHED})
        .values_list("sector")
        .annotate(count=Count("pk"))
        .order_by()
    )


def sectors_with_counts() -> list[Sector]:
    """Every sector in its order, with how many published records of each kind it tags (one
    grouped count a kind, not a join of every kind with every other)."""
    partners = _counts(Partner, "partner")
    agreements = _counts(Agreement, "agreement")
    missions = _counts(Mission, "mission")
    sectors = list(Sector.objects.order_by("position", "slug"))
    for sector in sectors:
        sector.partner_count = partners.get(sector.pk, 0)
        sector.agreement_count = agreements.get(sector.pk, 0)
        sector.mission_count = missions.get(sector.pk, 0)
    return sectors


class SectorListView(TemplateView):
    template_name = "sectors/sector_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sectors"] = sectors_with_counts()
        return context


class SectorDetailView(TemplateView):
    """A sector, by its slug in the page's language; its slug in the other language answers a
    permanent redirect to this one."""

    template_name = "sectors/sector_detail.html"

    def get(self, request, *args, **kwargs):
        try:
            self.sector, slug = find_by_slug(Sector.objects.all(), kwargs["slug"])
        except Sector.DoesNotExist:
            raise Http404 from None
        if slug != kwargs["slug"]:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                self.sector.get_absolute_url() + (f"?{query}" if query else "")
            )
        request.record_slugs = slugs_of(self.sector)  # config/context_processors.py
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sector = self.sector
        partners = (
            Partner.objects.published()
            .filter(sectors=sector)
            .only("slug", "name_fr", "name_en", "updated_at")
            .order_by(localized("name"), "pk")
        )
        agreements = (
            Agreement.objects.published()
            .filter(sectors=sector)
            .only(*agreement_selectors.LISTED_FIELDS, "updated_at")
            .order_by("-signed_on", localized("title"), "pk")
        )
        missions = (
            Mission.objects.published()
            .filter(sectors=sector)
            .only(*mission_selectors.LISTED_FIELDS, "updated_at")
            .order_by("-start_date", "pk")
        )
        partners, agreements, missions = list(partners), list(agreements), list(missions)
        context.update(
            sector=sector,
            partners=partners,
            agreements=agreements,
            missions=missions,
            meta_description=record_description(sector, ("description",)),
            last_updated=max(
                (record.updated_at for record in (*partners, *agreements, *missions)),
                default=None,
            ),
        )
        return context
