"""Phone numbers are written as people read them, in pages and in mails."""

from recours.core.phone import phone_display


def test_a_ten_digit_number_is_grouped_by_two():
    assert phone_display("0261910005") == "02 61 91 00 05"
    assert phone_display("02.61.91.00.05") == "02 61 91 00 05"


def test_an_international_french_number_keeps_its_prefix():
    assert phone_display("+33261910005") == "+33 2 61 91 00 05"


def test_short_numbers_are_grouped_as_said():
    assert phone_display("3919") == "39 19"
    assert phone_display("116006") == "116 006"


def test_anything_else_is_left_as_written():
    assert phone_display("poste 12") == "poste 12"
    assert phone_display("") == ""
