"""The demo loader's summary: each count with its own plural, in both languages."""

import pytest
from django.utils import translation


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "missions: 1 created, 0 updated; partners: 2 created, 1 updated, 1 deleted"),
        (
            "fr",
            "missions\u00a0: 1 création, 0 mise à jour; "
            "partenaires\u00a0: 2 créations, 1 mise à jour, 1 suppression",
        ),
    ],
)
def test_the_demo_summary_counts_with_plurals(language, expected):
    from config.demo.loader import LoadResult
    from missions.models import Mission
    from partners.models import Partner

    result = LoadResult()
    result.created.update({Mission: 1, Partner: 2})
    result.updated.update({Partner: 1})
    result.deleted.update({Partner: 1})
    with translation.override(language):
        assert str(result) == expected
