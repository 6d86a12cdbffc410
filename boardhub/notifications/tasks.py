"""The background task that sends one outbox row (models.Notification), once.

Idempotent: the task claims its row with one conditional UPDATE (queued -> sending) before it
talks to anyone, so when the same task runs twice (a worker restarted, a retry and a
duplicate) only one of them sends; the other finds nothing to claim and stops. A claim left
behind by a worker that died mid-send is taken over after STALE_CLAIM.

Faults follow the email rules (boardhub.core.emails): when Notify cannot be reached, is slow,
or answers 429 or 5xx, the task queues itself again after RETRY_DELAYS_MINUTES, up to
MAX_ATTEMPTS tries, and the row waits as "queued" with what went wrong. When Notify refuses
the message for good (400, 403: a number that is not a mobile, an address with no real
postcode), or the last try fails, the row is marked failed with plain words and appears in
the "to contact" list for an officer. With the immediate backend (no queue that can wait),
a temporary failure is recorded at once, as core.emails does.
"""

import logging
from datetime import timedelta

from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from boardhub.core.emails import MAX_ATTEMPTS, RETRY_DELAYS_MINUTES

from . import backends
from .models import Notification, Status

logger = logging.getLogger(__name__)

STALE_CLAIM = timedelta(minutes=10)


def claim(notification_id):
    """Take the row for this try; False when another task has it or it is done."""
    now = timezone.now()
    waiting = Q(status=Status.QUEUED) | Q(status=Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
    return bool(
        Notification.objects.filter(waiting, pk=notification_id).update(
            status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    )


def record(notification_id, **fields):
    Notification.objects.filter(pk=notification_id, status=Status.SENDING).update(**fields)


@task(takes_context=True)
def send_notification(context, notification_id, attempt=1):
    if not claim(notification_id):
        return {"sent": False, "why": "already sent or being sent"}
    notification = Notification.objects.get(pk=notification_id)
    task_id = context.task_result.id
    try:
        notify_id = backends.deliver(notification)
    except backends.Refused as failure:
        logger.error(
            "Message %s (task %s): GOV.UK Notify refused it: %s",
            notification_id,
            task_id,
            failure.detail,
        )
        record(notification_id, status=Status.FAILED, error=failure.words)
        return {"sent": False, "failed": failure.words}
    except backends.TryLater as failure:
        return try_again_later(notification_id, task_id, failure, attempt)
    record(
        notification_id,
        status=Status.SENT,
        sent_at=timezone.now(),
        notify_id=notify_id,
        error="",
    )
    return {"sent": True, "notify_id": notify_id}


def try_again_later(notification_id, task_id, failure, attempt):
    can_wait = send_notification.get_backend().supports_defer
    if not can_wait or attempt >= MAX_ATTEMPTS:
        tries = "once" if attempt == 1 else f"{attempt} times"
        words = (
            f"{failure.words} We tried {tries} and gave up. Contact the person another way, "
            "or send it again later."
        )
        logger.error(
            "Message %s (task %s): gave up after %d tries: %s",
            notification_id,
            task_id,
            attempt,
            failure.detail,
        )
        record(notification_id, status=Status.FAILED, error=words)
        if not can_wait:
            raise RuntimeError(failure.detail or failure.words)  # recorded as failed
        return {"sent": False, "failed": words}
    run_after = timezone.now() + timedelta(minutes=RETRY_DELAYS_MINUTES[attempt - 1])
    record(
        notification_id,
        status=Status.QUEUED,
        error=f"{failure.words} We will try again at {run_after:%H:%M}.",
    )
    retry = send_notification.using(run_after=run_after).enqueue(
        notification_id, attempt=attempt + 1
    )
    logger.warning(
        "Message %s (task %s): try %d of %d failed (%s); trying again at %s as task %s",
        notification_id,
        task_id,
        attempt,
        MAX_ATTEMPTS,
        failure.detail,
        run_after.isoformat(),
        retry.id,
    )
    return {"sent": False, "next_try": str(retry.id), "run_after": run_after.isoformat()}
