"""Every message BoardHub sends a person goes through `send`.

`send(recipient, message_key, context, about=None, dedupe_key=None)` chooses the channel from
how the person wants to hear (a `Recipient`), renders the message in the variant they need
(easy read, large print), writes the outbox row (models.Notification) and queues the task
that sends it once the current transaction commits: nothing is sent from inside a request's
transaction, and nothing is sent about something that was rolled back.

The rules, in one place:
- email -> email; text -> a Notify text message; post -> a Notify letter (the large-print
  letter template for someone who asked for large print);
- phone -> by hand: the row waits in the "to contact" list with what to say;
- supporter -> to the supporter's email address or mobile number, saying who it is for; when
  their contact is neither, by hand. The person themself is never contacted directly;
- none -> nothing (None);
- no Notify key: text messages and letters are printed to the console in development
  (NOTIFY_CONSOLE) and wait for an officer in production; a letter with no letter template
  set up waits for an officer; email with no Notify email template goes by BoardHub's own
  mail queue (boardhub.core.emails), handed over at commit and retried there.

`dedupe_key`: a second send with the same key returns the first row and sends nothing (the
database's unique constraint decides, so two at once also give one).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import escape

from boardhub.core import emails

from .choices import ReplyBy
from .models import Backend, Channel, Notification, Status, Variant
from .recipients import mobile_or_blank

FOR_SOMEONE = (
    "This message is for {name}. We are sending it to you because they asked us to contact "
    "them through you. Please pass it on to them."
)


def notify_ready(template_setting):
    return bool(settings.NOTIFY_API_KEY and getattr(settings, template_setting, ""))


def carrier(template_setting):
    """What carries a text message or a letter: Notify, the console, or an officer."""
    if notify_ready(template_setting):
        return Backend.NOTIFY
    if not settings.NOTIFY_API_KEY and settings.NOTIFY_CONSOLE:
        return Backend.CONSOLE
    return Backend.OFFICER


def email_carrier():
    return Backend.NOTIFY if notify_ready("NOTIFY_EMAIL_TEMPLATE_ID") else Backend.EMAIL


def is_email(value):
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def route(recipient):
    """(channel, backend, address, why it goes by hand) for a recipient."""
    reply_by = recipient.reply_by
    if reply_by == ReplyBy.EMAIL:
        if not recipient.email:
            return Channel.BY_HAND, Backend.OFFICER, "", "We have no email address for them."
        return Channel.EMAIL, email_carrier(), recipient.email, ""
    if reply_by == ReplyBy.TEXT:
        backend = carrier("NOTIFY_TEXT_TEMPLATE_ID")
        if backend == Backend.OFFICER:
            why = "Text messages are not set up, so send this one yourself or call them."
            return Channel.BY_HAND, backend, recipient.phone, why
        return Channel.TEXT, backend, recipient.phone, ""
    if reply_by == ReplyBy.POST:
        address = "\n".join(line for line in (recipient.name, *recipient.address_lines) if line)
        backend = carrier("NOTIFY_LETTER_TEMPLATE_ID")
        if backend == Backend.OFFICER:
            why = "Letters are not set up through GOV.UK Notify, so post this one by hand."
            return Channel.BY_HAND, backend, address, why
        return Channel.LETTER, backend, address, ""
    if reply_by == ReplyBy.PHONE:
        return Channel.BY_HAND, Backend.OFFICER, recipient.phone, "They asked for a phone call."
    if reply_by == ReplyBy.SUPPORTER:
        contact = recipient.supporter_contact.strip()
        if is_email(contact):
            return Channel.SUPPORTER_EMAIL, email_carrier(), contact, ""
        mobile = mobile_or_blank(contact)
        if mobile:
            backend = carrier("NOTIFY_TEXT_TEMPLATE_ID")
            if backend != Backend.OFFICER:
                return Channel.SUPPORTER_TEXT, backend, mobile, ""
        why = "They asked us to contact them through their supporter: contact the supporter."
        return Channel.BY_HAND, Backend.OFFICER, contact, why
    raise ValueError(f"Unknown way to hear back: {reply_by!r}")


def variant_for(recipient, channel):
    if recipient.large_print and channel == Channel.LETTER:
        return Variant.LARGE_PRINT
    if recipient.large_print and recipient.reply_by == ReplyBy.POST:
        return Variant.LARGE_PRINT  # a letter by hand: print it large
    if recipient.easy_read:
        return Variant.EASY_READ
    return Variant.PLAIN


def words_for(rendered, channel, recipient):
    """(subject, body, html) of the rendered message for the channel it goes by."""
    if channel in (Channel.EMAIL, Channel.SUPPORTER_EMAIL):
        return rendered.subject, rendered.email_text, rendered.email_html
    if channel in (Channel.TEXT, Channel.SUPPORTER_TEXT):
        return rendered.subject, rendered.text_message, ""
    # A letter, and anything said by hand (a phone call, a supporter with no email or
    # mobile): the letter's words, which never carry the person's answers, so the "to
    # contact" list shows officers nothing of a response they may not be allowed to read.
    return rendered.subject, rendered.letter, ""


def send(recipient, message_key, context, about=None, dedupe_key=None):
    """Tell `recipient` message `message_key`; the Notification row, or None when they do
    not want to hear (or there is nobody to tell)."""
    from . import messages  # the registry of message types (messages.py)

    if recipient is None or recipient.reply_by == ReplyBy.NOT_AT_ALL:
        return None
    channel, backend, address, why = route(recipient)
    through_supporter = recipient.reply_by == ReplyBy.SUPPORTER
    context = {
        **context,
        "recipient": recipient,
        "through_supporter": through_supporter,
    }
    rendered = messages.render(message_key, context, easy_read=recipient.easy_read)
    subject, body, html = words_for(rendered, channel, recipient)
    subject = " ".join((subject or "").split())
    if through_supporter:
        intro = FOR_SOMEONE.format(name=recipient.name or "the person you support")
        body = f"{intro}\n\n{body}"
        if html:
            html = f"<p>{escape(intro)}</p>\n{html}"
    by_hand = backend == Backend.OFFICER
    # BoardHub's own mail queue (boardhub.core.emails) has its own retries and failed-task
    # listing: it takes the email when the transaction commits, with no task of ours between.
    by_mail_queue = backend == Backend.EMAIL
    row = Notification(
        message_key=message_key,
        channel=channel,
        backend=backend,
        variant=variant_for(recipient, channel),
        asked_for=recipient.reply_by,
        recipient_user_id=recipient.user_id,
        recipient_name=recipient.name,
        supporter_name=recipient.supporter_name if through_supporter else "",
        about=about,
        address=address,
        subject=subject,
        body=body,
        html_body=html,
        status=Status.BY_HAND if by_hand else Status.QUEUED,
        error=why if by_hand else "",
        dedupe_key=dedupe_key or None,
    )
    try:
        # A message told once (`dedupe_key`) is found by its unique key when it is stored,
        # rather than looked for first: the second telling is rare, the first is not.
        with transaction.atomic():
            row.save()
    except IntegrityError:
        if dedupe_key:
            return Notification.objects.get(dedupe_key=dedupe_key)
        raise
    if by_mail_queue:
        transaction.on_commit(lambda: hand_to_mail_queue(row.pk, subject, address, body, html))
    elif not by_hand:
        transaction.on_commit(lambda: queue(row.pk))
    return row


def hand_to_mail_queue(notification_id, subject, address, body, html):
    emails.send_email.enqueue(subject, [address], body, html)
    Notification.objects.filter(pk=notification_id, status=Status.QUEUED).update(
        status=Status.SENT, sent_at=timezone.now()
    )


def queue(notification_id):
    from .tasks import send_notification

    send_notification.enqueue(notification_id)
