"""Reminders to the members coming to a meeting, a week and a day before it, each through the
member's own channel (boardhub.notifications), with the venue's accessibility facts, the
support they asked for and what to bring.

`send_reminders()` runs every day (manage.py send_meeting_reminders, a systemd timer). It is
safe to run again: each reminder has a dedupe key, so nobody is reminded twice of the same
meeting for the same day, and a run that is late or missed one day is caught up while the
meeting is still ahead.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from boardhub.core.links import absolute_url
from boardhub.notifications.models import Notification
from boardhub.notifications.recipients import Recipient
from boardhub.notifications.sending import send

from .models import COMING, RSVP, AttendanceMode

REMINDER = "meeting_reminder"
DAYS_BEFORE = (7, 1)
WHAT_TO_BRING = {
    AttendanceMode.IN_PERSON: (
        "your papers, any medicines you need during the day, and your glasses or hearing aids."
    ),
    AttendanceMode.ONLINE: (
        "a phone, tablet or computer with the sound on. The link to join is on the meeting's "
        "page when you sign in."
    ),
}


def reminder_key(rsvp, days):
    return f"{REMINDER}:{rsvp.meeting_id}:{rsvp.member_id}:{days}"


def when_in_words(meeting):
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    day = date_format(start, "l j F Y")
    return f"{day}, {date_format(start, 'g:i A')} to {date_format(end, 'g:i A')}"


def reminder_context(rsvp, days):
    meeting = rsvp.meeting
    coming_in_person = rsvp.answer == "in_person"
    venue = meeting.venue if coming_in_person else None
    context = {
        "name": rsvp.member.get_full_name(),
        "title": meeting.title,
        "days": days,
        "when": when_in_words(meeting),
        "answer": rsvp.get_answer_display().lower(),
        "support": [
            request.in_words + (" (arranged)" if request.arranged else "")
            for request in rsvp.support_requests.all()
        ],
        "what_to_bring": WHAT_TO_BRING[
            AttendanceMode.IN_PERSON if coming_in_person else AttendanceMode.ONLINE
        ],
        "link": absolute_url(meeting.url),
        "member": True,
    }
    if venue is not None:
        context.update(
            venue=venue.name,
            address=f"{venue.address}\n{venue.postcode}",
            how_to_get_there=venue.how_to_get_there,
            access=[words for __, __, words in venue.access_facts()],
            contact=f"{venue.contact_on_the_day} ({venue.contact_phone})",
        )
    return context


def due_reminders(now=None):
    """(rsvp, days) for every reminder due now: members coming to a live meeting that starts
    within `days` days (and has not started), for each of DAYS_BEFORE."""
    now = now or timezone.now()
    due = []
    for days in DAYS_BEFORE:
        rsvps = (
            RSVP.objects.filter(
                answer__in=COMING,
                member__isnull=False,
                member__is_active=True,
                meeting__live=True,
                meeting__starts_at__gt=now,
                meeting__starts_at__lte=now + timedelta(days=days),
            )
            .select_related("meeting__venue", "member__profile")
            .prefetch_related("support_requests")
        )
        if days != max(DAYS_BEFORE):
            due.extend((rsvp, days) for rsvp in rsvps)
            continue
        # The week-before reminder is not sent once the day-before one is due.
        later = now + timedelta(days=min(DAYS_BEFORE))
        due.extend((rsvp, days) for rsvp in rsvps if rsvp.meeting.starts_at > later)
    return due


def send_reminders(now=None):
    """Send every reminder due and not yet sent; how many were sent."""
    due = due_reminders(now)
    keys = [reminder_key(rsvp, days) for rsvp, days in due]
    already = set(
        Notification.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True)
    )
    sent = 0
    for (rsvp, days), key in zip(due, keys, strict=True):
        if key in already:
            continue
        with transaction.atomic():  # each queued when its own row commits
            row = send(
                Recipient.for_member(rsvp.member),
                REMINDER,
                reminder_context(rsvp, days),
                about=rsvp,
                dedupe_key=key,
            )
        sent += row is not None
    return sent


def sample_reminder():
    """Made-up details for the officers' preview: nobody's meeting, nobody's needs."""
    return {
        "name": "Sam",
        "title": "Board meeting: getting about in Larkfield",
        "days": 7,
        "when": "Thursday 14 January 2027, 10:00 AM to 12:30 PM",
        "answer": "yes, in person",
        "venue": "Brookside community hub, main hall",
        "address": "12 Brookside Road\nLarkfield\nLA1 2BB",
        "how_to_get_there": "Bus 14 stops outside. Blue badge parking by the main door.",
        "access": [
            "There is a step-free way in.",
            "There is an accessible toilet.",
            "There is a hearing loop in the meeting room.",
        ],
        "contact": "the board team (01632 960000)",
        "support": ["A British Sign Language (BSL) interpreter (arranged)", "Papers in easy read"],
        "what_to_bring": WHAT_TO_BRING[AttendanceMode.IN_PERSON],
        "link": absolute_url("/meetings/getting-about-in-larkfield/"),
        "member": True,
    }
