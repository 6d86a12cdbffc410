"""Template tags other apps' templates load to show what meetings own, so that their Python
never imports this app (ARCHITECTURE.md): a "you said, we did" change shows where it was
promised."""

from django import template
from django.utils import timezone

from boardhub.core.clock import clock_time

from ..models import Action

register = template.Library()


@register.inclusion_tag("meetings/includes/promised_at.html")
def promised_at(change):
    """The public meetings at which the actions that led to `change` were promised."""
    actions = (
        Action.objects.public()
        .filter(change=change)
        .select_related("meeting")
        .order_by("meeting__starts_at")
    )
    return {"actions": list(actions)}


@register.filter
def clock(value):
    """The time of a moment in UK time, as people say it: "9am", "2:30pm"."""
    return clock_time(timezone.localtime(value)) if value else ""
