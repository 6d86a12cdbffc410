"""Every email BoardHub sends goes through here: rendered now, sent by a background task once
the database transaction that caused it has committed (so nobody is emailed about something
that was then rolled back).

When the mail server cannot be reached, or answers "try again later" (a 4xx code), the task
queues itself again to run later (RETRY_DELAYS_MINUTES), with the same arguments: the message
lives in the task's arguments and nowhere else. Each try that fails that way is logged as a
warning, and its task record finishes with where the next try is. After the last try, or
when the server refuses the message for good (an address it does not accept, a 5xx code),
the error is logged and the task is marked failed, for an officer to follow up.

Retrying needs a backend that can run a task later (production's database queue and
`manage.py db_worker`); with the immediate backend (a developer's machine, the tests) a
failure is simply recorded, as before.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# How long to wait before each new try: five more tries over about five and a half hours.
RETRY_DELAYS_MINUTES = (1, 5, 15, 60, 240)
MAX_ATTEMPTS = 1 + len(RETRY_DELAYS_MINUTES)


def is_temporary(error):
    """Whether the same message may go through later: the server could not be reached, hung
    up, or answered with a temporary (4xx) code."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        # smtplib gives -1 when the connection broke before a proper answer.
        return error.smtp_code < 0 or 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPException):  # SMTPException is an OSError too
        return isinstance(error, smtplib.SMTPServerDisconnected)
    return isinstance(error, OSError)  # refused, timed out, no route, name not found


@task(takes_context=True)
def send_email(context, subject, to, text_body, html_body="", attempt=1):
    message = EmailMultiAlternatives(
        subject=subject, body=text_body, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    try:
        message.send()
    except OSError as error:  # every smtplib error is an OSError
        if not send_email.get_backend().supports_defer:
            raise  # run at once (no queue): recorded as failed, as any task's error is
        task_id = context.task_result.id
        if not is_temporary(error):
            logger.error(
                "Email task %s (%r): the mail server refused it: %s", task_id, subject, error
            )
            raise
        if attempt >= MAX_ATTEMPTS:
            logger.error(
                "Email task %s (%r): gave up after %d tries: %s", task_id, subject, attempt, error
            )
            raise
        return try_again_later(task_id, error, subject, to, text_body, html_body, attempt)


def try_again_later(task_id, error, subject, to, text_body, html_body, attempt):
    """Queue the same email to go after the next delay; return where, for the task's record."""
    run_after = timezone.now() + timedelta(minutes=RETRY_DELAYS_MINUTES[attempt - 1])
    retry = send_email.using(run_after=run_after).enqueue(
        subject, to, text_body, html_body, attempt=attempt + 1
    )
    logger.warning(
        "Email task %s (%r): try %d of %d failed (%s); trying again at %s as task %s",
        task_id,
        subject,
        attempt,
        MAX_ATTEMPTS,
        error,
        run_after.isoformat(),
        retry.id,
    )
    return {"sent": False, "next_try": retry.id, "run_after": run_after.isoformat()}


def send_after_commit(subject, to, text_body, html_body=""):
    """Queue an email to go out once the current transaction commits (at once outside one)."""
    to = list(to)
    transaction.on_commit(lambda: send_email.enqueue(subject, to, text_body, html_body))


def send_templated_email(template_prefix, to, context):
    """Send `emails/<prefix>_subject.txt`, `_message.txt` and `_message.html` after commit."""
    subject = render_to_string(f"emails/{template_prefix}_subject.txt", context)
    text_body = render_to_string(f"emails/{template_prefix}_message.txt", context)
    html_body = render_to_string(f"emails/{template_prefix}_message.html", context)
    send_after_commit(" ".join(subject.split()), to, text_body, html_body)


def send_message_after_commit(message):
    """Queue an already-rendered EmailMessage (allauth renders its own) the same way."""
    html_body = next(
        (
            content
            for content, mimetype in getattr(message, "alternatives", [])
            if mimetype == "text/html"
        ),
        "",
    )
    if getattr(message, "content_subtype", "plain") == "html":
        text_body, html_body = "", message.body
    else:
        text_body = message.body
    send_after_commit(message.subject, message.to, text_body, html_body)
