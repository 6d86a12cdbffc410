"""Phone numbers and postcodes in the forms GOV.UK Notify accepts, with kind messages.

Notify sends text messages to UK mobile numbers (07…, +44 7…) and letters to addresses whose
last line is a real UK postcode. Checking both where people type them means a wrong number is
caught while the person (or the officer on the phone with them) is still there.
"""

import re

from django.core.exceptions import ValidationError

from .choices import ReplyBy

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


# What each way of hearing back needs, by the names every form gives its boxes, and how each
# is tidied into the form Notify takes.
DETAILS_NEEDED = {
    ReplyBy.TEXT: ("phone",),
    ReplyBy.PHONE: ("phone",),
    ReplyBy.EMAIL: ("email",),
    ReplyBy.POST: ("postal_address", "postcode"),
    ReplyBy.SUPPORTER: ("supporter_contact",),
}
TIDY = {
    ReplyBy.TEXT: {"phone": normalise_mobile},
    ReplyBy.PHONE: {"phone": normalise_phone},
    ReplyBy.POST: {"postcode": normalise_postcode},
}


def check_reply_details(form, data, reply_by, missing):
    """Check that `data` (a form's cleaned data) holds what `reply_by` needs: an error on each
    empty box, in the form's own words (`missing`: box name -> message), and each number or
    postcode it needs tidied in `data`, or an error on its box when it is not one."""
    for name in DETAILS_NEEDED.get(reply_by, ()):
        if name in form.errors:
            continue
        value = (data.get(name) or "").strip()
        if not value:
            form.add_error(name, missing[name])
            continue
        tidy = TIDY.get(reply_by, {}).get(name)
        if tidy is not None:
            try:
                data[name] = tidy(value)
            except ValidationError as error:
                form.add_error(name, error)
