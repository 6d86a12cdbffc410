"""Deleting a response: a deliberate act, and the only way one is deleted in the admin.

- Only someone who may (`handling.can_delete_feedback`: the "Feedback deleters" group, or a
  superuser) deletes, and only a response they may read.
- They type the reason. It goes in the audit log with who and when; the answers never do.
- Apps above feedback may refuse a deletion, or warn about it, through `deletion_guards`
  (filled from their AppConfig.ready(), since feedback may not import them): "you said, we
  did" refuses while the response is linked to a published change, whose public count it is
  part of.
- It is one transaction: the response is locked, the guards are asked again, the log is
  written and the row deleted together, so a link made meanwhile either blocks the deletion
  or fails.
"""

from django.db import transaction
from wagtail import log_actions
from wagtail.log_actions import LogContext, LogFormatter

from boardhub.consultations.models import Feedback

from .models import OfflineRecord

DELETED = "boardhub.feedback.deleted"


class DeletedFormatter(LogFormatter):
    label = "Delete a response"

    def format_message(self, log_entry):
        reason = (log_entry.data or {}).get("reason", "")
        return f"Response deleted. Reason: {reason}"


class DeletionRefused(Exception):
    def __init__(self, refusals):
        super().__init__(" ".join(refusals))
        self.refusals = refusals


def names(things):
    return ", ".join(f"“{thing}”" for thing in things)


class DeletionGuards:
    """What apps above feedback say about deleting a response.

    Each rule is a function giving the things that hold a response (a queryset or a list:
    each is named by its str()) and the message to show when there are some, with `{names}`
    where they go. A refusal stops the deletion; a warning is shown on the page that asks
    the officer to confirm.
    """

    def __init__(self):
        self._refusals = []
        self._warnings = []

    def refuse_while(self, holders, message):
        self._refusals.append((holders, message))

    def warn_while(self, holders, message):
        self._warnings.append((holders, message))

    def refusals(self, feedback):
        return self._messages(self._refusals, feedback)

    def warnings(self, feedback):
        return self._messages(self._warnings, feedback)

    @staticmethod
    def _messages(rules, feedback):
        messages = []
        for holders, message in rules:
            found = list(holders(feedback))
            if found:
                messages.append(message.format(names=names(found)))
        return messages


deletion_guards = DeletionGuards()


def what_will_be_lost(feedback):
    """What goes with the response, in words, for the page that asks the officer to confirm."""
    lost = [f"the answers to “{feedback.page.title}”"]
    if feedback.member_id:
        lost.append("the board member's record of it in their account, with its history")
    counts = (
        (feedback.status_changes.count(), "step in its history", "steps in its history"),
        (feedback.theme_links.count(), "theme", "themes"),
        (feedback.internal_notes.count(), "internal note", "internal notes"),
        (feedback.safeguarding_accesses.count(), "record of opening", "records of opening"),
    )
    for count, one, many in counts:
        if count:
            lost.append(f"{count} {one if count == 1 else many}")
    if hasattr(feedback, "safeguarding_flag"):
        lost.append("its safeguarding flag and the reason for it")
    record = getattr(feedback, "offline_record", None)
    if record is not None:
        lost.append("the record of how it was gathered")
        if record.scan:
            lost.append("the scan or photo of the paper form")
    if hasattr(feedback, "reply_contact"):
        lost.append("the contact details kept to reply to them")
    return lost


def delete_scan_after_commit(feedback):
    """The scan of the response's paper form goes with it, once the deletion commits (a
    rollback leaves it where it was)."""
    record = OfflineRecord.objects.filter(feedback=feedback).exclude(scan="").first()
    if record is not None:
        storage, name = record.scan.storage, record.scan.name
        transaction.on_commit(lambda: storage.delete(name))


def delete_response(feedback, reason, by):
    """Delete `feedback` for `reason`, written in the audit log as done by `by`.

    Raises DeletionRefused (and deletes nothing) when a guard refuses. Entries other apps
    write as it goes (such as a change's history) share this one's user and id.
    """
    with transaction.atomic(), LogContext(user=by):
        locked = Feedback.objects.select_for_update().get(pk=feedback.pk)
        refusals = deletion_guards.refusals(locked)
        if refusals:
            raise DeletionRefused(refusals)
        log_actions.log(
            locked, DELETED, user=by, data={"reason": reason, "consultation": locked.page_id}
        )
        delete_scan_after_commit(locked)
        locked.delete()
