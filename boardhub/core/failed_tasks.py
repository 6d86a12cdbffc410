"""Background tasks that failed for good, where an officer can see them and try them again.

A task has failed for good when its record in the queue (django_tasks_db's DBTaskResult) is
FAILED: for an email (boardhub.core.emails), the mail server refused it, or it was still
failing after its last try. Nothing retries it after that, so the admin lists these
(failed_task_views.py) and counts the ones nobody has tried again on the dashboard.

"Try again" queues the same task, with the same arguments, once: the TaskRetry row for the
failed record is unique and made in the transaction that queues the new task, so a second
press (a double click, two officers at once) queues nothing and says so.

Who may see them: people with the `core.retry_failed_task` permission (an app's data
migration gives it to the officers who follow these up), because the list shows whom each
email was for.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail import log_actions

from .emails import send_email
from .models import TaskRetry

PERMISSION = "core.retry_failed_task"
RETRIED_ACTION = "boardhub.task_retried"


class AlreadyRetried(Exception):
    """Someone has already tried this failed task again."""


def can_retry_failed_tasks(user):
    return user.is_active and user.has_perm(PERMISSION)


def failed_for_good():
    """Every task that failed and will not be tried again by itself, newest first."""
    return (
        DBTaskResult.objects.failed()
        .select_related("retry")
        .order_by("-finished_at", "-enqueued_at")
    )


def not_yet_retried():
    return failed_for_good().filter(retry__isnull=True)


def waiting_counts():
    """(emails, other tasks) that failed for good and nobody has tried again."""
    waiting = DBTaskResult.objects.failed().filter(retry__isnull=True)
    emails = waiting.filter(task_path=send_email.module_path).count()
    return emails, waiting.count() - emails


@dataclass(frozen=True)
class TaskDescription:
    """What a task was, in plain English, and whom it was for."""

    name: str
    recipients: list[str] = field(default_factory=list)


def describe_email(args, kwargs):
    subject = kwargs.get("subject", args[0] if args else "")
    recipients = kwargs.get("to", args[1] if len(args) > 1 else [])
    return TaskDescription(f"Email: {subject}", list(recipients))


# The task's path (as the queue stores it) -> how to describe it from its arguments.
DESCRIBERS = {send_email.module_path: describe_email}


def describe(result):
    arguments = result.args_kwargs or {}
    args, kwargs = arguments.get("args", []), arguments.get("kwargs", {})
    describer = DESCRIBERS.get(result.task_path)
    if describer:
        return describer(args, kwargs)
    name = result.task_path.rsplit(".", 1)[-1].replace("_", " ")
    return TaskDescription(f"Background task: {name.capitalize()}")


@dataclass(frozen=True)
class LastError:
    """The exception that ended the task: its class and its message (the traceback's last
    line), without the traceback, which only the detail page shows."""

    exception_class: str
    message: str

    def __str__(self):
        return f"{self.exception_class}: {self.message}" if self.message else self.exception_class


def last_error(result):
    exception_class = result.exception_class_path.rsplit(".", 1)[-1] or "Unknown error"
    lines = [line for line in result.traceback.strip().splitlines() if line.strip()]
    final = lines[-1] if lines else ""
    # The traceback's last line is "module.Class: message" (or just the class).
    __, separator, message = final.partition(": ")
    return LastError(exception_class, message.strip() if separator else "")


def try_again(result, user):
    """Queue `result`'s task again with the same arguments, once; return the new task's id.

    Raises AlreadyRetried if this failure has been tried again before (or at this moment by
    someone else: the unique row makes the second transaction fail)."""
    arguments = result.args_kwargs
    try:
        with transaction.atomic():
            retry = TaskRetry.objects.create(failed_task=result)
            task = result.task.using(run_after=timezone.now())
            new_result = task.enqueue(*arguments["args"], **arguments["kwargs"])
            retry.new_task_id = new_result.id
            retry.save(update_fields=["new_task_id"])
            log_actions.log(
                retry,
                RETRIED_ACTION,
                user=user,
                data={"failed_task": str(result.id), "new_task": str(new_result.id)},
            )
    except IntegrityError as error:
        raise AlreadyRetried from error
    return new_result.id
