"""Who a message goes to and how they want it: one `Recipient` for every way in.

A member's `Recipient` comes from their profile (`Recipient.for_member`); a person an officer
recorded, or a "Tell us" visitor, gets one from what was recorded (feedback builds it from the
ReplyContact). Sending (sending.py) reads only a `Recipient`, so the channel rules live in one
place. The invariant that matters most: someone who asked to be contacted through their
supporter is never contacted directly; their own email address and phone number are not even
copied into their `Recipient`.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist, ValidationError

from boardhub.members.choices import ContactMethod, Format

from .choices import ReplyBy
from .validators import normalise_mobile, normalise_phone, normalise_postcode

POSTCODE_AT_END = re.compile(r"([A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2})\s*$")


def mobile_or_blank(value):
    try:
        return normalise_mobile(value)
    except ValidationError:
        return ""


def phone_as_given(value):
    try:
        return normalise_phone(value)
    except ValidationError:
        return (value or "").strip()


def address_lines_from(text, postcode=""):
    """A typed address as lines, postcode last: one line each, or split at commas when it is
    all on one line. The postcode, given apart or found at the end, is tidied ('la11aa' ->
    'LA1 1AA') and put on a line of its own."""
    lines = [line.strip(" ,") for line in (text or "").splitlines() if line.strip(" ,")]
    if len(lines) == 1:
        lines = [part.strip() for part in lines[0].split(",") if part.strip()]
    if not postcode and lines:
        found = POSTCODE_AT_END.search(lines[-1])
        if found:
            postcode = found.group(1)
            rest = lines[-1][: found.start()].strip(" ,")
            lines = lines[:-1] + ([rest] if rest else [])
    if postcode:
        try:
            postcode = normalise_postcode(postcode)
        except ValidationError:
            postcode = postcode.strip()
        lines = [
            line for line in lines if line.replace(" ", "").upper() != postcode.replace(" ", "")
        ]
        lines.append(postcode)
    return tuple(lines)


@dataclass(frozen=True)
class Recipient:
    reply_by: str  # a ReplyBy value
    name: str = ""
    email: str = ""
    phone: str = ""
    address_lines: tuple = ()  # postcode last
    supporter_name: str = ""
    supporter_contact: str = ""
    easy_read: bool = False
    large_print: bool = False
    user_id: int | None = None

    @classmethod
    def for_member(cls, user):
        """How to reach a member, from their profile; None when there is no way to reach them
        or they chose not to hear. Whether they want a kind of message at all (feedback
        updates, new consultations) is for the caller to ask of the profile.

        Phone: a mobile number gets text messages, any other number a call by hand. A member
        who chose text or post but left the number or address blank is emailed, at the
        address they sign in with, rather than not told at all."""
        if user is None or not getattr(user, "is_active", True):
            return None
        profile = profile_of(user)
        name = user.get_full_name() or str(user)
        method = profile.contact_method if profile else ContactMethod.EMAIL
        formats = set(profile.formats or []) if profile else set()
        common = {
            "name": name,
            "easy_read": Format.EASY_READ in formats,
            "large_print": Format.LARGE_PRINT in formats,
            "user_id": user.pk,
        }
        by_email = cls(reply_by=ReplyBy.EMAIL, email=user.email, **common) if user.email else None
        if method == ContactMethod.SUPPORTER:
            return cls(
                reply_by=ReplyBy.SUPPORTER,
                supporter_name=profile.supporter_name,
                supporter_contact=profile.supporter_contact.strip(),
                **common,
            )
        if method in (ContactMethod.PHONE, ContactMethod.TEXT):
            mobile = mobile_or_blank(profile.phone)
            if mobile:
                return cls(reply_by=ReplyBy.TEXT, phone=mobile, **common)
            if method == ContactMethod.PHONE and profile.phone.strip():
                return cls(reply_by=ReplyBy.PHONE, phone=phone_as_given(profile.phone), **common)
            return by_email
        if method == ContactMethod.POST:
            lines = address_lines_from(profile.postal_address)
            if lines:
                return cls(reply_by=ReplyBy.POST, address_lines=lines, **common)
            return by_email
        return by_email

    def how_to_contact(self):
        """The one line officers read: "By letter to 1 High Street, LA1 1AA, in large print"."""
        if self.reply_by == ReplyBy.EMAIL:
            words = f"By email to {self.email}"
        elif self.reply_by == ReplyBy.TEXT:
            words = f"By text message to {self.phone}"
        elif self.reply_by == ReplyBy.PHONE:
            words = f"By phone call to {self.phone}" if self.phone else "By phone call"
        elif self.reply_by == ReplyBy.POST:
            words = "By letter to " + ", ".join(self.address_lines)
        elif self.reply_by == ReplyBy.SUPPORTER:
            who = self.supporter_name or "their supporter"
            words = f"Through their supporter, {who}"
            if self.supporter_contact:
                words += f", at {self.supporter_contact}"
            words += ". Do not contact them directly"
        else:
            return "They do not want to hear back"
        needs = [
            need
            for need, wanted in (
                ("easy read", self.easy_read),
                ("large print", self.large_print and self.reply_by == ReplyBy.POST),
            )
            if wanted
        ]
        if needs:
            words += ", in " + " and ".join(needs)
        return words


def profile_of(user):
    """The member's profile, or None when they have none yet."""
    try:
        return user.profile
    except ObjectDoesNotExist:
        return None


def how_to_contact(recipient):
    """The officers' line for a Recipient, or for nobody to reach."""
    if recipient is None:
        return "We have no way to reach this person"
    return recipient.how_to_contact()
