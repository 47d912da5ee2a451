"""CSV cells that a spreadsheet would run as formulas are neutralised (OWASP), numbers are not."""

import pytest

from recours.core.csvsafe import csv_safe_row, safe_cell


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"])
def test_text_starting_like_a_formula_gets_a_leading_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Refus de location", "", "a=b", 12, 0, -3, None, 1.5])
def test_other_text_and_numbers_are_left_alone(value):
    assert safe_cell(value) == value


def test_rows_as_dicts_or_lists_are_neutralised_cell_by_cell():
    assert csv_safe_row({"a": "=1", "n": 4}) == {"a": "'=1", "n": 4}
    assert csv_safe_row(["@x", "y"]) == ["'@x", "y"]
