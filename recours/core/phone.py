"""French phone numbers as people read them: the one formatting rule (pages, mails)."""

import re


def phone_display(number: str) -> str:
    """"0261910001" -> "02 61 91 00 01"; "+33261910001" -> "+33 2 61 91 00 01"; short numbers
    (3919, 116006) grouped as they are said; anything else as written."""
    number = number or ""
    digits = re.sub(r"\D", "", number)
    if len(digits) == 10 and digits.startswith("0"):
        return " ".join(digits[i:i + 2] for i in range(0, 10, 2))
    if number.strip().startswith("+33") and len(digits) == 11:
        rest = digits[3:]
        return f"+33 {digits[2]} " + " ".join(rest[i:i + 2] for i in range(0, 8, 2))
    if len(digits) == 6:
        return f"{digits[:3]} {digits[3:]}"
    if len(digits) == 4:
        return f"{digits[:2]} {digits[2:]}"
    return number
