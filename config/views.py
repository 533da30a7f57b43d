"""Pages that belong to no single app: home, robots.txt, errors."""

from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from agreements import selectors as agreement_selectors
from agreements.models import Agreement, AgreementEvent, AgreementStatus
from config.logs import current_request_id
from missions import selectors as mission_selectors
from missions.models import Mission
from partners.models import Partner, WorldRegion
from partners.publishing import fragments
from partners.publishing.language import localized, sort_key
from partners.publishing.models import PublicationStatus
from partners.publishing.results import cached_results

RECENT_AGREEMENTS = 5
RECENT_MISSIONS = 3

# What the home page shows under the site's header, and its parts kept by the versions of what
# each shows (its latest missions, its latest agreements, its partners by world region): a
# change to their sources gives other keys.
HOME_CONTENT = "includes/home_content.html"
HOME_MISSIONS = "includes/home_missions.html"
HOME_AGREEMENTS = "includes/home_agreements.html"
HOME_REGIONS = "includes/home_regions.html"
HOME_TEMPLATES = (HOME_CONTENT, HOME_MISSIONS, HOME_AGREEMENTS, HOME_REGIONS)


def recent_agreement_ids(count: int) -> list[int]:
    """The keys of the published agreements whose latest signature or renewal is the most
    recent, most recent first."""
    latest = (
        AgreementEvent.objects.filter(
            date__isnull=False, agreement__publication_status=PublicationStatus.PUBLISHED
        )
        .order_by("-date", "-pk")
        .values_list("agreement_id", flat=True)[: count * 10]
    )
    return list(dict.fromkeys(latest))[:count]


def recent_agreements(count: int):
    """Published agreements whose latest signature or renewal is the most recent."""
    ids = recent_agreement_ids(count)
    agreements = (
        Agreement.objects.filter(pk__in=ids)
        .only(*agreement_selectors.LISTED_FIELDS)
        .with_latest_step()
        .prefetch_related(agreement_selectors.party_names())
    )
    return sorted(agreements, key=lambda agreement: ids.index(agreement.pk))


def recent_missions():
    """The published missions that began last, latest first."""
    return Mission.objects.published().order_by("-start_date", "-pk")


def record_counts() -> dict[str, int]:
    """The published agreements, those in force, and the published missions: two queries."""
    return {
        **Agreement.objects.published().aggregate(
            agreements=Count("pk"),
            in_force=Count("pk", filter=Q(status=AgreementStatus.IN_FORCE)),
        ),
        "missions": Mission.objects.published().count(),
    }


def home_content() -> str:
    """The HTML of what the home page shows (its figures, the latest missions and agreements,
    the partners by world region), written from its own template and kept by the versions the
    home page holds (the site's, the agreements', missions' and partners' topics:
    partners/publishing/results.py), so that the page missed for another reason than an edit of
    one of those reads it back, neither querying nor writing it; written each time when those
    versions are not known."""
    parts = (fragments.sources_digest(HOME_TEMPLATES), *fragments.written_at())
    return cached_results("home-page", parts, _home_content, page="home")


def _home_content() -> str:
    return fragments.render(HOME_CONTENT, home_contents())


def home_contents() -> dict:
    """What the home page shows: its latest missions, its latest agreements and its partners
    by world region (HTML, each kept by the versions of what it shows: an edit of a mission
    leaves the agreements and the partners found), the counts."""
    regions = partner_regions()
    return {
        # The missions, their places' cities.
        "missions_section": fragments.section(
            "home-missions", fragments.written_at(), (Mission,), HOME_MISSIONS, latest_missions
        ),
        # The agreements, their latest steps and their parties' names.
        "agreements_section": fragments.section(
            "home-agreements",
            fragments.written_at(),
            (Agreement, Partner),
            HOME_AGREEMENTS,
            latest_agreements,
        ),
        "regions_section": mark_safe(regions["html"]),
        # The partners are those listed by region.
        "counts": {"partners": regions["count"], **record_counts()},
    }


def latest_missions() -> dict:
    return {
        "missions": list(
            recent_missions()
            .only(*mission_selectors.LISTED_FIELDS)
            .prefetch_related(mission_selectors.cities())[:RECENT_MISSIONS]
        )
    }


def latest_agreements() -> dict:
    return {"agreements": recent_agreements(RECENT_AGREEMENTS)}


def partner_regions() -> dict:
    """The HTML of every profiled partner by world region and their number, kept by the
    partners' version (partners/publishing/fragments.py): an edit of an agreement or a mission,
    which writes the home page again, leaves them found, neither read nor written."""
    return fragments.written(
        "home-regions",
        fragments.written_at(),
        (Partner,),
        _partner_regions,
        templates=(HOME_REGIONS,),
    )


def _partner_regions() -> dict:
    # Every profiled partner, in its world region (a state or region in its country's).
    partners = (
        Partner.objects.published()
        .select_related("parent")
        .only("pk", "slug", "name_fr", "name_en", "world_region", "parent__world_region")
        .order_by(localized("name"), "pk")
    )
    regions = {}
    profiled = 0
    for partner in partners:
        profiled += 1
        region = partner.world_region or (partner.parent.world_region if partner.parent else "")
        regions.setdefault(region, []).append(partner)
    # The world regions by their names in the page's language.
    shown = sorted(
        ((code, label, regions[code]) for code, label in WorldRegion.choices if code in regions),
        key=lambda region: sort_key(str(region[1])),
    )
    return {"count": profiled, "html": fragments.render(HOME_REGIONS, {"regions": shown})}


class HomeView(TemplateView):
    template_name = "home.html"

    def content_fingerprint(self) -> tuple[str, list[tuple[str, int]]]:
        """What the page shows of the agreements and missions, for the page cache
        (config/cache.py): their counts and, as (label, pk), the records it lists, in order.
        An edit to any other agreement or mission leaves the page as it was."""
        agreements = recent_agreement_ids(RECENT_AGREEMENTS)
        missions = list(recent_missions().values_list("pk", flat=True)[:RECENT_MISSIONS])
        text = f"{sorted(record_counts().items())}|{agreements}|{missions}"
        return text, [
            *(("agreements.agreement", pk) for pk in agreements),
            *(("missions.mission", pk) for pk in missions),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["home"] = mark_safe(home_content())
        return context


@require_GET
def robots_txt(request):
    """Read by everyone, bots and attackers alike: it never names the admin's path (a secret,
    DJANGO_ADMIN_URL). The admin's pages say `noindex` themselves (Django's `robots` meta tag)."""
    lines = [
        "User-agent: *",
        "Disallow: /*?*format=",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
@cache_control(max_age=86400)
def favicon(request):
    """/favicon.ico, where browsers and crawlers look first: the site's icon."""
    return HttpResponseRedirect(static("img/favicon.svg"))


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def server_error(request):
    """The error is already logged (django.request, with its traceback and this request's id:
    config/logs.py); the page gives the id, so that a report can be matched to the log."""
    return render(request, "500.html", {"request_id": current_request_id()}, status=500)
