"""The common shapes of a value are read by a fast path; it must agree with the full rules."""

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from partners.trade.importing import rules

pytestmark = pytest.mark.english

VALUE_TEXT = st.text(alphabet="0123456789 ,.\u00a0\u202f-$()", max_size=24)


@given(VALUE_TEXT)
@example("3\u00a0000\u00a0000,5")
@example("1,234")
@example("1 234,567")
@example("00000000000000000012")
@example("12345678901234567")
def test_the_fast_path_reads_what_the_rules_read(text):
    fast = rules.plain_value(text)
    if fast is None:
        return  # left to parse_value, which accepts or refuses it
    assert Decimal(fast).quantize(rules.CENT) == rules.parse_value(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3\u00a0000\u00a0000", "3000000"),
        ("429\u202f000\u202f000,50", "429000000.50"),
        ("12,5", "12.5"),
        ("7.25", "7.25"),
        ("1 234", "1234"),
        ("1 234\u00a0567", "1234567"),
        ("0", "0"),
    ],
)
def test_common_shapes(text, value):
    assert rules.plain_value(text) == value


@pytest.mark.parametrize(
    "text", ["", "1,234", "1 23", "-5", "(5)", "5$", " 5", "12345678901234567", "1,2345", "٣"]
)
def test_other_shapes_go_to_the_full_rules(text):
    assert rules.plain_value(text) is None
