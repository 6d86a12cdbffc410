"""What meetings hold about a person, for the privacy registry (boardhub/privacy/registry.py).
Imported from MeetingsConfig.ready().

A member's answers to "Are you coming?" and the support they asked for are theirs: in their
download, and when they delete their account the answers lose the member and the support
requests their words, so the meeting's counts of who came stay right.
"""

from boardhub.privacy.erasure import COUNCIL_RECORD
from boardhub.privacy.registry import Erase, field_item, item, register


def export_rsvps(rows):
    records = []
    for row in rows.select_related("meeting").prefetch_related("support_requests"):
        support = [request.in_words for request in row.support_requests.all()]
        records.append(
            [
                item("meeting", "Meeting", row.meeting.title),
                field_item(row, "answer", "Are you coming?"),
                item("support", "Support you asked for", support, "; ".join(support) or "None"),
                field_item(row, "attended", "Came"),
                field_item(row, "may_be_named", "May be named in the public minutes"),
                field_item(row, "changed_at", "Last changed"),
            ]
        )
    return records


def forget_rsvps(rows, user):
    """Keep each answer and whether they came, for the counts; nothing that says who, or what
    support they needed."""
    from .models import SupportRequest

    SupportRequest.objects.filter(rsvp__in=rows).delete()
    rows.update(member=None, may_be_named=False)


register(
    "meetings.RSVP",
    "member",
    heading="Board meetings you answered for",
    purpose="So that we know who is coming to each meeting and can arrange the support you need.",
    export=export_rsvps,
    erase=Erase.ANONYMISE,
    anonymise=forget_rsvps,
)

register(
    "meetings.SupportRequest",
    "arranged_by",
    heading="Meeting support you arranged",
    purpose="Officers arrange the support members need to come to board meetings.",
    # Not what the member needed: that is their data, not yours.
    export=("arranged", "arranged_at"),
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)
