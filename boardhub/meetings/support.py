"""Officers' view of who is coming to a meeting and the support they asked for.

Support needs can be health information, so only officers with `ARRANGE_SUPPORT` (the
"Meeting organisers" group, meetings.0002) see them, each opening is written to the audit log,
and the list downloaded for the venue is formula-safe (boardhub.core.spreadsheets).
"""

from io import BytesIO

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from openpyxl import Workbook
from wagtail.log_actions import log

from boardhub.core.page_cache import forget_every_page
from boardhub.core.spreadsheets import neutralise_xlsx_cell

from .models import COMING, RSVP, SupportRequest

ARRANGE_SUPPORT = "meetings.arrange_meeting_support"
VIEWED = "boardhub.meetings.support_viewed"
EXPORTED = "boardhub.meetings.support_exported"
ARRANGED = "boardhub.meetings.support_arranged"
ATTENDANCE = "boardhub.meetings.attendance_recorded"
LOG_ACTIONS = (
    (VIEWED, "Support needs viewed", "Opened who is coming and their support needs"),
    (EXPORTED, "Support needs downloaded", "Downloaded who is coming and their support needs"),
    (ARRANGED, "Support arranged", "Ticked support as arranged (or not)"),
    (ATTENDANCE, "Attendance recorded", "Recorded which members came"),
)
NOT_STARTED = "You can record who came once the meeting has started."


def member_name(member):
    if member is None:
        return "A member who has left"
    return member.get_full_name() or member.get_short_name() or member.email


def who_is_coming(meeting):
    """The RSVPs of a meeting, coming first, each with its member and support requests."""
    return (
        RSVP.objects.filter(meeting=meeting)
        .select_related("member")
        .prefetch_related("support_requests")
        .order_by("answer", "member__first_name", "member__last_name", "pk")
    )


def counts(meeting):
    """{in_person, online, not_coming, to_arrange}: one query for the answers, one for the
    support not yet arranged."""
    answers = RSVP.objects.filter(meeting=meeting).aggregate(
        in_person=Count("pk", filter=Q(answer="in_person")),
        online=Count("pk", filter=Q(answer="online")),
        not_coming=Count("pk", filter=Q(answer="not_coming")),
    )
    answers["to_arrange"] = SupportRequest.objects.filter(
        rsvp__meeting=meeting, rsvp__answer__in=COMING, arranged=False
    ).count()
    return answers


def set_arranged(meeting, request_ids, arranged, user):
    """Tick (or untick) support requests of `meeting` as arranged, with an audit entry."""
    with transaction.atomic():
        changed = SupportRequest.objects.filter(rsvp__meeting=meeting, pk__in=request_ids)
        changed = changed.exclude(arranged=arranged)
        ids = list(changed.values_list("pk", flat=True))
        changed.update(
            arranged=arranged,
            arranged_by=user if arranged else None,
            arranged_at=timezone.now() if arranged else None,
        )
        if ids:
            log(meeting, ARRANGED, user=user, data={"requests": ids, "arranged": arranged})
    return len(ids)


def record_attendance(meeting, came, shown, user):
    """Mark the RSVPs `came` (ids) as attended and the rest of `shown` as not, with an audit
    entry. Raises ValueError(NOT_STARTED) before the meeting starts. Returns how many came."""
    if meeting.starts_at > timezone.now():
        raise ValueError(NOT_STARTED)
    with transaction.atomic():
        rsvps = RSVP.objects.filter(meeting=meeting)
        rsvps.filter(pk__in=came).update(attended=True)
        rsvps.filter(pk__in=set(shown) - set(came)).update(attended=False)
        total = rsvps.filter(attended=True).count()
        log(meeting, ATTENDANCE, user=user, data={"came": total})
        # The meeting's public page shows how many came: no cached copy may outlive this.
        forget_every_page()
    return total


def support_workbook(meeting, user):
    """The XLSX for the venue: who is coming, how, and what to arrange. Audit-logged."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Who is coming"
    sheet.append(["Name", "Coming", "Support needed", "Their words", "Arranged"])
    for rsvp in who_is_coming(meeting).filter(answer__in=COMING):
        requests = list(rsvp.support_requests.all()) or [None]
        for request in requests:
            sheet.append(
                [
                    member_name(rsvp.member),
                    rsvp.get_answer_display(),
                    request.get_need_display() if request else "",
                    request.detail if request else "",
                    ("Yes" if request.arranged else "No") if request else "",
                ]
            )
    for row in sheet.iter_rows():
        for cell in row:
            neutralise_xlsx_cell(cell)
    log(meeting, EXPORTED, user=user)
    output = BytesIO()
    book.save(output)
    return output.getvalue()
