"""When a response is due and when it is overdue: not acknowledged within so many working
days. The listing's filter, the daily digest and the dashboard panel all ask here, so all
three count the same responses."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from boardhub.consultations.models import FeedbackStatus


def add_working_days(day, count):
    """The date `count` working days (Monday to Friday) after `day`."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def overdue_cutoff(now=None):
    """The start of the first moment from which a response sent now would not be overdue yet:
    a response still "received" and sent before this is overdue.

    A response is due by the end of the Nth working day after the day it was sent
    (FEEDBACK_ACKNOWLEDGE_WITHIN_WORKING_DAYS), in UK time.
    """
    within = settings.FEEDBACK_ACKNOWLEDGE_WITHIN_WORKING_DAYS
    today = timezone.localdate(now or timezone.now())
    sent_on = today
    # Due dates only grow as the sending day does: step back to the latest day already late.
    while add_working_days(sent_on, within) >= today:
        sent_on -= datetime.timedelta(days=1)
    first_not_late = sent_on + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(first_not_late, datetime.time.min))


def overdue_condition(now=None):
    """A response still "received" after the time we promise to read it in, as a condition
    (for counting alongside others in one query)."""
    return Q(status=FeedbackStatus.RECEIVED, submit_time__lt=overdue_cutoff(now))


def overdue(queryset, now=None):
    """The responses in `queryset` still "received" after the time we promise to read them in."""
    return queryset.filter(overdue_condition(now))


def promise_in_words():
    within = settings.FEEDBACK_ACKNOWLEDGE_WITHIN_WORKING_DAYS
    return f"Not read and acknowledged within {within} working day{'s' if within != 1 else ''}."
