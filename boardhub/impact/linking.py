"""Linking responses to the changes they shaped, and unlinking them.

A link is made at once, but the response's author only hears of it once the change is
published: then its status moves to "shaped a change" (kept in its history) and, if they want
updates, they get an email naming the change. Every link and unlink is written to the audit log
of both the change and the response.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail import log_actions
from wagtail.log_actions import LogFormatter

from boardhub.consultations.models import Feedback, FeedbackStatus
from boardhub.feedback import handling
from boardhub.feedback.notifications import tell_author_it_shaped_a_change

from .models import ChangeFeedbackLink, ChangeRecord

CHANGE_CHANGE_RECORD = "impact.change_changerecord"

LINKED = "boardhub.impact.response_linked"
UNLINKED = "boardhub.impact.response_unlinked"
LINKED_RESPONSE_DELETED = "boardhub.impact.linked_response_deleted"


class ResponseLinkFormatter(LogFormatter):
    """Names the response or change at the other end, so each side's history reads alone."""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return self.message.format(other=data.get("change") or data.get("feedback") or "unknown")


class ResponseLinkedFormatter(ResponseLinkFormatter):
    label = "Link a response to a change"
    message = "Linked: {other}"


class ResponseUnlinkedFormatter(ResponseLinkFormatter):
    label = "Unlink a response from a change"
    message = "Unlinked: {other}"


class LinkedResponseDeletedFormatter(ResponseLinkFormatter):
    label = "Delete a response linked to a change"
    message = "A linked response was deleted: {other}"


LOG_FORMATTERS = {
    LINKED: ResponseLinkedFormatter,
    UNLINKED: ResponseUnlinkedFormatter,
    LINKED_RESPONSE_DELETED: LinkedResponseDeletedFormatter,
}


def can_link_responses(user):
    """Linking needs both: reading responses, and changing change records."""
    return handling.can_handle_feedback(user) and user.has_perm(CHANGE_CHANGE_RECORD)


def link(change, feedback, by, note=""):
    """Link `feedback` to `change` with an optional `note` to its author, and return the link,
    with `is_new` False if it was there already.

    Linking again (or two officers at once) keeps the first link and changes nothing. When the
    change is live, the author hears of it now; otherwise when it is published.
    """
    note = (note or "").strip()
    with transaction.atomic():
        # The row as published (never a draft's text), locked so that a publish happening now
        # either sees this link or is seen by it.
        change = ChangeRecord.objects.select_for_update().get(pk=change.pk)
        try:
            with transaction.atomic():  # a savepoint, so a clash leaves the rest usable
                made = ChangeFeedbackLink.objects.create(
                    change=change, feedback=feedback, note=note, linked_by=by
                )
        except IntegrityError:
            existing = ChangeFeedbackLink.objects.get(change=change, feedback=feedback)
            existing.is_new = False
            return existing
        made.is_new = True
        _log_both_sides(change, feedback, LINKED, by)
        if change.live:
            _announce(made, by)
    return made


def announce_links(change, by=None):
    """Tell the authors of every response linked to `change` and not announced yet: move each
    to "shaped a change" and email them. Called when `change` is published."""
    with transaction.atomic():
        waiting = (
            ChangeFeedbackLink.objects.select_for_update(of=("self",))
            .filter(change=change, announced_at__isnull=True)
            .select_related("change", "feedback__page")
        )
        for waiting_link in waiting:
            _announce(waiting_link, by)


def unlink(link, by):
    """Remove `link`. If no other published change still holds the response, its status goes
    back to what it was before, and that is kept in its history."""
    with transaction.atomic():
        feedback = Feedback.objects.select_for_update().get(pk=link.feedback_id)
        change = link.change
        link.delete()
        _log_both_sides(change, feedback, UNLINKED, by)
        still_held = ChangeFeedbackLink.objects.filter(
            feedback=feedback, announced_at__isnull=False
        ).exists()
        if (
            link.announced_at
            and not still_held
            and feedback.status == FeedbackStatus.SHAPED_A_CHANGE
        ):
            handling.change_status(
                feedback,
                link.status_before or FeedbackStatus.BEING_CONSIDERED,
                by,
                note=f"Your answers are no longer listed as helping to shape “{change.title}”.",
            )


def record_deleted_response(feedback):
    """Write on each change `feedback` was linked to that it has gone (it is about to be
    deleted), so the change's history explains why its count dropped."""
    links = ChangeFeedbackLink.objects.filter(feedback=feedback).select_related("change")
    for deleted_link in links:
        log_actions.log(
            deleted_link.change, LINKED_RESPONSE_DELETED, data={"feedback": str(feedback)}
        )


# Telling the author


def note_to_author(link):
    """What the author reads in their email and their response's history: which change, what
    we did, and the officer's note."""
    parts = [
        f"Your answers helped to shape this change: “{link.change.title}”.",
        f"What we did: {link.change.we_did}",
    ]
    if link.note:
        parts.append(link.note)
    return "\n\n".join(parts)


def _announce(link, by):
    """Move the response to "shaped a change" (or, if it already is, just tell its author about
    this change too), and mark the link as announced."""
    feedback = (
        Feedback.objects.select_for_update(of=("self",))
        .select_related("page")
        .get(pk=link.feedback_id)
    )
    note = note_to_author(link)
    if feedback.status == FeedbackStatus.SHAPED_A_CHANGE:
        # Keep what it was before the first change held it, for when every link is gone.
        link.status_before = (
            ChangeFeedbackLink.objects.filter(feedback=feedback, announced_at__isnull=False)
            .exclude(status_before="")
            .values_list("status_before", flat=True)
            .first()
            or ""
        )
        tell_author_about_another_change(feedback, note)
    else:
        link.status_before = feedback.status
        handling.change_status(feedback, FeedbackStatus.SHAPED_A_CHANGE, by, note=note)
    link.announced_at = timezone.now()
    link.save(update_fields=["status_before", "announced_at"])


def tell_author_about_another_change(feedback, note):
    """The message a move to "shaped a change" sends, for a response that already shaped one
    change and now shaped another (by the person's channel, if they want updates)."""
    tell_author_it_shaped_a_change(feedback, note)


def _log_both_sides(change, feedback, action, by):
    log_actions.log(change, action, user=by, data={"feedback": str(feedback)})
    log_actions.log(feedback, action, user=by, data={"change": change.title})
