"""What joining holds about a person, for the privacy registry (boardhub/privacy/registry.py):
what they can download and what happens to it when they delete their account. Imported from
JoiningConfig.ready().

Headings and purposes are what members read on the "Your data" summary page.
"""

from boardhub.privacy.erasure import COUNCIL_RECORD
from boardhub.privacy.registry import Erase, field_item, item, register

EQUALITY_LABELS = {
    "age_band": "Your age group",
    "sex": "Your sex",
    "ethnic_group": "Your ethnic group",
    "disability": "Disability",
    "unpaid_carer": "Unpaid care",
}


def _name(chosen):
    return str(chosen) if chosen is not None else ""


def equality_items(application):
    """The equality questions the person answered when they applied, if they agreed."""
    if application.equality_consented_at is None:
        return []
    return [
        field_item(application, "equality_consented_at", "You agreed we could count these on"),
        *(field_item(application, name, label) for name, label in EQUALITY_LABELS.items()),
    ]


def export_invitation(rows):
    records = []
    for invitation in rows:
        record = [
            field_item(invitation, "name", "Your name when we invited you"),
            field_item(invitation, "email", "The email address we sent it to"),
            field_item(invitation, "created_at", "Sent on"),
            field_item(invitation, "accepted_at", "You made your account on"),
        ]
        application = invitation.application
        if application is not None:
            record += [
                field_item(application, "created_at", "You asked to join on"),
                field_item(application, "phone", "Your phone number"),
                field_item(application, "contact_method", "How you wanted us to contact you"),
                field_item(application, "lived_experience", "What you bring to the board"),
                field_item(application, "support_needs", "Support you need to take part"),
                field_item(application, "formats", "Formats that work for you"),
                item("heard_from", "How you heard about the board", _name(application.heard_from)),
                item(
                    "outreach_event",
                    "The event you heard about it at",
                    _name(application.outreach_event),
                ),
                field_item(application, "heard_about", "Where you heard about the board"),
                *equality_items(application),
            ]
        records.append(record)
    return records


def anonymise_invitation(rows, user):
    """The invitation stays, to show an officer sent it; the person's details and their
    application to join go."""
    for invitation in rows:
        if invitation.application is not None:
            invitation.application.delete()
        invitation.name = ""
        invitation.email = "deleted@invalid"
        invitation.application = None
        invitation.save(update_fields=["name", "email", "application"])


register(
    "joining.Invitation",
    "accepted_by",
    heading="Your invitation to join the board",
    purpose="So that we know how you joined the board.",
    export=export_invitation,
    erase=Erase.ANONYMISE,
    anonymise=anonymise_invitation,
)

register(
    "joining.Invitation",
    "created_by",
    heading="Invitations you sent",
    purpose="Officers invite people to join the board.",
    # Not the names of the people invited: that is their data, not yours.
    export=("created_at",),
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)

register(
    "joining.Application",
    "reviewed_by",
    heading="Applications you decided on",
    purpose="Officers decide who joins the board.",
    export=("reviewed_at", "status"),
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)
