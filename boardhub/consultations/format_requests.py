"""Requests for a consultation in another format, from the form to the person told.

- A signed-in member's form starts with their own formats and how to reach them (`initial_for`).
- Each request is stored once and its consultation's contact is emailed after commit: which
  consultation, which format, and a link to the request in the admin. The person's contact
  details stay in the admin, behind the permission.
- The "Accessible formats team" (consultations.0007) reads them in the admin (viewsets.py) and
  sets each one's status: sent, or could not do with a reason (`handle`). That is one
  transaction, written to the audit log, and the person is told (`tell_the_person`): a
  member through their own channel, a visitor by email or text message when the contact
  details they typed are an email address or a UK mobile number, and otherwise by hand
  (the officers' "to contact" list), so nothing they asked for is silently dropped.
"""

import re
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from boardhub.core.emails import send_templated_email
from boardhub.core.links import absolute_url
from boardhub.members.choices import ContactMethod, Format
from boardhub.notifications.choices import ReplyBy
from boardhub.notifications.recipients import (
    POSTCODE_AT_END,
    Recipient,
    address_lines_from,
    mobile_or_blank,
    phone_as_given,
)
from boardhub.notifications.sending import send

from .models import FormatRequest, FormatRequestStatus

HANDLE_FORMAT_REQUESTS = "consultations.handle_format_requests"
HANDLED = "boardhub.consultations.format_request_handled"
LOG_ACTIONS = (
    (
        HANDLED,
        "Say a request for another format was sent or could not be done",
        "Request for another format handled",
    ),
)

# The same request again within this time is a double click or a reload, not a new one.
SAME_REQUEST_WITHIN = timedelta(minutes=10)
EMAIL_IN_TEXT = re.compile(r"[^\s<>(),;:]+@[^\s<>(),;:]+\.[A-Za-z]{2,}")
NUMBER_IN_TEXT = re.compile(r"\+?\d[\d ()-]{8,}\d")


# Who may


def can_handle_format_requests(user):
    return user.is_active and user.has_perm(HANDLE_FORMAT_REQUESTS)


def asked_count():
    """How many requests wait for an officer: one query."""
    return FormatRequest.objects.filter(status=FormatRequestStatus.ASKED).count()


# The form


def initial_for(user):
    """What a signed-in member's request starts with: the first format in their profile that
    can be asked for, and their name with how they asked to be contacted."""
    if not user.is_authenticated:
        return {}
    profile = getattr(user, "profile", None) if hasattr(user, "profile") else None
    initial = {}
    name = user.get_full_name() or user.get_short_name()
    lines = [name] if name else []
    if profile is not None:
        known = {value for value, __ in Format.choices}
        formats = [value for value in profile.formats or [] if value in known]
        if formats:
            initial["format"] = formats[0]
        method = profile.contact_method
        if method == ContactMethod.POST and profile.postal_address.strip():
            lines.append(profile.postal_address.strip())
        elif method in (ContactMethod.PHONE, getattr(ContactMethod, "TEXT", "text")) and (
            profile.phone.strip()
        ):
            lines.append(profile.phone.strip())
        elif method == ContactMethod.SUPPORTER and profile.supporter_contact.strip():
            supporter = profile.supporter_name.strip() or "my supporter"
            lines.append(f"Through {supporter}: {profile.supporter_contact.strip()}")
        else:
            lines.append(user.email)
    else:
        lines.append(user.email)
    initial["contact_details"] = "\n".join(line for line in lines if line)
    return initial


# Asking


def admin_url(format_request):
    return absolute_url(reverse("format_requests:handle", args=[format_request.pk]))


def store_request(page, user, cleaned_data):
    """Store the request and email the consultation's contact once it commits. The same
    request sent again soon after (a double click, a reload) is the one already stored, and
    nobody is emailed twice."""
    member = user if user.is_authenticated else None
    with transaction.atomic():
        again = FormatRequest.objects.filter(
            consultation=page,
            member=member,
            format=cleaned_data["format"],
            contact_details=cleaned_data["contact_details"],
            status=FormatRequestStatus.ASKED,
            created_at__gte=timezone.now() - SAME_REQUEST_WITHIN,
        ).first()
        if again is not None:
            return again
        format_request = FormatRequest.objects.create(
            consultation=page,
            member=member,
            format=cleaned_data["format"],
            contact_details=cleaned_data["contact_details"],
        )
        if page.contact_email:
            # Only what the contact needs to make the format: the person's details stay in
            # the admin, for the officers allowed to read them.
            send_templated_email(
                "consultations_format_request",
                [page.contact_email],
                {
                    "contact_name": page.contact_name,
                    "consultation_title": page.title,
                    "format": format_request.get_format_display(),
                    "asked_on": format_request.created_at,
                    "link": admin_url(format_request),
                },
            )
    return format_request


# Handling


def handle(format_request, user, status, reason=""):
    """Mark `format_request` sent, or could not do (with `reason`), once: a request already
    handled is left as it is and False returned. Audit-logged; the person is told."""
    if not can_handle_format_requests(user):
        raise PermissionDenied
    if status not in (FormatRequestStatus.SENT, FormatRequestStatus.COULD_NOT_DO):
        raise ValidationError("Choose sent or could not do")
    if status == FormatRequestStatus.COULD_NOT_DO and not reason.strip():
        raise ValidationError("Say why it could not be done: the person is told")
    with transaction.atomic():
        locked = (
            FormatRequest.objects.select_for_update(of=("self",))
            .select_related("consultation", "member__profile")
            .get(pk=format_request.pk)
        )
        if locked.status != FormatRequestStatus.ASKED:
            return False
        locked.status = status
        locked.reason = reason.strip() if status == FormatRequestStatus.COULD_NOT_DO else ""
        locked.handled_by = user
        locked.handled_at = timezone.now()
        locked.save(update_fields=["status", "reason", "handled_by", "handled_at"])
        log(locked, HANDLED, user=user, data={"status": status})
        tell_the_person(locked)
    format_request.refresh_from_db()
    return True


def recipient_for(format_request):
    """How to tell the person who asked: a member through their profile; a visitor from the
    contact details they typed (free text): an email address in it, else a UK mobile number,
    else a postal address ending in a postcode (a letter), else a phone call by hand."""
    if format_request.member is not None:
        return Recipient.for_member(format_request.member)
    text = format_request.contact_details.strip()
    large_print = format_request.format == Format.LARGE_PRINT
    easy_read = format_request.format == Format.EASY_READ
    common = {"easy_read": easy_read, "large_print": large_print}
    for candidate in EMAIL_IN_TEXT.findall(text):
        try:
            validate_email(candidate)
        except ValidationError:
            continue
        return Recipient(reply_by=ReplyBy.EMAIL, email=candidate, **common)
    numbers = NUMBER_IN_TEXT.findall(text)
    for number in numbers:
        mobile = mobile_or_blank(number)
        if mobile:
            return Recipient(reply_by=ReplyBy.TEXT, phone=mobile, **common)
    lines = address_lines_from(text)
    if len(lines) > 1 and POSTCODE_AT_END.search(lines[-1]):
        return Recipient(reply_by=ReplyBy.POST, address_lines=lines, **common)
    # Nothing we can send to: an officer gets in touch by hand, with what the person typed.
    phone = phone_as_given(numbers[0]) if numbers else text
    return Recipient(reply_by=ReplyBy.PHONE, phone=phone, **common)


def tell_the_person(format_request):
    """Tell them it was sent, or why it could not be done, through `send` (after commit)."""
    recipient = recipient_for(format_request)
    if recipient is None:
        return None
    page = format_request.consultation
    sent = format_request.status == FormatRequestStatus.SENT
    member = format_request.member
    context = {
        "name": (member.get_short_name() or member.get_full_name()) if member else "",
        "title": page.title,
        "format": format_request.get_format_display(),
        "link": page.full_url or "",
        "member": member is not None,
    }
    if sent:
        context["how_sent"] = "We have sent it to you using the details you gave us."
    else:
        context["reason"] = format_request.reason
    return send(
        recipient,
        "format_request_sent" if sent else "format_request_could_not_do",
        context,
        about=format_request,
        dedupe_key=f"format_request:{format_request.pk}:{format_request.status}",
    )
