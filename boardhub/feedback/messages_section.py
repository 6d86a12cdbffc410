"""The "Messages to this person" section of a response's admin page: every message sent about
the response (its receipt, news of its status, the changes it shaped), by which channel,
where it has got to in words, when, and what went wrong in plain words, with the way to
follow it up by hand; and the one line saying how to contact the person.

Only the feedback groups see it: the line names a person's email address, phone number or
address. It costs a bounded number of queries however many messages there are (the newest
SHOWN, one query, and the few that work out how to reach the person).
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from boardhub.notifications import messages
from boardhub.notifications.models import Notification
from boardhub.notifications.permissions import can_contact_by_hand

from .handling import can_handle_feedback
from .notifications import how_to_contact_line
from .response_page import ResponseSection, SectionAction, SectionItem

SHOWN = 20


def message_name(key):
    try:
        return messages.get(key).name
    except LookupError:
        return key.replace("_", " ").capitalize()


def when(moment):
    return format_date(timezone.localtime(moment), "j F Y, g:i a")


def item_for(notification):
    text = (
        f"{message_name(notification.message_key)}. "
        f"{notification.get_channel_display()}, {when(notification.created_at)}"
    )
    if notification.variant != "plain":
        text += f", {notification.get_variant_display().lower()}"
    status = notification.status_words
    if notification.status == "sent" and notification.sent_at:
        status += f" on {when(notification.sent_at)}"
    if notification.waits_for_an_officer:
        if notification.error:
            status += f". {notification.error.rstrip('.')}"
        status += ". Follow up by hand"
    elif notification.status == "done":
        status += f" on {when(notification.handled_at)}" if notification.handled_at else ""
    # A time ends in "a.m." or "p.m.": no second full stop after it.
    return SectionItem(text=text, status=status if status.endswith(".") else status + ".")


def messages_section(request, feedback):
    user = request.user
    if not can_handle_feedback(user):
        return None
    sent = list(Notification.objects.about(feedback)[:SHOWN])
    actions = []
    if any(notification.waits_for_an_officer for notification in sent) and can_contact_by_hand(
        user
    ):
        actions.append(SectionAction("Follow up by hand", reverse("to_contact:index")))
    return ResponseSection(
        key="messages",
        heading="Messages to this person",
        items=[item_for(notification) for notification in sent],
        empty="We have not sent this person any messages about this response.",
        actions=actions,
        hint=f"How to contact this person: {how_to_contact_line(feedback)}.",
    )
