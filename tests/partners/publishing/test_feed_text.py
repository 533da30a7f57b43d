"""Atom summaries are text: markup typed by staff reaches feed readers as characters, not HTML
(issue 16, item 5)."""

import xml.etree.ElementTree as ET

import pytest

from tests import factories

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
TYPED = 'Santé <b>et</b> <img src=x onerror="alert(1)"> R&D'


@pytest.mark.parametrize("address", ["/en/agreements/feed/", "/fr/ententes/fil/"])
def test_a_summary_with_markup_is_sent_as_text(client, address):
    factories.AgreementFactory(slug="markup", summary_fr=TYPED, summary_en=TYPED)
    response = client.get(address)
    (summary,) = ET.fromstring(response.content).iter(f"{ATOM}summary")
    assert summary.get("type") == "text"
    assert summary.text == TYPED
    # Escaped once, as XML text: no element, and no second escaping either.
    body = response.content.decode()
    assert "&lt;b&gt;et&lt;/b&gt;" in body
    assert "&amp;lt;" not in body
    assert 'type="html"' not in body
