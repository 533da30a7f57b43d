"""Search: in the page's language, accents and case ignored, ranked, drafts never found."""

import pytest
from django.db import connection

from config.search import add_excerpts, search
from partners.publishing.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db


def kinds_and_titles(hits):
    return [(hit.kind, hit.record.slug) for hit in hits]


def test_accents_and_case_do_not_matter(demo):
    santé = kinds_and_titles(search("sante", "fr"))
    assert ("mission", "mission-sante-chine-2017") in santé
    assert santé == kinds_and_titles(search("SANTÉ", "fr"))
    quebec = {slug for _kind, slug in kinds_and_titles(search("Quebec", "fr"))}
    assert "entente-science-technologie-chine-1995" in quebec  # « Québec-Chine »
    assert search("sante", "en") == []  # English pages search the English text: "health"
    assert ("mission", "mission-sante-chine-2017") in kinds_and_titles(search("health", "en"))


def test_a_title_match_ranks_above_a_body_match(db):
    body = factories.AgreementFactory(
        slug="body", title_fr="Entente culturelle", summary_fr="Projets en aéronautique."
    )
    title = factories.AgreementFactory(
        slug="title", title_fr="Entente en aéronautique", summary_fr="Projets conjoints."
    )
    assert [hit.record for hit in search("aeronautique", "fr")] == [title, body]


def test_drafts_are_never_found(db):
    factories.AgreementFactory(
        slug="secret",
        title_fr="Entente confidentielle",
        publication_status=PublicationStatus.DRAFT,
        published_at=None,
    )
    assert search("confidentielle", "fr") == []


def test_empty_and_blank_queries_find_nothing(demo):
    assert search("", "fr") == search("   ", "fr") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full-text search")
def test_postgresql_stems_french_and_english_words(demo):
    # "ententes" (plural) finds "entente".
    assert len(search("ententes", "fr")) >= 10
    assert search("coopérations", "fr")  # plural of « coopération »
    assert search("prévention maladies", "fr")[0].record.slug == (
        "protocole-prevention-controle-maladies-2017"
    )
    hit = add_excerpts(search("pharmaceutiques", "fr")[:1], "pharmaceutiques", "fr")[0]
    assert hit.record.slug == "entente-science-technologie-chine-1995"
    assert "<mark>pharmaceutiques</mark>" in hit.excerpt
