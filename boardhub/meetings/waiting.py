"""The meetings' part of the dashboard's "Waiting for you" panel (boardhub.feedback.waiting):
actions overdue or due in the next 14 days, for officers who keep the action log, and support
not yet arranged for meetings in the next 14 days, for meeting organisers."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from boardhub.feedback.waiting import Waiting

from .models import COMING, Action, SupportRequest
from .models.actions import FINISHED
from .support import ARRANGE_SUPPORT

SOON_DAYS = 14
CHANGE_ACTIONS = "meetings.change_action"


def actions_waiting(user):
    if not user.has_perm(CHANGE_ACTIONS):
        return []
    today = timezone.localdate()
    soon = today + timedelta(days=SOON_DAYS)
    counts = Action.objects.exclude(status__in=FINISHED).aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        due_soon=Count("pk", filter=Q(due_on__gte=today, due_on__lte=soon)),
    )
    listing = reverse("wagtailsnippets_meetings_action:list")
    return [
        Waiting(
            "actions-overdue",
            counts["overdue"],
            "action overdue",
            "actions overdue",
            "No actions are overdue",
            listing,
            hint="Ask each owner what is happening, and record it as a progress update.",
        ),
        Waiting(
            "actions-due-soon",
            counts["due_soon"],
            f"action due in the next {SOON_DAYS} days",
            f"actions due in the next {SOON_DAYS} days",
            f"No actions are due in the next {SOON_DAYS} days",
            listing,
        ),
    ]


def support_waiting(user):
    if not user.has_perm(ARRANGE_SUPPORT):
        return []
    now = timezone.now()
    count = SupportRequest.objects.filter(
        arranged=False,
        rsvp__answer__in=COMING,
        rsvp__meeting__starts_at__gt=now,
        rsvp__meeting__starts_at__lte=now + timedelta(days=SOON_DAYS),
    ).count()
    return [
        Waiting(
            "support-to-arrange",
            count,
            f"support request not yet arranged for meetings in the next {SOON_DAYS} days",
            f"support requests not yet arranged for meetings in the next {SOON_DAYS} days",
            f"All support is arranged for meetings in the next {SOON_DAYS} days",
            reverse("meetings_support:upcoming"),
        )
    ]
