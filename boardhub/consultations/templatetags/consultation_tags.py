from django import template
from django.utils import timezone

from boardhub.core.clock import clock_time

register = template.Library()


@register.filter
def friendly_datetime(value):
    """A date and time in UK time, in words: "Monday 1 December 2026, 9am"."""
    if not value:
        return ""
    moment = timezone.localtime(value)
    return f"{moment:%A} {moment.day} {moment:%B %Y}, {clock_time(moment)}"
