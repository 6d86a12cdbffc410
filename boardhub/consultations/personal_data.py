"""What consultations hold about a person, for the privacy registry
(boardhub/privacy/registry.py): what they can download and what happens to it when they delete
their account. Imported from ConsultationsConfig.ready().

Headings and purposes are what members read on the "Your data" summary page.
"""

from boardhub.privacy.erasure import COUNCIL_RECORD
from boardhub.privacy.registry import Erase, field_item, item, register

from .models import answers_in_words

# Apps above consultations hold more about each response (feedback: how an officer recorded
# one gathered off-line). Each adds a function from its ready(): given the person's responses
# (a queryset), {feedback pk: [items]} to add to each one's record, in a bounded number of
# queries.
feedback_details = []


def export_feedback(rows):
    records = []
    more = {}
    for details in feedback_details:
        for pk, items in details(rows).items():
            more.setdefault(pk, []).extend(items)
    for feedback in rows.select_related("page"):
        consultation = feedback.page.specific
        record = [
            item("consultation", "Consultation", consultation.title),
            field_item(feedback, "reference", "Reference number"),
            field_item(feedback, "status", "What has happened to it"),
            field_item(feedback, "submit_time", "Sent on"),
            field_item(feedback, "channel", "How it reached us"),
            *more.get(feedback.pk, []),
        ]
        record += [
            item(f"answer_{number}", question, answer)
            for number, (question, answer) in enumerate(
                feedback.get_answers(consultation.get_form_fields()), start=1
            )
        ]
        records.append(record)
    return records


register(
    "consultations.Feedback",
    "member",
    heading="Your answers to consultations",
    purpose="So that the council hears your views, and you can follow what happens to them.",
    export=export_feedback,
    erase=Erase.KEEP,
    reason="Your views stay, as from a former board member, because they helped shape council "
    "services.",
)

register(
    "consultations.FormatRequest",
    "member",
    heading="Consultations you asked for in another format",
    purpose="So that we can send you consultations in a format that works for you.",
    export=lambda rows: [
        [
            item("consultation", "Consultation", row.consultation.title),
            field_item(row, "format", "Format you asked for"),
            field_item(row, "contact_details", "How to get it to you"),
            field_item(row, "created_at", "Asked on"),
            field_item(row, "status", "What happened"),
            field_item(row, "reason", "Why it could not be done"),
        ]
        for row in rows.select_related("consultation")
    ],
    erase=Erase.DELETE,
)

register(
    "consultations.FormatRequest",
    "handled_by",
    heading="Requests for another format you handled",
    purpose="Officers send consultations in other formats and tell the person.",
    # Not the person's details: that is their data, not yours.
    export=("handled_at", "status"),
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)

register(
    "consultations.ConsultationAnnouncement",
    "member",
    heading="Consultations we told you about",
    purpose="So that we tell you about each new consultation you can answer once only.",
    export=lambda rows: [
        [
            item("consultation", "Consultation", row.consultation.title),
            field_item(row, "told_at", "Told on"),
        ]
        for row in rows.select_related("consultation")
    ],
    erase=Erase.DELETE,
)


def export_feedback_drafts(rows):
    records = []
    for draft in rows.select_related("consultation"):
        consultation = draft.consultation
        record = [
            item("consultation", "Consultation", consultation.title),
            field_item(draft, "updated_at", "Saved on"),
        ]
        record += [
            item(f"answer_{number}", question, answer)
            for number, (question, answer) in enumerate(
                answers_in_words(consultation.get_form_fields(), draft.answers), start=1
            )
        ]
        records.append(record)
    return records


register(
    "consultations.FeedbackDraft",
    "member",
    heading="Answers you saved to finish later",
    purpose="So that you can come back and finish answering a consultation. Nobody else sees "
    "them, and they are not sent until you send them.",
    export=export_feedback_drafts,
    erase=Erase.DELETE,
)
