"""What feedback handling holds about an officer (their records of what they did with
responses), for the privacy registry (boardhub/privacy/registry.py). Imported from
FeedbackConfig.ready().

Headings and purposes are what members read on the "Your data" summary page.
"""

from django.db import transaction

from boardhub.consultations.models import Feedback
from boardhub.consultations.personal_data import feedback_details
from boardhub.privacy.erasure import COUNCIL_RECORD, also_erase
from boardhub.privacy.registry import Erase, field_item, item, register

from .models import OfflineRecord, Quote, ReplyContact

register(
    "feedback.StatusChange",
    "changed_by",
    heading="Statuses you changed on feedback",
    purpose="So that people can follow what happened to their feedback, and who decided.",
    export=("from_status", "to_status", "changed_at"),
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)

register(
    "feedback.InternalNote",
    "author",
    heading="Notes you wrote about feedback",
    purpose="So that officers can share what they know about a response.",
    # Not the note's text: it is about someone else's response.
    export=("created_at",),
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)

register(
    "feedback.SafeguardingFlag",
    "flagged_by",
    heading="Feedback you flagged for safeguarding",
    purpose="So that the safeguarding team knows who raised a concern.",
    export=("flagged_at",),
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)

register(
    "feedback.SafeguardingAccess",
    "user",
    heading="Feedback flagged for safeguarding that you opened",
    purpose="We record who opens these responses, to protect the people who sent them.",
    export=("opened_at",),
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)

register(
    "feedback.OfflineRecord",
    "recorded_by",
    heading="Responses you recorded on someone's behalf",
    purpose="So that the council knows who wrote down what someone told it off-line.",
    # Not the response or the person's details: they are someone else's.
    export=("recorded_at", "gathered_on"),
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)

register(
    "feedback.Quote",
    "marked_by",
    heading="Words you marked to quote",
    purpose="So that the council knows who chose the words it quotes in its reports.",
    export=("marked_at",),
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)

register(
    "feedback.DropInSession",
    "opened_by",
    heading="Drop-in sessions you opened",
    purpose="So that the council knows who ran each session where it heard people.",
    export=("title", "place", "held_on"),
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)


# A member's own responses that an officer recorded for them: how each was gathered is in
# their download, with the rest of the response (consultations' export_feedback); the scan of
# the paper form and any contact details kept with it go when they delete their account (the
# response itself stays, as consultations registers it).


def recorded_details(responses):
    """{feedback pk: [items]}: how each of `responses` was gathered, in one query."""
    records = OfflineRecord.objects.filter(feedback__in=responses).select_related("session")
    return {
        record.feedback_id: [
            field_item(record, "gathered_on", "When it was gathered"),
            field_item(record, "gathered_where", "Where it was gathered"),
            item("session", "Drop-in session", str(record.session) if record.session else ""),
            item("supported_by", "With support from", record.supported_by),
            item(
                "scan",
                "A scan or photo of your paper form",
                bool(record.scan),
                "We keep one" if record.scan else "None",
            ),
        ]
        for record in records
    }


feedback_details.append(recorded_details)


@also_erase
def erase_recorded_details(user):
    """Take the scans, contact details and quotes off the responses of `user` (the responses
    stay). The files go once the erasure commits, so a rollback leaves every scan where it
    was."""
    responses = Feedback.objects.filter(member=user)
    ReplyContact.objects.filter(feedback__in=responses).delete()
    Quote.objects.filter(feedback__in=responses).delete()
    records = OfflineRecord.objects.filter(feedback__in=responses).exclude(scan="")
    scans = [(record.scan.storage, record.scan.name) for record in records]
    records.update(scan="")
    for storage, name in scans:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
