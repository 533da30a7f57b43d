"""modeltranslation's querysets share one class per queryset class
(partners.publishing.language.share_multilingual_queryset_classes()): the same class as
modeltranslation makes, its lookups rewritten to the page's language, a queryset pickled with
a record's prefetched rows read back the same."""

import pickle

import pytest
from django.utils import translation
from modeltranslation import manager
from modeltranslation.manager import MultilingualQuerySet

from agreements.models import Agreement, AgreementQuerySet
from partners.publishing import language
from tests import factories

pytestmark = pytest.mark.django_db


def test_every_queryset_of_a_model_has_the_one_class_modeltranslation_would_make():
    first, second = Agreement.objects.all(), Agreement.objects.published().filter(pk=1)
    assert type(first) is type(second)
    made = language._made_by_modeltranslation(AgreementQuerySet, instantiate=False)
    assert type(first).__mro__[1:] == made.__mro__[1:]
    assert type(first).__name__ == made.__name__ == "MultilingualAgreementQuerySet"
    assert manager.multilingual_queryset_factory is language.multilingual_queryset_factory


@pytest.mark.parametrize(("code", "column"), [("fr", "title_fr"), ("en", "title_en")])
def test_a_lookup_is_rewritten_to_the_pages_language(code, column):
    with translation.override(code):
        sql = str(Agreement.objects.filter(title="Eau").query)
    assert f'"agreements_agreement"."{column}" = Eau' in sql


def test_a_record_pickled_with_its_prefetched_rows_reads_back_the_same():
    china = factories.PartnerFactory(slug="cn", name_fr="Chine", name_en="China")
    factories.AgreementFactory(slug="eau", title_fr="Eau", title_en="Water", parties=[china])
    record = Agreement.objects.prefetch_related("parties").get(slug_fr="eau")
    again = pickle.loads(pickle.dumps(record))
    parties = again._prefetched_objects_cache["parties"]
    assert isinstance(parties, MultilingualQuerySet)
    assert type(parties) is type(record._prefetched_objects_cache["parties"])
    assert [(p.slug, p.name_fr, p.name_en) for p in again.parties.all()] == [
        ("cn", "Chine", "China")
    ]
