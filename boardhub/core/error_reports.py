"""Server errors reach a person: each uncaught exception in a request is emailed to ADMINS,
through the email queue (boardhub.core.emails), with no personal data in it.

Django's own report (AdminEmailHandler) holds the request's form data, cookies, query string,
headers and every frame's local variables: members' answers, addresses and sessions, which
must not sit in an inbox. This one holds only what a developer needs to find the fault and
the request's log lines: the exception's type, its message with email addresses taken out,
where it happened (the traceback's file, line and code, no variables), the method, the path
(never the query string), the request id (boardhub.core.request_id, the number the visitor
was asked to quote) and the time.

The same fault on the same path is reported at most once every REPEAT_AFTER_SECONDS, so a
broken page visited a thousand times sends one email, not a thousand. Reporting must never
break the error page: any failure here is written to stderr (logging's handleError) and the
visitor still gets the 500 page.
"""

import logging
import traceback
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache

from .emails import send_email
from .request_id import current_request_id
from .scrubbing import without_email_addresses

REPEAT_AFTER_SECONDS = 10 * 60
MAX_MESSAGE_LENGTH = 1000


def error_report(record):
    """(subject, body) of the report for a django.request log record with an exception."""
    error_type, error, error_traceback = record.exc_info
    request = getattr(record, "request", None)
    method = getattr(request, "method", "") or "-"
    request_path = without_email_addresses(getattr(request, "path", "") or "-")
    request_id = getattr(request, "id", None) or current_request_id.get()
    message = without_email_addresses(str(error))[:MAX_MESSAGE_LENGTH]
    frames = "".join(traceback.format_tb(error_traceback))
    when = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="seconds")
    site = settings.WAGTAIL_SITE_NAME
    subject = f"[{site}] Server error: {error_type.__name__} at {request_path}"
    body = "\n".join(
        [
            f"{site} could not answer a request: the visitor saw the error page.",
            "",
            f"Request id:  {request_id}  (find the request's log lines by it)",
            f"When:        {when}",
            f"Request:     {method} {request_path}",
            f"Error:       {error_type.__module__}.{error_type.__qualname__}: {message}",
            "",
            "Where it happened (most recent call last):",
            frames,
            "This report holds no form data, cookies, query string, headers, user or local "
            "variables, so that no one's personal data is emailed.",
        ]
    )
    return subject, body


def first_report_for_a_while(record):
    """False when the same fault on the same path was reported in the last few minutes."""
    request = getattr(record, "request", None)
    key = f"error-report:{record.exc_info[0].__qualname__}:{getattr(request, 'path', '')}"
    try:
        return cache.add(key[:200], True, REPEAT_AFTER_SECONDS)
    except Exception:  # no cache (Redis down): better two emails than none
        return True


class QueuedAdminEmailHandler(logging.Handler):
    """For the django.request logger: emails ADMINS about uncaught exceptions.

    Only records with an exception: a 5xx the site answers on purpose (the 503 page when
    the database is down) is logged, not emailed, and a queue in that database could not take
    the email anyway."""

    def emit(self, record):
        recipients = [address for __, address in settings.ADMINS]
        if not recipients or not record.exc_info or record.exc_info[0] is None:
            return
        try:
            if not first_report_for_a_while(record):
                return
            subject, body = error_report(record)
            send_email.enqueue(subject, recipients, body)
        except Exception:
            self.handleError(record)
