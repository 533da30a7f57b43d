"""Search: one box over partners, agreements and missions, in the page's language, ranked."""

from http import HTTPStatus

import pytest
from django.db import connection

from agreements.models import Agreement
from config.search import SEARCHED, _sqlite, add_excerpts, search
from partners.publishing.models import PublicationStatus
from partners.publishing.search import highlight, plain_excerpt
from tests import factories
from tests.pages import key

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's full-text search"
)
DRAFT = {"publication_status": PublicationStatus.DRAFT, "published_at": None}


def found(response):
    """The hits on the page, as (kind, the record's French slug), in their order: the page's
    ranking is of (kind, key, rank), its hits are written HTML."""
    models = {kind: model for model, kind, _title, _fields in SEARCHED}
    return [
        (kind, key(models[kind].objects.get(pk=pk)))
        for kind, pk, _rank in response.context["page_obj"]
    ]


@pytest.fixture
def records(db):
    factories.AgreementFactory(
        slug="sante",
        title_fr="Entente en santé publique",
        title_en="Public health agreement",
        summary_fr="Coopération entre les ministères.",
        summary_en="Cooperation between the ministries.",
    )
    factories.AgreementFactory(
        slug="quebec",
        title_fr="Entente Québec-Bavière",
        title_en="Québec-Bavaria agreement",
        summary_fr="Recherche <b>et</b> innovation.",
        summary_en="Research & innovation.",
    )
    factories.AgreementFactory(
        slug="body",
        title_fr="Entente culturelle",
        title_en="Cultural agreement",
        summary_fr="Elle finance aussi la recherche en santé des jeunes.",
        summary_en="It also funds research in youth health.",
    )
    factories.PartnerFactory(slug="bavaria", name_fr="Bavière", name_en="Bavaria")
    mission = factories.MissionFactory(
        slug="mission-sante",
        title_fr="Mission en Bavière",
        title_en="Mission to Bavaria",
        context_fr="Les hôpitaux et la santé numérique.",
        context_en="Hospitals and digital health.",
    )
    factories.AgreementFactory(slug="secret", title_fr="Entente santé secrète", **DRAFT)
    return mission


@postgresql_only
def test_accents_do_not_matter(client, records):
    sante = found(client.get("/fr/recherche/", {"q": "sante"}))
    assert ("agreement", "sante") in sante
    assert sante == found(client.get("/fr/recherche/", {"q": "SANTÉ"}))
    assert ("agreement", "quebec") in found(client.get("/fr/recherche/", {"q": "Quebec"}))
    assert ("agreement", "quebec") in found(client.get("/en/search/", {"q": "quebec"}))


@postgresql_only
def test_a_title_match_ranks_above_a_body_match(client, records):
    assert found(client.get("/fr/recherche/", {"q": "santé"})) == [
        ("agreement", "sante"),
        ("agreement", "body"),
        ("mission", "mission-sante"),
    ]
    assert found(client.get("/en/search/", {"q": "health"})) == [
        ("agreement", "sante"),
        ("agreement", "body"),
        ("mission", "mission-sante"),
    ]


@postgresql_only
def test_words_are_stemmed_in_each_language(client, records):
    # « hôpital » finds « hôpitaux »; "hospital" finds "Hospitals".
    assert found(client.get("/fr/recherche/", {"q": "hopital"})) == [("mission", "mission-sante")]
    assert found(client.get("/en/search/", {"q": "hospital"})) == [("mission", "mission-sante")]


@postgresql_only
def test_the_excerpt_highlights_the_words_and_escapes_the_text(client, records):
    page = client.get("/en/search/", {"q": "research"}).content.decode()
    assert "<mark>Research</mark> &amp; innovation" in page
    # Markup in a record's text never reaches the page as markup.
    french = client.get("/fr/recherche/", {"q": "recherche"}).content.decode()
    assert "<mark>Recherche</mark>" in french
    assert "<b>" not in french
    body = client.get("/fr/recherche/", {"q": "sante"}).content.decode()
    assert "la recherche en <mark>santé</mark> des jeunes" in body


def test_the_page_language_is_searched(client, records):
    # French words on the English page find nothing; the English words do.
    assert found(client.get("/en/search/", {"q": "culturelle"})) == []
    assert found(client.get("/en/search/", {"q": "cultural"})) == [("agreement", "body")]
    assert found(client.get("/fr/recherche/", {"q": "culturelle"})) == [("agreement", "body")]


def test_every_record_type_is_found_and_named(client, records):
    response = client.get("/en/search/", {"q": "Bavaria"})
    assert sorted(found(response)) == [
        ("agreement", "quebec"),
        ("mission", "mission-sante"),
        ("partner", "bavaria"),
    ]
    page = response.content.decode()
    for label in ("Partner", "Agreement", "Mission"):
        assert f'<p class="kind">{label}</p>' in page
    assert "3 results for “Bavaria”" in page


def test_drafts_are_never_found(client, records):
    for address, words in (("/fr/recherche/", "secrète"), ("/en/search/", "secret")):
        response = client.get(address, {"q": words})
        assert found(response) == []
        assert response.context["result_count"] == 0
    assert all(key(hit.record) != "secret" for hit in search("sante", "fr"))
    assert search("secrète", "fr") == []


def test_empty_and_too_long_queries_are_handled_politely(client, records):
    assert search("", "fr") == search("   ", "fr") == []
    empty = client.get("/en/search/", {"q": "   "})
    assert empty.status_code == HTTPStatus.OK
    assert "result" not in empty.content.decode().split("<main")[1]
    long = client.get("/en/search/", {"q": "health " * 100})
    assert long.status_code == HTTPStatus.OK
    assert "Your search was shortened to its first 200 characters." in long.content.decode()
    assert len(long.context["q"]) == 200
    for query in ("' OR 1=1 --", "&&&", "!", "a:*", '"unclosed', "\x00", "é" * 500):
        assert client.get("/en/search/", {"q": query}).status_code == HTTPStatus.OK


def test_a_title_match_ranks_first_on_every_engine(db):
    body = factories.AgreementFactory(
        slug="body", title_fr="Entente culturelle", summary_fr="Projets en aéronautique."
    )
    title = factories.AgreementFactory(
        slug="title", title_fr="Entente en aéronautique", summary_fr="Projets conjoints."
    )
    assert [hit.record for hit in search("aeronautique", "fr")] == [title, body]


def test_the_demo_is_found_accents_and_case_ignored_in_the_page_language(demo):
    santé = [(hit.kind, key(hit.record)) for hit in search("sante", "fr")]
    assert ("mission", "mission-sante-chine-2017") in santé
    assert santé == [(hit.kind, key(hit.record)) for hit in search("SANTÉ", "fr")]
    quebec = {key(hit.record) for hit in search("Quebec", "fr")}
    assert "entente-science-technologie-chine-1995" in quebec  # « Québec-Chine »
    assert search("sante", "en") == []  # English pages search the English text: "health"
    health = [(hit.kind, key(hit.record)) for hit in search("health", "en")]
    assert ("mission", "mission-sante-chine-2017") in health


@postgresql_only
def test_postgresql_stems_french_and_english_words_of_the_demo(demo):
    # "ententes" (plural) finds "entente".
    assert len(search("ententes", "fr")) >= 10
    assert search("coopérations", "fr")  # plural of « coopération »
    assert key(search("prévention maladies", "fr")[0].record) == (
        "protocole-prevention-controle-maladies-2017"
    )
    hit = add_excerpts(search("pharmaceutiques", "fr")[:1], "pharmaceutiques", "fr")[0]
    assert key(hit.record) == "entente-science-technologie-chine-1995"
    assert "<mark>pharmaceutiques</mark>" in hit.excerpt


def test_results_are_paginated(client, db):
    for number in range(25):
        factories.AgreementFactory(slug=f"zinc-{number:02d}", title_en=f"Zinc agreement {number}")
    first = client.get("/en/search/", {"q": "zinc"})
    assert first.context["result_count"] == 25
    assert len(first.context["page_obj"]) == 20
    second = client.get("/en/search/", {"q": "zinc", "page": "2"})
    assert len(second.context["page_obj"]) == 5
    assert {slug for _kind, slug in found(first) + found(second)} == {
        f"zinc-{number:02d}" for number in range(25)
    }
    for page in ("abc", "0", "99999"):
        assert client.get("/en/search/", {"q": "zinc", "page": page}).status_code == 200


def test_the_simple_search_finds_a_plain_match_accents_ignored(records):
    """The SQLite engine (it runs on PostgreSQL too: unaccent() exists on both)."""
    model, kind, title, fields = next(entry for entry in SEARCHED if entry[0] is Agreement)
    hits = _sqlite(model, kind, title, fields, "sante", "fr")
    assert [key(hit.record) for hit in hits] == ["sante", "body"]  # title first
    assert [hit.rank for hit in hits] == [2.0, 1.0]
    assert _sqlite(model, kind, title, fields, "secrete", "fr") == []  # the draft
    assert [key(h.record) for h in _sqlite(model, kind, title, fields, "QUEBEC", "fr")] == [
        "quebec"
    ]


def test_plain_and_highlighted_excerpts_are_escaped():
    text = "Début. " + "mot " * 100 + "la <b>santé</b> publique " + "fin " * 100
    excerpt = plain_excerpt(text, "sante")
    assert "la &lt;b&gt;santé&lt;/b&gt; publique" in excerpt
    assert excerpt.startswith("… ") and excerpt.endswith(" …")
    assert len(excerpt) < 300
    assert plain_excerpt("Court texte.", "absent") == "Court texte."
    assert highlight("a \ue000<santé>\ue001 b") == "a <mark>&lt;santé&gt;</mark> b"
    assert highlight("a \ue000b") == "a b"  # unbalanced marks are dropped
