"""Times in words, the way GOV.UK writes them."""

from django.utils import timezone


def clock_time(moment):
    """ "9am", "9:30am", "midday", "midnight", the way GOV.UK writes times."""
    if moment.hour == 12 and moment.minute == 0:
        return "midday"
    if moment.hour == 0 and moment.minute == 0:
        return "midnight"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def time_soon(moment, now=None):
    """A moment in the next day or so, in UK time: "4:35pm", or "12:10am tomorrow"."""
    moment = timezone.localtime(moment)
    today = timezone.localdate(now or timezone.now())
    if moment.date() == today:
        return clock_time(moment)
    if (moment.date() - today).days == 1:
        return f"{clock_time(moment)} tomorrow"
    return f"{clock_time(moment)} on {moment.day} {moment:%B}"
