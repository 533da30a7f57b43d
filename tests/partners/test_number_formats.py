"""The figures' writer (partners/templatetags/public.py `_writer`) writes what Babel's
`NumberPattern.apply` writes for the same CLDR pattern, in both languages, for every kind of
figure the pages show."""

from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from partners.templatetags.public import _locale, _pattern, _writer, money, percent

KINDS = [
    (kind, digits, optional)
    for kind in ("decimal", "percent", "currency")
    for digits in (0, 1, 2)
    for optional in (False, True)
]
AMOUNTS = st.one_of(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-(10**15), max_value=10**15
    ),
    st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-10, max_value=10),
    st.integers(min_value=-(10**12), max_value=10**12).map(Decimal),
)


def babel(language, kind, digits, optional, amount):
    pattern = _pattern(language, kind, digits, optional)
    return pattern.apply(amount, _locale(language), currency="CAD", currency_digits=False)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(("kind", "digits", "optional"), KINDS)
@settings(max_examples=300, deadline=None)
@given(amount=AMOUNTS)
def test_the_writer_writes_what_babel_writes(language, kind, digits, optional, amount):
    assert _writer(language, kind, digits, optional)(amount) == babel(
        language, kind, digits, optional, amount
    )


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(("kind", "digits", "optional"), KINDS)
@pytest.mark.parametrize(
    "amount",
    ["0", "-0", "0.05", "0.15", "0.25", "-0.25", "999.95", "1000", "-1234567.891", "1E+3", "1E-7"],
)
def test_ties_zeros_and_exponents_as_babel(language, kind, digits, optional, amount):
    amount = Decimal(amount)
    assert _writer(language, kind, digits, optional)(amount) == babel(
        language, kind, digits, optional, amount
    )


def test_the_figures_as_each_language_writes_them():
    with translation.override("fr"):
        assert money(Decimal("13849000000")) == "13,8\u00a0G$"
        assert money(Decimal("-429000000")) == "\u2212429,0\u00a0M$"
        assert money(Decimal("3000")) == "3\u00a0000\u00a0$"
        assert percent(Decimal("0.0315")) == "3,2\u00a0%"
    with translation.override("en"):
        assert money(Decimal("13849000000")) == "$13.8 billion"
        assert money(Decimal("-429000000")) == "\u2212$429.0 million"
        assert money(Decimal("3000")) == "$3,000"
        assert percent(Decimal("0.0315")) == "3.2%"
