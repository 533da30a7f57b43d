"""The migrations that give agreements, missions and sectors a slug per language, forward and
back, on records as they stood before (one slug: French for agreements and missions, an English
code for sectors)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("partners", "0009_merge_pending_versions_and_words"),
    ("agreements", "0007_h5_document_text"),
    ("missions", "0004_search_documents"),
]
AFTER = [
    ("partners", "0011_h1_slug_unique"),
    ("agreements", "0009_h1_slug_unique"),
    ("missions", "0006_h1_slug_unique"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before(transactional_db):
    apps = migrate(BEFORE)
    yield apps
    migrate(executor_leaf_nodes())


def executor_leaf_nodes():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_slugs_are_derived_forward_and_restored_backward(before):
    sector = before.get_model("partners", "Sector")
    agreement = before.get_model("agreements", "Agreement")
    mission = before.get_model("missions", "Mission")
    sector.objects.create(name="Santé", name_fr="Santé", name_en="Health", slug="health")
    for slug, title_en in [
        ("entente-education-chine-1980", "Agreement in the field of education, Québec\u2013China"),
        ("entente-bis", "Agreement in the field of education, Québec\u2013China"),
        ("entente-sans-anglais", ""),
        ("entente-apostrophe", "Québec's agreement"),
    ]:
        agreement.objects.create(
            title="Entente",
            title_fr="Entente Québec-Chine",
            title_en=title_en,
            slug=slug,
            signed_on_precision="unknown",
        )
    mission.objects.create(
        title="Mission",
        title_fr="Mission en Chine",
        title_en="Mission to China (2017)",
        slug="mission-sante-chine-2017",
        ministry="Santé",
        start_date=datetime.date(2017, 9, 2),
        end_date=datetime.date(2017, 9, 10),
        original_language="fr",
    )

    after = migrate(AFTER)
    agreements = after.get_model("agreements", "Agreement").objects.order_by("pk")
    assert list(agreements.values_list("slug_fr", "slug_en")) == [
        ("entente-education-chine-1980", "agreement-in-the-field-of-education-quebec-china"),
        ("entente-bis", "agreement-in-the-field-of-education-quebec-china-2"),
        ("entente-sans-anglais", "entente-quebec-chine"),
        ("entente-apostrophe", "quebecs-agreement"),
    ]
    missions = after.get_model("missions", "Mission").objects
    assert list(missions.values_list("slug_fr", "slug_en")) == [
        ("mission-sante-chine-2017", "mission-to-china-2017")
    ]
    sectors = after.get_model("partners", "Sector").objects
    assert list(sectors.values_list("slug_fr", "slug_en")) == [("sante", "health")]

    # An edit saved in English left the original column with the English slug.
    agreements.filter(slug_fr="entente-bis").update(slug="agreement-bis")
    back = migrate(BEFORE)
    assert list(
        back.get_model("agreements", "Agreement").objects.order_by("pk").values_list("slug")
    ) == [
        ("entente-education-chine-1980",),
        ("entente-bis",),
        ("entente-sans-anglais",),
        ("entente-apostrophe",),
    ]
    assert list(back.get_model("partners", "Sector").objects.values_list("slug")) == [("health",)]
