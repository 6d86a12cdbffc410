"""Dates and times in the form HTML's `<time datetime>` accepts.

Django's `|date:"c"` writes microseconds when a value has them ("…T09:00:00.123456+00:00"),
and HTML allows at most three digits after the seconds, so checkers flag the page. This
filter writes whole seconds and the UTC offset with a colon, in the site's time zone:
`<time datetime="{{ value|html_datetime }}">`.
"""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def html_datetime(value):
    """A valid HTML date ("2026-12-03") or global date and time ("2026-12-03T09:00:00+00:00")."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""
