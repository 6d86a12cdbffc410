"""What officers do to a response: change its status, tag it, note on it, flag it, download it.
Each is one transaction and is written to Wagtail's audit log. (Deleting one is in
deleting.py.)"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from wagtail import log_actions
from wagtail.models import ModelLogEntry

from boardhub.consultations.models import Feedback, FeedbackStatus

from . import notifications, safeguarding_alerts
from .models import FeedbackTheme, InternalNote, SafeguardingAccess, SafeguardingFlag, StatusChange

HANDLE_FEEDBACK = "feedback.handle_feedback"
HANDLE_SAFEGUARDING = "feedback.handle_safeguarding"
DELETE_RESPONSES = "feedback.delete_responses"

STATUS_CHANGED = "boardhub.feedback.status_changed"
VIEWED = "boardhub.feedback.viewed"
EXPORTED = "boardhub.feedback.exported"
THEME_ADDED = "boardhub.feedback.theme_added"
NOTE_ADDED = "boardhub.feedback.note_added"
FLAGGED = "boardhub.feedback.flagged_for_safeguarding"

LOG_ACTIONS = (
    (STATUS_CHANGED, "Change the status of a response", "Status changed"),
    (VIEWED, "Open a response", "Response opened"),
    (EXPORTED, "Download responses", "Response downloaded in a spreadsheet"),
    (THEME_ADDED, "Add a theme to a response", "Theme added"),
    (NOTE_ADDED, "Add an internal note to a response", "Internal note added"),
    (FLAGGED, "Flag a response for safeguarding", "Flagged for safeguarding"),
)


# Who may see what


def can_handle_feedback(user):
    return user.is_active and user.has_perm(HANDLE_FEEDBACK)


def can_handle_safeguarding(user):
    return can_handle_feedback(user) and user.has_perm(HANDLE_SAFEGUARDING)


def can_delete_feedback(user):
    """Deleting someone's words is rarer and graver than reading them: it needs the
    "Feedback deleters" group (or a superuser) on top of reading responses."""
    return can_handle_feedback(user) and user.has_perm(DELETE_RESPONSES)


def feedback_for_user(user, queryset=None):
    """The responses `user` may read: none without the feedback handler permission, and
    those flagged for safeguarding only with the safeguarding permission as well."""
    queryset = Feedback.objects.all() if queryset is None else queryset
    if not can_handle_feedback(user):
        return queryset.none()
    if not can_handle_safeguarding(user):
        queryset = queryset.filter(safeguarding_flag__isnull=True)
    return queryset


# Changing things


def change_status(feedback, to_status, by, note=""):
    """Move `feedback` to `to_status`, keep the step in its history, and log it.

    Moving to "not taken forward" needs a note: we owe the person the reason.
    """
    to_status = FeedbackStatus(to_status)
    note = (note or "").strip()
    if to_status == FeedbackStatus.NOT_TAKEN_FORWARD and not note:
        raise ValidationError(
            {
                "note": "Write the reason it is not being taken forward. "
                "The person who sent it will read this."
            }
        )
    with transaction.atomic():
        locked = Feedback.objects.select_for_update().get(pk=feedback.pk)
        if locked.status == to_status:
            raise ValidationError({"status": f"This response is already “{to_status.label}”."})
        change = StatusChange.objects.create(
            feedback=locked,
            from_status=locked.status,
            to_status=to_status,
            changed_by=by,
            note_to_author=note,
        )
        locked.status = to_status
        locked.save(update_fields=["status"])
        log_actions.log(
            locked,
            STATUS_CHANGED,
            user=by,
            data={"from": change.from_status, "to": change.to_status},
        )
        # Sent once this commits, so nobody hears of a change that was rolled back.
        notifications.tell_author_about_status_change(locked, change)
    feedback.status = to_status
    return change


def add_theme(feedback, theme, by):
    """Tag `feedback` with `theme` (once: tagging again changes nothing). True if added."""
    with transaction.atomic():
        __, created = FeedbackTheme.objects.get_or_create(feedback=feedback, theme=theme)
        if created:
            log_actions.log(feedback, THEME_ADDED, user=by, data={"theme": theme.name})
    return created


def add_note(feedback, text, by):
    with transaction.atomic():
        note = InternalNote.objects.create(feedback=feedback, author=by, text=text)
        log_actions.log(feedback, NOTE_ADDED, user=by)
    return note


def flag_for_safeguarding(feedback, reason, by):
    """Restrict `feedback` to the safeguarding group, and tell the group at once (an email
    with a link and nothing else, sent after commit). Flagging twice keeps the first flag and
    tells nobody again. `flag.people_told`: how many were told, None if it was flagged already."""
    with transaction.atomic():
        flag, created = SafeguardingFlag.objects.get_or_create(
            feedback=feedback, defaults={"flagged_by": by, "reason": reason}
        )
        flag.people_told = None
        if created:
            log_actions.log(feedback, FLAGGED, user=by)
            flag.people_told = safeguarding_alerts.tell_safeguarding_team(feedback, by)
    return flag


def record_viewing(feedback, user):
    """Write to the audit log that `user` opened `feedback`, and, when it is flagged for
    safeguarding, to its record of who opened it."""
    with transaction.atomic():
        log_actions.log(feedback, VIEWED, user=user)
        if SafeguardingFlag.objects.filter(feedback=feedback).exists():
            SafeguardingAccess.objects.create(feedback=feedback, user=user)


def record_export(feedback_ids, user, export_format, filters):
    """One audit log entry for each response in a download, written together: who, in which
    format, how many rows and with which filters (ids, choices and dates; never the answers
    or a search, which could name someone). Each response's history shows its download."""
    content_type = ContentType.objects.get_for_model(Feedback, for_concrete_model=False)
    shared = uuid.uuid4()
    now = timezone.now()
    references = dict(Feedback.objects.filter(pk__in=feedback_ids).values_list("pk", "reference"))
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=content_type,
                object_id=str(pk),
                label=references.get(pk) or f"Feedback {pk}",
                action=EXPORTED,
                timestamp=now,
                uuid=shared,
                user=user,
                data={"format": export_format, "rows": len(feedback_ids), "filters": filters},
            )
            for pk in feedback_ids
        ],
        batch_size=500,
    )


def _latest(model):
    return Subquery(model.objects.filter(feedback=OuterRef("pk")).order_by("-pk").values("pk")[:1])


def decisions_so_far(feedback):
    """A mark of what has been decided on `feedback` (its status, its latest status change,
    note and theme) that changes whenever anything is saved on it: the response page's form
    carries the one it was drawn with, so a form sent twice, or after someone else saved,
    is refused rather than saved again. One query."""
    row = (
        Feedback.objects.filter(pk=feedback.pk)
        .values_list("status", _latest(StatusChange), _latest(InternalNote), _latest(FeedbackTheme))
        .get()
    )
    return "-".join(str(value or 0) for value in row)


def save_decisions(feedback, by, status=None, note_to_author="", theme=None, internal_note=""):
    """What an officer decided on a response's page, all or nothing: a new status (with its
    note to the author), a theme, an internal note. Each is logged as if done on its own.
    Returns what was done, in words, for the message that confirms it."""
    done = []
    with transaction.atomic():
        if status and status != feedback.status:
            change = change_status(feedback, status, by, note_to_author)
            done.append(f"status is now “{change.get_to_status_display()}”")
        if theme is not None and add_theme(feedback, theme, by):
            done.append(f"theme “{theme.name}” added")
        if internal_note.strip():
            add_note(feedback, internal_note.strip(), by)
            done.append("internal note added")
    return done
