"""Every field that links data to a person's account: what they can download, and what happens
to it when they delete their account. See registry.py for how this list is used.

Models are named as "app_label.ModelName" and looked up only when needed, so an app that is
not installed is skipped. A new model that points at the user model must be added here:
tests/privacy/test_registry.py fails until it is.

Headings and purposes are what members read on the "Your data" summary page.
"""

from .erasure import FORMER_MEMBER, anonymise_account
from .registry import Erase, field_item, item, register

COUNCIL_RECORD = (
    "This is part of the council's record of how the website was run. It stays, but it shows "
    f'"{FORMER_MEMBER.lower()}" instead of your name.'
)


# Board members' own data


def roles_item(names):
    return item("roles", "Your roles", names, ", ".join(names) or "None")


def export_account(rows):
    return [
        [
            field_item(user, "email", "Email address"),
            field_item(user, "first_name", "First name"),
            field_item(user, "last_name", "Last name"),
            field_item(user, "display_name", "The name we use for you on the website"),
            field_item(user, "date_joined", "Account made on"),
            field_item(user, "last_login", "Last signed in on"),
            roles_item([group.name for group in user.groups.all()]),
        ]
        for user in rows
    ]


register(
    "members.User",
    "id",
    heading="Your account",
    purpose="So that you can sign in, and so that we know who you are.",
    export=export_account,  # never the password, which we only keep scrambled
    erase=Erase.ANONYMISE,
    anonymise=anonymise_account,
)

register(
    "members.MemberProfile",
    "user",
    heading="Your profile",
    purpose="So that we contact you in the way you prefer, and give you the support you need "
    "to take part.",
    export=(
        "pronouns",
        "contact_method",
        "phone",
        "postal_address",
        "supporter_name",
        "supporter_contact",
        "formats",
        "other_language",
        "communication_needs",
        "lived_experience",
        "notify_feedback_updates",
        "notify_new_consultations",
        "notify_meetings",
        "updated_at",
    ),
    erase=Erase.DELETE,
)

register(
    "members.EqualityMonitoring",
    "user",
    heading="Your answers to the equality questions",
    purpose="So that we can check the board includes all kinds of people. You chose to give "
    "these answers, and you can take them back at any time.",
    export=("consented_at", "age_band", "sex", "ethnic_group", "disability", "unpaid_carer"),
    erase=Erase.DELETE,
)

register(
    "account.EmailAddress",
    "user",
    heading="Your email addresses",
    purpose="So that you can sign in and we can send you emails.",
    export=lambda rows: [
        [
            field_item(address, "email", "Email address"),
            field_item(address, "verified", "You have confirmed it"),
            field_item(address, "primary", "It is the one we use"),
        ]
        for address in rows
    ],
    erase=Erase.DELETE,
)

TWO_FACTOR_TYPES = {
    "totp": "An authenticator app",
    "recovery_codes": "Recovery codes",
    "webauthn": "A security key",
}

register(
    "mfa.Authenticator",
    "user",
    heading="Your two-factor authentication",
    purpose="So that nobody else can sign in as you, even if they learn your password.",
    # The type and dates only: never the secret key or the recovery codes.
    export=lambda rows: [
        [
            item("type", "Type", row.type, TWO_FACTOR_TYPES.get(row.type, row.type)),
            field_item(row, "created_at", "Set up on"),
            field_item(row, "last_used_at", "Last used on"),
        ]
        for row in rows
    ],
    erase=Erase.DELETE,
)


# Joining the board


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
                field_item(application, "heard_about", "Where you heard about the board"),
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

register(
    "privacy.ErasedAccount",
    "user",
    heading="Deleted account",
    purpose="A record that an account was deleted.",
    export=None,
    erase=Erase.KEEP,
    reason="It only says that an account was deleted and when, and holds no personal data.",
)


# Wagtail's admin, which only officers use


register(
    "wagtailusers.UserProfile",
    "user",
    heading="Your settings for the officers' admin",
    purpose="So that the admin works the way you set it up.",
    export=(
        "preferred_language",
        "current_time_zone",
        "avatar",
        "theme",
        "contrast",
        "density",
        "keyboard_shortcuts",
        "submitted_notifications",
        "approved_notifications",
        "rejected_notifications",
        "updated_comments_notifications",
    ),
    erase=Erase.DELETE,
)

register(
    "wagtailcore.PageSubscription",
    "user",
    heading="Pages you get emails about",
    purpose="So that we email you when someone comments on these pages.",
    export=lambda rows: [
        [
            item("page", "Page", row.page.title),
            field_item(row, "comment_notifications", "Email me about comments"),
        ]
        for row in rows
    ],
    erase=Erase.DELETE,
)

register(
    "wagtailadmin.EditingSession",
    "user",
    heading="Pages you have open in the admin",
    purpose="So that other officers know you are editing a page.",
    export=lambda rows: [
        [
            item("what", "What", str(row.content_type)),
            field_item(row, "last_seen_at", "Last seen on"),
        ]
        for row in rows
    ],
    erase=Erase.DELETE,
)

register(
    "wagtailadmin.FormState",
    "user",
    heading="Changes you have not saved in the admin",
    purpose="So that you do not lose your work if you leave a page before saving it.",
    export=lambda rows: [
        [
            item("what", "What", str(row.content_type)),
            field_item(row, "last_updated_at", "Last changed on"),
        ]
        for row in rows
    ],
    erase=Erase.DELETE,
)

register(
    "wagtailcore.APIToken",
    "user",
    heading="Your API keys",
    purpose="So that other computer systems can work with the website on your behalf.",
    # Never the key itself (only a scrambled copy is stored).
    export=("name", "prefix", "created", "last_used_at", "revoked_at"),
    erase=Erase.DELETE,
)

register(
    "wagtailcore.UploadedFile",
    "uploaded_by_user",
    heading="Files you are part way through uploading",
    purpose="So that you can finish adding a file to the website.",
    export=("file",),
    erase=Erase.DELETE,
)

register(
    "wagtailcore.Revision",
    "user",
    heading="Changes you made to pages",
    purpose="So that officers can see who changed what on the website, and undo it.",
    export=lambda rows: [
        [
            item("what", "What you changed", row.object_str),
            field_item(row, "created_at", "When"),
        ]
        for row in rows
    ],
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)


def export_log_entries(rows):
    return [
        [
            item("what", "What", row.label),
            item("action", "What you did", row.action, row.message),
            field_item(row, "timestamp", "When"),
        ]
        for row in rows
    ]


register(
    "wagtailcore.PageLogEntry",
    "user",
    heading="What you did to pages in the admin",
    purpose="The admin keeps a history of what each officer did, so that it can be checked.",
    export=export_log_entries,
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)

register(
    "wagtailcore.ModelLogEntry",
    "user",
    heading="What else you did in the admin",
    purpose="The admin keeps a history of what each officer did, so that it can be checked.",
    export=export_log_entries,
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)

register(
    "wagtailcore.Page",
    "owner",
    heading="Pages you made",
    purpose="So that officers know who to ask about a page.",
    export=("title", "first_published_at"),
    erase=Erase.KEEP,
    reason="Pages belong to the council, and stay. They show "
    f'"{FORMER_MEMBER.lower()}" as the person who made them.',
)


def unlock(rows, user):
    rows.update(locked=False, locked_by=None, locked_at=None)


register(
    "wagtailcore.Page",
    "locked_by",
    heading="Pages you locked",
    purpose="So that nobody else changes a page while you are working on it.",
    export=("title", "locked_at"),
    erase=Erase.ANONYMISE,
    anonymise=unlock,
)

register(
    "wagtailimages.Image",
    "uploaded_by_user",
    heading="Pictures you added",
    purpose="So that officers know who added each picture.",
    export=("title", "created_at"),
    erase=Erase.KEEP,
    reason="Pictures belong to the council and may be used on pages, so they stay. They show "
    f'"{FORMER_MEMBER.lower()}" as the person who added them.',
)

register(
    "wagtaildocs.Document",
    "uploaded_by_user",
    heading="Documents you added",
    purpose="So that officers know who added each document.",
    export=("title", "created_at"),
    erase=Erase.KEEP,
    reason="Documents belong to the council and may be linked from pages, so they stay. They "
    f'show "{FORMER_MEMBER.lower()}" as the person who added them.',
)

register(
    "wagtailcore.WorkflowState",
    "requested_by",
    heading="Pages you sent for approval",
    purpose="So that officers can see who asked for a page to be checked before publishing.",
    export=lambda rows: [
        [
            item("workflow", "Approval steps", str(row.workflow)),
            field_item(row, "status", "Where it got to"),
            field_item(row, "created_at", "When"),
        ]
        for row in rows
    ],
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)

register(
    "wagtailcore.TaskState",
    "finished_by",
    heading="Pages you approved or sent back",
    purpose="So that officers can see who checked a page before it was published.",
    export=lambda rows: [
        [
            item("task", "Step", str(row.task)),
            field_item(row, "status", "Your decision"),
            field_item(row, "comment", "Your comment"),
            field_item(row, "finished_at", "When"),
        ]
        for row in rows
    ],
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)


def export_comments(rows):
    return [
        [
            item("page", "Page", row.page.title),
            field_item(row, "text", "Your comment"),
            field_item(row, "created_at", "When"),
        ]
        for row in rows
    ]


register(
    "wagtailcore.Comment",
    "user",
    heading="Your comments on pages in the admin",
    purpose="So that officers can talk about changes to a page before it is published.",
    export=export_comments,
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)

register(
    "wagtailcore.Comment",
    "resolved_by",
    heading="Comments you marked as dealt with",
    purpose="So that officers know which comments on a page are finished with.",
    export=lambda rows: [
        [
            item("page", "Page", row.page.title),
            field_item(row, "resolved_at", "When"),
        ]
        for row in rows
    ],
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)

register(
    "wagtailcore.CommentReply",
    "user",
    heading="Your replies to comments in the admin",
    purpose="So that officers can talk about changes to a page before it is published.",
    export=lambda rows: [
        [
            item("page", "Page", row.comment.page.title),
            field_item(row, "text", "Your reply"),
            field_item(row, "created_at", "When"),
        ]
        for row in rows
    ],
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)


# Consultations


def export_feedback(rows):
    records = []
    for feedback in rows.select_related("page"):
        consultation = feedback.page.specific
        record = [
            item("consultation", "Consultation", consultation.title),
            field_item(feedback, "reference", "Reference number"),
            field_item(feedback, "status", "What has happened to it"),
            field_item(feedback, "submit_time", "Sent on"),
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
        ]
        for row in rows.select_related("consultation")
    ],
    erase=Erase.DELETE,
)


def export_feedback_drafts(rows):
    from boardhub.consultations.models import answers_in_words

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


# Feedback handling (officers' records of what they did with responses)

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


# "You said, we did" (the public record of what the board changed)

register(
    "impact.ChangeRecord",
    "locked_by",
    heading="Changes (you said, we did) you locked",
    purpose="So that nobody else edits a change record while you are working on it.",
    export=("title", "locked_at"),
    erase=Erase.ANONYMISE,
    anonymise=unlock,
)

register(
    "impact.ChangeFeedbackLink",
    "linked_by",
    heading="Feedback you linked to changes",
    purpose="So that officers know who decided a response shaped a change.",
    # Not the response or the note: they are about someone else's feedback.
    export=("linked_at",),
    erase=Erase.KEEP,
    reason=COUNCIL_RECORD,
)
