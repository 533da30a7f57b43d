"""The open-data catalogue: the datasets the site publishes (partners, agreements, missions,
trade), as a page in each language (`/fr/donnees-ouvertes/`, `/en/open-data/`) and as a DCAT-AP
catalogue in JSON-LD (`/catalogue.jsonld`) that an open-data portal's harvester (CKAN's
ckanext-dcat, as Données Québec runs) reads. Also the schema.org JSON-LD of each record page
(`record_json_ld()`, through the `{% json_ld %}` tag).

Each dataset's distributions are the lists' own downloads (publishing/exports.py), in each
language; its fields are the export's own columns (the export tables' headers, read with no
record), so the catalogue cannot describe a column the files do not have. Its update date is
the latest change of its published records (trade: of its latest import).

Licence: the ministry publishes its data under Creative Commons Attribution 4.0 (CC BY 4.0),
as Québec's open data portal does (docs/deployment.md, "Open data").
"""

import json
from dataclasses import dataclass

from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from agreements import selectors as agreement_selectors
from agreements.models import Agreement, AgreementStatus
from missions import selectors as mission_selectors
from missions.models import Mission
from partners import selectors as partner_selectors
from partners.models import Partner, PartnerKind
from partners.publishing.exports import CONTENT_TYPES, iso_date, iso_datetime
from partners.publishing.language import active_language, text_in
from partners.trade import selectors as trade_selectors
from partners.trade.models import ImportBatch, TradeFigure

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_NAME = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
LANGUAGE_URIS = {
    "fr": "http://publications.europa.eu/resource/authority/language/FRA",
    "en": "http://publications.europa.eu/resource/authority/language/ENG",
}
FORMAT_NAMES = {"csv": "CSV", "json": "JSON", "xlsx": "XLSX"}
PUBLISHER = _("Ministry of International Relations and La Francophonie")


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    description: str
    url_name: str  # the public list (or explorer) whose downloads are the distributions
    formats: tuple[str, ...]

    def header(self) -> list[tuple[str, str]]:
        """The dataset's columns, [(key, title in the page's language)], as its files have them."""
        return HEADERS[self.key]()

    def modified(self):
        return MODIFIED[self.key]()

    def has_data(self) -> bool:
        return HAS_DATA[self.key]()

    def page(self, language: str) -> str:
        with translation.override(language):
            return reverse(self.url_name)

    def download(self, language: str, kind: str) -> str:
        return f"{self.page(language)}?format={kind}"


DATASETS = [
    Dataset(
        "partners",
        _("Québec's international partners"),
        _(
            "The governments, federated states, regions, municipalities and international "
            "organisations Québec has relations with: kind, ISO 3166 code, world region, "
            "priority sectors, number of agreements in force."
        ),
        "partners:list",
        ("csv", "json"),
    ),
    Dataset(
        "agreements",
        _("Québec's international agreements"),
        _(
            "The agreements, memorandums of understanding, declarations and programmes Québec "
            "has signed with its partners: parties, sectors, status, dates of signature, entry "
            "into force and end, summary, and the address of the full text."
        ),
        "agreements:list",
        ("csv", "json"),
    ),
    Dataset(
        "missions",
        _("Reports of ministerial missions abroad"),
        _(
            "The ministerial missions abroad and their reports: ministry, dates, places, "
            "delegation, context, objectives, results and agreements signed."
        ),
        "missions:list",
        ("csv", "json"),
    ),
    Dataset(
        "trade",
        _("Québec's trade in goods with its partners"),
        _(
            "The value in Canadian dollars of the goods Québec exported to and imported from "
            "each partner, by year, in total and by product (Harmonized System code)."
        ),
        "trade:explorer",
        ("csv", "json", "xlsx"),
    ),
]


HEADERS = {
    "partners": lambda: partner_selectors.export_table(Partner.objects.none(), str)[0],
    "agreements": lambda: agreement_selectors.export_table(Agreement.objects.none(), str)[0],
    "missions": lambda: mission_selectors.export_table(Mission.objects.none(), str)[0],
    "trade": lambda: trade_selectors.trade_table([])[0],
}


def _latest(model):
    return model.objects.published().aggregate(latest=Max("updated_at"))["latest"]


def _latest_import():
    if not TradeFigure.objects.exists():
        return None
    batches = ImportBatch.objects.filter(rolled_back_at__isnull=True)
    return batches.aggregate(latest=Max("imported_at"))["latest"]


MODIFIED = {
    "partners": lambda: _latest(Partner),
    "agreements": lambda: _latest(Agreement),
    "missions": lambda: _latest(Mission),
    "trade": _latest_import,
}


HAS_DATA = {
    "partners": lambda: Partner.objects.published().exists(),
    "agreements": lambda: Agreement.objects.published().exists(),
    "missions": lambda: Mission.objects.published().exists(),
    "trade": lambda: TradeFigure.objects.visible().exists(),
}


class CatalogueView(TemplateView):
    """The open-data page: each dataset, its formats and files, licence, update date, fields."""

    template_name = "catalogue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = active_language()
        context["datasets"] = [
            {
                "key": dataset.key,
                "title": dataset.title,
                "description": dataset.description,
                "page": dataset.page(language),
                "downloads": [
                    (FORMAT_NAMES[kind], dataset.download(language, kind))
                    for kind in dataset.formats
                ],
                "modified": dataset.modified(),
                "has_data": dataset.has_data(),
                "fields": dataset.header(),
            }
            for dataset in DATASETS
        ]
        context["licence_url"] = LICENCE_URL
        context["licence_name"] = LICENCE_NAME
        context["catalogue_url"] = reverse("dcat")
        return context


def _both(text) -> list[dict]:
    """A text in each language, as JSON-LD language-tagged values."""
    values = []
    for code in LANGUAGE_URIS:
        with translation.override(code):
            values.append({"@value": str(text), "@language": code})
    return values


DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def dcat_catalogue(absolute) -> dict:
    """The DCAT-AP catalogue as JSON-LD (`absolute`: path -> absolute address)."""
    licence = {"@id": LICENCE_URL}
    publisher = {"@type": "foaf:Organization", "foaf:name": _both(PUBLISHER)}
    datasets = []
    modified_all = []
    for dataset in DATASETS:
        modified = dataset.modified()
        if modified:
            modified_all.append(modified)
        distributions = [
            {
                "@id": absolute(dataset.download(code, kind)),
                "@type": "dcat:Distribution",
                "dct:title": f"{dataset.key}.{kind} ({code})",
                "dcat:accessURL": {"@id": absolute(dataset.download(code, kind))},
                "dcat:downloadURL": {"@id": absolute(dataset.download(code, kind))},
                "dcat:mediaType": CONTENT_TYPES[kind].split(";")[0],
                "dct:format": FORMAT_NAMES[kind],
                "dct:language": {"@id": LANGUAGE_URIS[code]},
                "dct:license": licence,
            }
            for kind in dataset.formats
            for code in LANGUAGE_URIS
        ]
        with translation.override("en"):
            keys = ", ".join(key for key, _title in dataset.header())
        item = {
            "@id": absolute(f"{reverse('dcat')}#{dataset.key}"),
            "@type": "dcat:Dataset",
            "dct:identifier": dataset.key,
            "dct:title": _both(dataset.title),
            "dct:description": _both(dataset.description),
            "dct:publisher": publisher,
            "dct:license": licence,
            "dct:language": [{"@id": uri} for uri in LANGUAGE_URIS.values()],
            "dcat:landingPage": [{"@id": absolute(dataset.page(code))} for code in LANGUAGE_URIS],
            "dcat:keyword": _both(dataset.title),
            "dcat:distribution": distributions,
            "rdfs:comment": f"Fields (JSON keys): {keys}",
        }
        if modified:
            item["dct:modified"] = {"@value": iso_datetime(modified), "@type": "xsd:dateTime"}
        datasets.append(item)
    catalogue = {
        "@context": {**DCAT_CONTEXT, "rdfs": "http://www.w3.org/2000/01/rdf-schema#"},
        "@id": absolute(reverse("dcat")),
        "@type": "dcat:Catalog",
        "dct:title": _both(_("Open data of Québec's international relations")),
        "dct:description": _both(
            _(
                "Québec's partners abroad, its international agreements, the reports of its "
                "ministerial missions and its trade in goods, in French and English."
            )
        ),
        "dct:publisher": publisher,
        "dct:license": licence,
        "dct:language": [{"@id": uri} for uri in LANGUAGE_URIS.values()],
        "foaf:homepage": {"@id": absolute("/")},
        "dcat:dataset": datasets,
    }
    if modified_all:
        catalogue["dct:modified"] = {
            "@value": iso_datetime(max(modified_all)),
            "@type": "xsd:dateTime",
        }
    return catalogue


@require_GET
def dcat_view(request):
    body = json.dumps(dcat_catalogue(request.build_absolute_uri), ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/ld+json; charset=utf-8")


# schema.org JSON-LD of the record pages.

PARTNER_TYPES = {
    PartnerKind.SOVEREIGN_STATE: "Country",
    PartnerKind.FEDERATED_STATE: "State",
    PartnerKind.REGION: "AdministrativeArea",
    PartnerKind.MUNICIPALITY: "City",
    PartnerKind.INTERNATIONAL_ORGANISATION: "Organization",
}


def _partner_ref(partner, absolute) -> dict:
    data = {
        "@type": PARTNER_TYPES.get(partner.kind, "Place"),
        "name": text_in(partner, "name"),
    }
    if partner.is_published:
        data["url"] = absolute(partner.get_absolute_url())
    if partner.iso_code:
        data["identifier"] = partner.iso_code
    return data


def record_json_ld(record, absolute) -> dict | None:
    """schema.org data of a record page: an agreement is a Legislation, a mission an Event, a
    partner a Country, State, AdministrativeArea, City or Organization. Texts in the page's
    language; only what the page itself shows."""
    language = active_language()
    base = {"@context": "https://schema.org", "url": absolute(record.get_absolute_url())}
    if isinstance(record, Agreement):
        data = {
            **base,
            "@type": "Legislation",
            "name": text_in(record, "title"),
            "inLanguage": language,
            "legislationType": record.kind_label,
            "legislationLegalForce": (
                "https://schema.org/InForce"
                if record.status == AgreementStatus.IN_FORCE
                else "https://schema.org/NotInForce"
            ),
            "legislationPassedBy": [
                {"@type": "State", "name": str(_("Québec"))},
                *(_partner_ref(party, absolute) for party in record.parties.all()),
            ],
        }
        if record.reference:
            data["legislationIdentifier"] = record.reference
        signed = iso_date(record.signed_on, record.signed_on_precision)
        if signed:
            data["legislationDate"] = signed
        if record.in_force_on:
            data["legislationDateVersion"] = record.in_force_on.isoformat()
        if record.ends_on:
            data["expires"] = record.ends_on.isoformat()
        if text_in(record, "summary"):
            data["abstract"] = text_in(record, "summary")
        if record.document:
            address = reverse("agreements:document", kwargs={"slug": record.slug})
            data["encoding"] = {
                "@type": "MediaObject",
                "contentUrl": absolute(address),
                "encodingFormat": "application/pdf",
                "inLanguage": record.document_language,
            }
        return data
    if isinstance(record, Mission):
        data = {
            **base,
            "@type": "Event",
            "name": text_in(record, "title"),
            "inLanguage": language,
            "startDate": record.start_date.isoformat(),
            "endDate": record.end_date.isoformat(),
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "organizer": {"@type": "GovernmentOrganization", "name": text_in(record, "ministry")},
            "location": [
                {
                    "@type": "Place",
                    "name": text_in(place, "city"),
                    "containedInPlace": _partner_ref(place.partner, absolute),
                }
                for place in record.places.all()
            ],
        }
        if text_in(record, "summary"):
            data["description"] = text_in(record, "summary")
        return data
    if isinstance(record, Partner):
        data = {**base, **_partner_ref(record, absolute), "@context": "https://schema.org"}
        if record.parent_id:
            data["containedInPlace"] = _partner_ref(record.parent, absolute)
        if text_in(record, "overview"):
            data["description"] = text_in(record, "overview")
        return data
    return None


JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> str:
    """The data in a <script type="application/ld+json"> element, escaped as Django's
    json_script escapes: no text of a record can close the element."""
    text = json.dumps(data, ensure_ascii=False, default=str).translate(JSON_SCRIPT_ESCAPES)
    return f'<script type="application/ld+json">{text}</script>'
