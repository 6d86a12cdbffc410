"""Keeping in touch: telling the person who sent a response what happened to it, and telling
feedback handlers each day what has come in.

Every message to a person goes through boardhub.notifications (`send`), which picks the
channel: a member's comes from their profile (email, text message, letter, a phone call by
hand, or through their supporter), and anyone else's from what the "Tell us" form or the
officer recorded (their ReplyContact). The message is written to the outbox in the same
transaction as what caused it and sent once that commits, once only (a dedupe key each).

Messages carry statuses, references, the officer's note to the person and links, never
anyone else's answers; a receipt carries the person's own answers only in an email to a
member. The daily digest is an officers' email: counts and links only.
"""

import datetime
import hashlib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from boardhub.consultations.models import Feedback, FeedbackStatus
from boardhub.core.emails import send_templated_email
from boardhub.core.links import absolute_url
from boardhub.notifications.choices import ReplyBy
from boardhub.notifications.recipients import Recipient, address_lines_from, profile_of
from boardhub.notifications.sending import send

from . import deadlines
from .models import GeneralFeedback, OfflineRecord, ReplyContact, TellUsPage

# Who hears back, and how


def stored_with(feedback, name, read):
    """The row stored with `feedback` under its reverse one-to-one `name` ("reply_contact",
    "offline_record", "general"), or None: the one already on the instance when it was just
    stored with it (store_tell_us, recording) or selected with it, else `read()`."""
    relation = Feedback._meta.get_field(name)
    if relation.is_cached(feedback):
        return relation.get_cached_value(feedback)
    return read()


def member_of(feedback):
    """The member who sent `feedback`, with their profile: read once, then kept on the
    response, so asking whether they want updates and how to reach them costs one query."""
    if not Feedback._meta.get_field("member").is_cached(feedback):
        feedback.member = (
            get_user_model().objects.select_related("profile").get(pk=feedback.member_id)
        )
    return feedback.member


def recipient_for(feedback):
    """How to reach the person who sent `feedback`: the member's profile, else the person the
    "Tell us" form or an officer recorded (ReplyContact), else None (anonymous, or they do not
    want to hear back)."""
    if feedback.member_id is not None:
        return Recipient.for_member(member_of(feedback))
    contact = stored_with(
        feedback,
        "reply_contact",
        lambda: ReplyContact.objects.filter(feedback_id=feedback.pk).first(),
    )
    if contact is None or contact.reply_by == ReplyBy.NOT_AT_ALL:
        return None
    return recipient_from_contact(contact, feedback)


def recipient_from_contact(contact, feedback):
    """A Recipient from what was recorded. Someone who hears through their supporter gets
    none of their own contact details copied in, so nothing can reach them directly."""
    common = {
        "reply_by": contact.reply_by,
        "name": contact.name,
        "easy_read": contact.easy_read,
        "large_print": contact.large_print,
    }
    if contact.reply_by == ReplyBy.SUPPORTER:
        record = stored_with(
            feedback,
            "offline_record",
            lambda: OfflineRecord.objects.filter(feedback_id=feedback.pk).first(),
        )
        return Recipient(
            supporter_name=record.supported_by if record else "",
            supporter_contact=contact.supporter_contact.strip(),
            **common,
        )
    return Recipient(
        email=contact.email if contact.reply_by == ReplyBy.EMAIL else "",
        phone=contact.phone if contact.reply_by in (ReplyBy.TEXT, ReplyBy.PHONE) else "",
        address_lines=(
            address_lines_from(contact.postal_address, contact.postcode)
            if contact.reply_by == ReplyBy.POST
            else ()
        ),
        **common,
    )


def wants_updates(feedback):
    """A member hears about a response moving on unless they said not to (no profile: yes).
    Anyone else asked to hear back, or not, when they sent it (recipient_for says)."""
    if feedback.member_id is None:
        return True
    profile = profile_of(member_of(feedback))
    return profile is None or profile.notify_feedback_updates


def updates_recipient(feedback):
    """Who to tell that `feedback` moved on, or None."""
    if not wants_updates(feedback):
        return None
    return recipient_for(feedback)


def how_to_contact_line(feedback):
    """The officers' one line: how to contact the person who sent `feedback`, or why not."""
    recipient = recipient_for(feedback)
    if recipient is not None:
        words = recipient.how_to_contact()
        if not wants_updates(feedback):
            words += ". They asked not to hear when their feedback moves on"
        return words
    if feedback.member_id is not None:
        return "We have no way to reach them: their account has no email address in use"
    if ReplyContact.objects.filter(feedback_id=feedback.pk).exists():
        return "They do not want to hear back"
    return "Nobody: we do not know who sent it"


def about_words(feedback):
    """What the messages call the response: its reference, the title of what it answered,
    and whether it came through "Tell us" (feedback about a service, not answers)."""
    page = feedback.page
    tell_us = page.specific_class is TellUsPage if page.specific_class else False
    title = page.title
    if tell_us:
        general = stored_with(
            feedback,
            "general",
            lambda: (
                GeneralFeedback.objects.filter(feedback_id=feedback.pk)
                .select_related("service")
                .first()
            ),
        )
        service = general.service if general is not None else None
        title = service.name if service is not None else ""
    return {
        "reference": feedback.reference,
        "title": title,
        "tell_us": tell_us,
        "member": feedback.member_id is not None,
    }


def message_context(feedback, recipient, **more):
    return {"name": recipient.name, **about_words(feedback), **more}


# A response arrived


def own_feedback_link(feedback):
    """Where a member follows their response in their account; "" for anyone else, who has
    no account to follow it in."""
    if feedback.member_id is None:
        return ""
    return absolute_url(reverse("members:feedback_detail", args=[feedback.reference]))


def send_receipt(feedback):
    """Tell the person who sent `feedback` its reference, for a response stored with
    `receipt=False` (recorded by an officer, or sent through "Tell us"), by the way they
    asked. Their answers never go in it: an officer typed them, or no account stands behind
    the address. Once only."""
    recipient = recipient_for(feedback)
    if recipient is None:
        return None
    link = own_feedback_link(feedback)
    contact = getattr(feedback, "reply_contact", None) if feedback.member_id is None else None
    may_quote = bool(contact and contact.may_quote)
    return send(
        recipient,
        "feedback_receipt",
        message_context(feedback, recipient, link=link, may_quote=may_quote),
        about=feedback,
        dedupe_key=f"feedback_receipt:{feedback.pk}",
    )


# A response moved on


def tell_author_about_status_change(feedback, change):
    """Tell the person who sent `feedback` that `change` moved it, by their channel, once
    the change commits. Nobody is told about an anonymous response: we do not know who sent
    it."""
    if change.to_status == FeedbackStatus.SHAPED_A_CHANGE:
        return tell_author_it_shaped_a_change(
            feedback, change.note_to_author, dedupe_key=f"feedback_status:{change.pk}"
        )
    recipient = updates_recipient(feedback)
    if recipient is None:
        return None
    link = own_feedback_link(feedback)
    return send(
        recipient,
        "feedback_status_changed",
        message_context(
            feedback,
            recipient,
            from_status=change.get_from_status_display(),
            to_status=change.get_to_status_display(),
            note=change.note_to_author,
            link=link,
        ),
        about=feedback,
        dedupe_key=f"feedback_status:{change.pk}",
    )


def tell_author_it_shaped_a_change(feedback, note, dedupe_key=None):
    """Tell the person who sent `feedback` that it helped to change something: `note` names
    the change; a member's link leads to everything their feedback changed. Sent on the move
    to "shaped a change", and again by impact for each further change the response shapes
    (the same note twice is one message)."""
    recipient = updates_recipient(feedback)
    if recipient is None:
        return None
    if dedupe_key is None:
        digest_of_note = hashlib.sha256(note.encode()).hexdigest()[:24]
        dedupe_key = f"feedback_shaped:{feedback.pk}:{digest_of_note}"
    link = absolute_url(reverse("members:feedback_changes")) if feedback.member_id else ""
    return send(
        recipient,
        "feedback_shaped_a_change",
        message_context(feedback, recipient, note=note, link=link),
        about=feedback,
        dedupe_key=dedupe_key,
    )


# The daily digest for feedback handlers


def feedback_handlers():
    """Everyone active who may handle feedback: in a group with the permission (Feedback
    handlers, Safeguarding) or given it themselves, and superusers."""
    permission = Permission.objects.filter(
        content_type__app_label="feedback", codename="handle_feedback"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=permission)
            | Q(user_permissions__in=permission)
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def digest(now=None):
    """What came in over the last 24 hours, as counts per consultation, and how many are
    overdue: {"new": [{"title", "count", "url"}...], "new_total", "overdue", ...}."""
    now = now or timezone.now()
    since = now - datetime.timedelta(hours=24)
    index_url = absolute_url(reverse("feedback:index"))
    new = (
        Feedback.objects.filter(submit_time__gte=since, submit_time__lt=now)
        .values("page_id", "page__title")
        .annotate(count=Count("pk"))
        .order_by("page__title", "page_id")
    )
    rows = [
        {
            "title": row["page__title"],
            "count": row["count"],
            "url": f"{index_url}?consultation={row['page_id']}",
        }
        for row in new
    ]
    return {
        "new": rows,
        "new_total": sum(row["count"] for row in rows),
        "overdue": deadlines.overdue(Feedback.objects.all(), now).count(),
        "overdue_url": f"{index_url}?overdue=true",
        "index_url": index_url,
    }


def send_digest(now=None):
    """Email each feedback handler the digest. Nothing is sent when nothing new came in.
    Returns how many people it was sent to."""
    summary = digest(now)
    if not summary["new_total"]:
        return 0
    handlers = list(feedback_handlers())
    for handler in handlers:
        send_templated_email("feedback_digest", [handler.email], {"handler": handler, **summary})
    return len(handlers)
