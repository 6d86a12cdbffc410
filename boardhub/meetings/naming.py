"""Public minutes name organisations and roles, never board members, unless the member agreed.

Officers write the minutes, so the rule is checked when a public meeting's page is saved: a
board member's full name in the minutes, the easy read summary or the decisions is refused
unless that member said, when answering "Are you coming?", that they may be named.
Members-only meetings are not checked: their pages are only for members.
"""

import html
import re

from django.contrib.auth import get_user_model
from django.utils.html import strip_tags

from boardhub.members.models import OFFICERS

from .models.rsvps import RSVP


def public_words(meeting):
    """What officers typed that a public meeting page shows after the meeting, by field."""
    return {
        "minutes": html.unescape(strip_tags(meeting.minutes or "")),
        "easy_read_summary": meeting.easy_read_summary or "",
        "decisions": " ".join(str(block.value) for block in meeting.decisions or []),
    }


def members_who_may_be_named(meeting):
    if not meeting.pk:
        return RSVP.objects.none()
    return RSVP.objects.filter(meeting=meeting, may_be_named=True, member__isnull=False)


def board_member_names(meeting):
    """The full names of board members (not officers: anyone who may use the admin) who have
    not agreed to be named in this meeting's public minutes."""
    agreed = members_who_may_be_named(meeting).values("member")
    members = (
        get_user_model()
        .objects.exclude(OFFICERS)
        .exclude(first_name="")
        .exclude(last_name="")
        .exclude(pk__in=agreed)
    )
    return {
        " ".join(f"{first} {last}".split())
        for first, last in members.values_list("first_name", "last_name")
    }


def names_in(text, names):
    words = " ".join(text.split()).casefold()
    found = (name for name in names if re.search(rf"\b{re.escape(name.casefold())}\b", words))
    return sorted(found)


def naming_errors(meeting):
    """{field: why it cannot be saved as written} for each field that names a board member
    without their agreement; empty when none does."""
    words = {field: text for field, text in public_words(meeting).items() if text.strip()}
    if not words:
        return {}
    names = board_member_names(meeting)
    errors = {}
    for field, text in words.items():
        if found := names_in(text, names):
            errors[field] = refusal(found)
    return errors


def refusal(names):
    who = (
        f"{names[0]}, a board member who has"
        if len(names) == 1
        else f"{', '.join(names[:-1])} and {names[-1]}, board members who have"
    )
    return (
        f"This names {who} not agreed to be named in public. Write their role instead, for "
        "example 'a board member', or ask them to agree when they answer 'Are you coming?'."
    )
