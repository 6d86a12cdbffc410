"""Keeping in touch: telling a member when their response moves on, and telling feedback
handlers each day what has come in. Emails carry counts, statuses and links, never the answers
of anyone but the person they are about."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from boardhub.consultations.models import Feedback, FeedbackStatus
from boardhub.core.emails import send_templated_email
from boardhub.core.links import absolute_url
from boardhub.members.choices import ContactMethod

from . import deadlines

# A member's response moved on


def wants_email_about_feedback(member):
    """True unless they told us not to, or to contact them some other way. No profile yet means
    the defaults: by email, and yes."""
    if member is None or not member.is_active or not member.email:
        return False
    profile = getattr(member, "profile", None)
    if profile is None:
        return True
    return profile.notify_feedback_updates and profile.contact_method == ContactMethod.EMAIL


def tell_author_about_status_change(feedback, change):
    """Email the member who sent `feedback` that `change` moved it, once the change commits.
    Nobody is told about an anonymous response: we do not know who sent it."""
    if feedback.member_id is None:
        return
    member = get_user_model().objects.select_related("profile").get(pk=feedback.member_id)
    if not wants_email_about_feedback(member):
        return
    if change.to_status == FeedbackStatus.SHAPED_A_CHANGE:
        tell_author_it_shaped_a_change(member, feedback, change.note_to_author)
        return
    send_templated_email(
        "feedback_status_changed",
        [member.email],
        {
            "member": member,
            "feedback": feedback,
            "consultation_title": feedback.page.title,
            "change": change,
            "link": absolute_url(reverse("members:feedback_detail", args=[feedback.reference])),
        },
    )


def tell_author_it_shaped_a_change(member, feedback, note):
    """Email `member` that `feedback` helped to change something: `note` names the change, and
    the link leads to everything their feedback changed. Sent on the move to "shaped a change",
    and again by impact for each further change the response shapes."""
    send_templated_email(
        "impact_feedback_shaped_change",
        [member.email],
        {
            "member": member,
            "feedback": feedback,
            "consultation_title": feedback.page.title,
            "note": note,
            "link": absolute_url(reverse("members:feedback_changes")),
        },
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
