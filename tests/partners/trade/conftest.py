from pathlib import Path

import pytest
from django.db import connection

from partners.trade.importing.writers import GenericWriter, PostgresWriter

FILES = Path(__file__).parent / "files"


@pytest.fixture(params=["generic", "postgres"])
def writer(request, db):
    """Both writers go through the same tests; PostgreSQL's only where the database is one."""
    if request.param == "postgres":
        if connection.vendor != "postgresql":
            pytest.skip("the COPY writer needs PostgreSQL")
        return PostgresWriter
    return GenericWriter


@pytest.fixture
def countries(reference_countries):
    """The ISO 3166-1 reference partners (China, Germany, South Korea...)."""
