"""Where the project keeps a faster copy of a framework piece, it writes exactly what the
original writes, in both languages: the `<select>` (partners.publishing.widgets.Select) and
`date_format` (partners.publishing.models). Figures come from Babel's CLDR patterns."""

import datetime
from decimal import Decimal
from http import HTTPStatus

import pytest
from django import forms
from django.utils import formats, translation
from hypothesis import given, settings
from hypothesis import strategies as st

from partners.publishing import widgets
from partners.publishing.models import date_format
from partners.templatetags.public import money, money_full, number, percent, signed_percent

# Texts that HTML must escape, accents, and plain words.
texts = st.text(alphabet=st.sampled_from("ab É<>&\"'é1"), max_size=6)
values = st.one_of(texts, st.integers(-5, 500))
options = st.lists(st.tuples(values, texts), max_size=5)
groups = st.tuples(texts.filter(bool), options)
choices = st.lists(st.one_of(st.tuples(values, texts), groups), max_size=6)


def as_lists(drawn):
    """A group's options as a list (how a form declares a group of choices)."""
    return [
        (value, list(label)) if isinstance(label, tuple) else (value, label)
        for value, label in drawn
    ]


def chosen_values(draw_choices):
    flat = []
    for value, label in draw_choices:
        if isinstance(label, list):
            flat.extend(str(v) for v, _ in label)
        else:
            flat.append(str(value))
    return flat


@settings(max_examples=300, deadline=None)
@given(choices=choices, data=st.data(), required=st.booleans())
def test_the_select_writes_what_djangos_select_writes(choices, data, required):
    choices = as_lists(choices)
    known = chosen_values(choices)
    value = data.draw(st.one_of(st.none(), st.sampled_from(known or ["x"]), texts))
    # As a bound field passes them: not in alphabetical order, with booleans among them.
    attrs = {"required": required, "aria-describedby": "id_partner_helptext", "id": "id_partner"}
    attrs["class"] = 'a"b'

    ours = widgets.Select(choices=choices).render("partner", value, attrs)
    django = forms.Select(choices=choices).render("partner", value, attrs)
    assert ours == django


@settings(max_examples=300, deadline=None)
@given(choices=choices, data=st.data())
def test_the_multiple_select_writes_what_djangos_writes(choices, data):
    choices = as_lists(choices)
    known = chosen_values(choices) or ["x"]
    value = data.draw(st.lists(st.one_of(st.sampled_from(known), texts), max_size=4))
    attrs = {"required": True, "id": "id_p", "aria-describedby": "id_p_helptext"}
    ours = widgets.SelectMultiple(choices=choices).render("partner", value, attrs)
    django = forms.SelectMultiple(choices=choices).render("partner", value, attrs)
    assert ours == django


def test_a_select_of_the_pages_escapes_and_selects_as_django_does():
    choices = [
        ("", "---------"),
        ("cn", "Chine"),
        ("a&b", "<b>Corée</b>"),
        ("Amériques", [("us", "États-Unis"), ("us-ny", "État de New York")]),
    ]
    ours = widgets.Select(choices=choices).render("partner", "us-ny")
    assert ours == forms.Select(choices=choices).render("partner", "us-ny")
    assert ours == (
        '<select name="partner">'
        '\n  <option value="">---------</option>\n'
        '\n  <option value="cn">Chine</option>\n'
        '\n  <option value="a&amp;b">&lt;b&gt;Corée&lt;/b&gt;</option>\n'
        '\n  <optgroup label="Amériques">'
        '\n  <option value="us">États-Unis</option>\n'
        '\n  <option value="us-ny" selected>État de New York</option>\n'
        "\n  </optgroup>"
        "\n</select>"
    )


def test_the_inputs_are_djangos_own():
    assert widgets.TextInput is forms.TextInput
    assert widgets.NumberInput is forms.NumberInput


dates = st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31))


@settings(max_examples=500, deadline=None)
@given(
    value=dates,
    language=st.sampled_from(["fr", "en"]),
    format_name=st.sampled_from(["DATE_FORMAT", "YEAR_MONTH_FORMAT", "SHORT_DATE_FORMAT"]),
)
def test_date_format_writes_what_djangos_writes(value, language, format_name):
    with translation.override(language):
        assert date_format(value, format_name) == djangos_but_first(value, format_name, language)


def djangos_but_first(value, format_name, language):
    """What Django writes, but the first of the month as French writes it ("1er juillet")."""
    text = formats.date_format(value, format_name)
    if language == "fr" and value.day == 1 and format_name == "DATE_FORMAT":
        return text.replace("1 ", "1er ", 1)
    return text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_date_format_on_every_first_and_last_of_the_month(language):
    with translation.override(language):
        for year in (1999, 2000, 2017, 2024):
            for month in range(1, 13):
                first = datetime.date(year, month, 1)
                last = (first + datetime.timedelta(days=31)).replace(day=1)
                last -= datetime.timedelta(days=1)
                for day in (first, last):
                    for name in ("DATE_FORMAT", "YEAR_MONTH_FORMAT"):
                        assert date_format(day, name) == djangos_but_first(day, name, language)


def test_dates_read_as_each_language_writes_them():
    day = datetime.date(2017, 9, 2)
    with translation.override("fr"):
        assert date_format(day) == "2 septembre 2017"
        assert date_format(datetime.date(2017, 7, 1)) == "1er juillet 2017"
        assert date_format(day, "YEAR_MONTH_FORMAT") == "septembre 2017"
    with translation.override("en"):
        assert date_format(day) == "September 2, 2017"
        assert date_format(day, "YEAR_MONTH_FORMAT") == "September 2017"
        assert date_format(datetime.date(2017, 7, 1)) == "July 1, 2017"


# Figures: CLDR's patterns for fr_CA and en_CA, through Babel. Rounding is half to even.
NBSP = "\u00a0"
FIGURES = [
    (number, (Decimal("1807"),), f"1{NBSP}807", "1,807"),
    (number, (Decimal("-1807.5"),), f"\u22121{NBSP}808", "\u22121,808"),
    (number, (Decimal("2.5"),), "2", "2"),
    (number, (Decimal("1234.5678"), 2), f"1{NBSP}234,57", "1,234.57"),
    (number, ("abc",), "—", "—"),
    (money, (Decimal("13800000000"),), f"13,8{NBSP}G$", "$13.8 billion"),
    (money, (Decimal("-13800000000"),), f"\u221213,8{NBSP}G$", "\u2212$13.8 billion"),
    (money, (Decimal("14000000000"),), f"14,0{NBSP}G$", "$14.0 billion"),
    (money, (Decimal("429000000"),), f"429,0{NBSP}M$", "$429.0 million"),
    (money, (Decimal("99960000"),), f"100,0{NBSP}M$", "$100.0 million"),
    (money, (Decimal("999999"),), f"999{NBSP}999{NBSP}$", "$999,999"),
    (money, (None,), "—", "—"),
    (
        money_full,
        (Decimal("3000000000"),),
        f"3{NBSP}000{NBSP}000{NBSP}000{NBSP}$",
        "$3,000,000,000",
    ),
    (money_full, (Decimal("-1500.5"),), f"\u22121{NBSP}500{NBSP}$", "\u2212$1,500"),
    (percent, (Decimal("0.031"),), f"3,1{NBSP}%", "3.1%"),
    (percent, (Decimal("0.031"), 0), f"3{NBSP}%", "3%"),
    (percent, (Decimal("-0.0125"),), f"\u22121,2{NBSP}%", "\u22121.2%"),
    (percent, (Decimal("12.5"),), f"1{NBSP}250,0{NBSP}%", "1,250.0%"),
    (signed_percent, (Decimal("0.031"),), f"+3,1{NBSP}%", "+3.1%"),
    (signed_percent, (Decimal("-0.031"),), f"\u22123,1{NBSP}%", "\u22123.1%"),
    (money, (Decimal("3000000000"),), f"3,0{NBSP}G$", "$3.0 billion"),
    (money, (Decimal("-7800000000"),), f"\u22127,8{NBSP}G$", "\u2212$7.8 billion"),
]


@pytest.mark.parametrize(("function", "args", "french", "english"), FIGURES)
def test_figures_read_as_each_language_writes_them(function, args, french, english):
    with translation.override("fr"):
        assert function(*args) == french
    with translation.override("en"):
        assert function(*args) == english


@pytest.mark.django_db
def test_an_applied_filter_reads_as_each_language_writes_it(demo, client):
    french = client.get("/fr/ententes/", {"partner": "cn"})
    assert french.status_code == HTTPStatus.OK
    assert f"Partenaire{NBSP}: Chine <span" in french.content.decode()
    english = client.get("/en/agreements/", {"partner": "cn"})
    assert "Partner: China <span" in english.content.decode()
