"""What privacy itself knows links data to a person: their account and profile (members),
signing in (allauth), the record that an account was deleted, and what Wagtail's admin holds
about officers. Each app above privacy registers its own models in its own personal_data.py;
see registry.py for how these registrations are used.

Headings and purposes are what members read on the "Your data" summary page.
"""

from .erasure import COUNCIL_RECORD, FORMER_MEMBER, anonymise_account, unlock
from .registry import Erase, field_item, item, register

# The person's own account, shown first


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
    account=True,
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
    account=True,
)

register(
    "members.EqualityMonitoring",
    "user",
    heading="Your answers to the equality questions",
    purpose="So that we can check the board includes all kinds of people. You chose to give "
    "these answers, and you can take them back at any time.",
    export=("consented_at", "age_band", "sex", "ethnic_group", "disability", "unpaid_carer"),
    erase=Erase.DELETE,
    account=True,
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
    account=True,
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
    account=True,
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
