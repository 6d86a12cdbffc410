"""Every email BoardHub sends goes through here: rendered now, sent by a background task once
the database transaction that caused it has committed (so nobody is emailed about something
that was then rolled back)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django_tasks import task


@task()
def send_email(subject, to, text_body, html_body=""):
    message = EmailMultiAlternatives(
        subject=subject, body=text_body, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()


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
