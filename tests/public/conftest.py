import io

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
