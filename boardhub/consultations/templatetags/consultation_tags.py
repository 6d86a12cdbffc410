from django import template
from django.utils import timezone

register = template.Library()


def clock_time(moment):
    """ "9am", "9:30am", "midday", "midnight", the way GOV.UK writes times."""
    if moment.hour == 12 and moment.minute == 0:
        return "midday"
    if moment.hour == 0 and moment.minute == 0:
        return "midnight"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


@register.filter
def friendly_datetime(value):
    """A date and time in UK time, in words: "Monday 1 December 2026, 9am"."""
    if not value:
        return ""
    moment = timezone.localtime(value)
    return f"{moment:%A} {moment.day} {moment:%B %Y}, {clock_time(moment)}"
