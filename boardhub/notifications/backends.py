"""What carries a message the task sends: GOV.UK Notify (its official client), or the console
in development. (Email by BoardHub's own mail queue never comes here: sending.py hands it
over at commit.) `deliver(notification)` sends one outbox row and gives
Notify's id for it, or raises `TryLater` (Notify could not be reached, was slow, or asked us
to slow down: 429 and 5xx) or `Refused` (Notify will never send it as it is: 400, 403), each
with plain words for the officer who follows it up.
"""

import logging
import sys

from django.conf import settings
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from .models import Backend, Channel, Variant

logger = logging.getLogger(__name__)

# Notify takes up to seven address lines: the first is the name, the last the postcode.
MAX_ADDRESS_LINES = 7

WHAT = {
    Channel.EMAIL: ("email", "email address"),
    Channel.SUPPORTER_EMAIL: ("email", "supporter's email address"),
    Channel.TEXT: ("text message", "mobile number"),
    Channel.SUPPORTER_TEXT: ("text message", "supporter's mobile number"),
    Channel.LETTER: ("letter", "postal address and postcode"),
}


class Failure(Exception):
    def __init__(self, words, detail=""):
        super().__init__(words)
        self.words = words
        self.detail = detail


class TryLater(Failure):
    """The same message may go through later."""


class Refused(Failure):
    """It will never go through as it is: an officer must follow it up."""


def client():
    return NotificationsAPIClient(
        settings.NOTIFY_API_KEY,
        base_url=settings.NOTIFY_BASE_URL,
        timeout=settings.NOTIFY_TIMEOUT,
    )


def letter_address(notification):
    """address_line_1..7 for Notify: the name first, the postcode last; lines beyond seven
    are joined into the one before the postcode, so none is lost."""
    lines = notification.address_lines
    if len(lines) > MAX_ADDRESS_LINES:
        keep = MAX_ADDRESS_LINES - 2
        lines = [*lines[:keep], ", ".join(lines[keep:-1]), lines[-1]]
    return {f"address_line_{number}": line for number, line in enumerate(lines, start=1)}


def letter_template(notification):
    if (
        notification.variant == Variant.LARGE_PRINT
        and settings.NOTIFY_LARGE_PRINT_LETTER_TEMPLATE_ID
    ):
        return settings.NOTIFY_LARGE_PRINT_LETTER_TEMPLATE_ID
    return settings.NOTIFY_LETTER_TEMPLATE_ID


def error_detail(error):
    """Notify's own words for an error: its "errors" list as one line."""
    message = error.message
    if isinstance(message, list):
        return "; ".join(
            str(item.get("message", item)) if isinstance(item, dict) else str(item)
            for item in message
        )
    return str(message)


def words_for(error, notification):
    kind, what = WHAT.get(notification.channel, ("message", "contact details"))
    detail = error_detail(error)
    if error.status_code == 403:
        return (
            f"GOV.UK Notify refused BoardHub's key, so this {kind} was not sent ({detail}). "
            "Ask whoever runs BoardHub to check NOTIFY_API_KEY, and contact the person "
            "another way."
        )
    return (
        f"GOV.UK Notify would not send this {kind}: {detail}. Check the {what} with the "
        "person, or contact them another way."
    )


def send_by_notify(notification):
    reference = str(notification.pk)
    personalisation = {"subject": notification.subject, "body": notification.body}
    api = client()
    try:
        if notification.channel in (Channel.EMAIL, Channel.SUPPORTER_EMAIL):
            answer = api.send_email_notification(
                email_address=notification.address,
                template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
                personalisation=personalisation,
                reference=reference,
            )
        elif notification.channel in (Channel.TEXT, Channel.SUPPORTER_TEXT):
            answer = api.send_sms_notification(
                phone_number=notification.address,
                template_id=settings.NOTIFY_TEXT_TEMPLATE_ID,
                personalisation={"body": notification.body},
                reference=reference,
            )
        elif notification.channel == Channel.LETTER:
            answer = api.send_letter_notification(
                template_id=letter_template(notification),
                personalisation={**letter_address(notification), **personalisation},
                reference=reference,
            )
        else:
            raise ValueError(f"Notify does not carry {notification.channel!r}")
    except APIError as error:
        status = error.status_code
        if status == 429 or status >= 500:
            # 503 is also what the client gives when Notify could not be reached or was slow.
            kind = WHAT.get(notification.channel, ("message",))[0]
            raise TryLater(
                f"GOV.UK Notify could not take this {kind} ({status}: {error_detail(error)}).",
                detail=str(error),
            ) from error
        raise Refused(words_for(error, notification), detail=str(error)) from error
    return str((answer or {}).get("id", ""))


def print_to_console(notification):
    """Development without a Notify key: the message is written out, as Django's console
    email backend does, and counts as sent."""
    lines = [
        f"--- {notification.get_channel_display()} ({notification.get_variant_display()}) "
        f"to {notification.recipient_name or 'someone'} ---",
        *notification.address_lines,
        f"Subject: {notification.subject}",
        "",
        notification.body,
        "-" * 40,
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()
    logger.info("Message %s printed to the console (no Notify key)", notification.pk)
    return "console"


def deliver(notification):
    if notification.backend == Backend.NOTIFY:
        return send_by_notify(notification)
    if notification.backend == Backend.CONSOLE:
        return print_to_console(notification)
    raise ValueError(f"Message {notification.pk} is for an officer to send by hand")
