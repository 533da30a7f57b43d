"""reading.csv_rows splits lines without quotes itself; it must read every file exactly as
csv.reader over _bounded_lines does (the rows, their line numbers, and the same refusals)."""

import csv
import dataclasses
import io

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from partners.trade.importing import limits as bounds
from partners.trade.importing import reading

pytestmark = pytest.mark.english

# Delimiters, quotes, every kind of line break, spaces, a letter, an accent, a digit.
TEXT = st.text(alphabet=';,\t"\r\n a\u00e9\u00a01', max_size=80)


def reference(text, delimiter, limit):
    """What the import read before csv_rows: csv.reader over the bounded lines."""
    reader = csv.reader(reading._bounded_lines(text, limit), delimiter=delimiter)
    line = 0
    try:
        for cells in reader:
            line += 1
            if "".join(cells).strip():
                yield line, cells
    except csv.Error as error:
        raise reading.FileProblem(
            f"Line {line + 1} cannot be read as CSV ({error}).", line + 1
        ) from error


def outcome(rows_of, content, delimiter, limit):
    rows = []
    try:
        for row in rows_of(io.StringIO(content, newline=""), delimiter, limit):
            rows.append(row)
    except reading.FileProblem as problem:
        return rows, (problem.line, problem.message)
    return rows, None


def small_limit(line_chars):
    return dataclasses.replace(bounds.limits(), line_chars=line_chars)


@settings(max_examples=400, deadline=None)
@given(TEXT, st.sampled_from([";", ",", "\t"]), st.sampled_from([4, 12, 131072]))
@example('a;"b\r\nc";d\r\ne;f', ";", 131072)
@example('a;"b\nc', ";", 131072)
@example("\r\n\r\na;b\r", ";", 131072)
@example('"a""b";c\nx;y', ";", 131072)
@example('ab;c\n"abcdefgh\nijklmnop"', ";", 12)
@example('a"b;c\r\n', ";", 131072)
def test_csv_rows_reads_what_csv_reader_reads(content, delimiter, line_chars):
    limit = small_limit(line_chars)
    assert outcome(reading.csv_rows, content, delimiter, limit) == outcome(
        reference, content, delimiter, limit
    )


def test_a_quoted_cell_over_three_lines_is_one_row():
    content = 'Année;Produit\r\n2016;"Bois,\r\nscié\r\net raboté"\r\n2017;Pâtes\r\n'
    rows = list(reading.csv_rows(io.StringIO(content, newline=""), ";", bounds.limits()))
    assert rows == [
        (1, ["Année", "Produit"]),
        (2, ["2016", "Bois,\r\nscié\r\net raboté"]),
        (3, ["2017", "Pâtes"]),
    ]


def test_a_line_too_long_inside_a_quoted_cell_is_named_by_its_physical_line():
    content = 'a;b\n"1\n22222222222222\n3";c\n'
    with pytest.raises(reading.FileProblem) as raised:
        list(reading.csv_rows(io.StringIO(content, newline=""), ";", small_limit(10)))
    assert raised.value.line == 3
    assert raised.value.message == str(bounds.line_too_long(3, small_limit(10)))
