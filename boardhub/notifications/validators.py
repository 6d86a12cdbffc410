"""Phone numbers and postcodes in the forms GOV.UK Notify accepts, with kind messages.

Notify sends text messages to UK mobile numbers (07…, +44 7…) and letters to addresses whose
last line is a real UK postcode. Checking both where people type them means a wrong number is
caught while the person (or the officer on the phone with them) is still there.
"""

import re

from django.core.exceptions import ValidationError

PHONE_PUNCTUATION = re.compile(r"[\s\-().]")
UK_NUMBER = re.compile(r"^0[1-9]\d{8,9}$")
UK_MOBILE = re.compile(r"^07\d{9}$")
POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$")


def uk_national_number(value):
    """'07700 900 123', '+44 7700 900123' or '0044…' as '07700900123'; '' if it is not one."""
    digits = PHONE_PUNCTUATION.sub("", value or "")
    for prefix in ("+44", "0044", "44"):
        if digits.startswith(prefix) and len(digits) > 10:
            digits = "0" + digits[len(prefix) :].removeprefix("0")
            break
    return digits if UK_NUMBER.match(digits) else ""


def normalise_phone(value):
    """A UK phone number as Notify and officers read it: '07700 900123'. Raises
    ValidationError with a plain message when it is not a UK phone number."""
    number = uk_national_number(value)
    if not number:
        raise ValidationError(
            "Enter a UK phone number, like 01632 960 001 or 07700 900 982",
            code="invalid_phone",
        )
    return f"{number[:5]} {number[5:]}"


def normalise_mobile(value):
    """A UK mobile number for text messages: '07700 900123'. Raises ValidationError when it is
    not a mobile number."""
    number = uk_national_number(value)
    if not UK_MOBILE.match(number):
        raise ValidationError(
            "Enter a UK mobile number for text messages, like 07700 900 982",
            code="invalid_mobile",
        )
    return f"{number[:5]} {number[5:]}"


def normalise_postcode(value):
    """'ab1 2cd' or 'AB12CD' as 'AB1 2CD'. Raises ValidationError when it is not a postcode."""
    compact = re.sub(r"\s+", "", (value or "").upper())
    match = POSTCODE.match(compact)
    if not match:
        raise ValidationError("Enter a real postcode, like LA1 1AA", code="invalid_postcode")
    return f"{match.group(1)} {match.group(2)}"
