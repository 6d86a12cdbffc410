"""When a consultation next opens, starts closing soon or closes: the moment its page changes
from "Not open yet" to "Open", to "Closing soon" or to "Closed", with nobody saving anything.
Registered with core's page cache and shared fragments (boardhub.core.registry.register_moments),
which keep nothing past it."""

import datetime

from django.db.models import Min, Q
from django.utils import timezone

from .models import ConsultationPage
from .models.pages import CLOSING_SOON_DAYS


def start_of_day(day):
    """Midnight at the start of `day`, in UK time."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def closing_soon_from(closes_at):
    """When a consultation closing at `closes_at` starts "closing soon": the midnight from which
    it has fewer than CLOSING_SOON_DAYS days left (ConsultationPage.is_closing_soon)."""
    closing_day = timezone.localdate(closes_at)
    return start_of_day(closing_day - datetime.timedelta(days=CLOSING_SOON_DAYS - 1))


def next_opening_or_closing(now):
    """When a live consultation next opens, starts closing soon or closes after `now`, or
    None."""
    # Those that start closing soon after today close on or after this day.
    not_soon_yet = start_of_day(timezone.localdate(now) + datetime.timedelta(CLOSING_SOON_DAYS))
    found = ConsultationPage.objects.live().aggregate(
        opens=Min("opens_at", filter=Q(opens_at__gt=now)),
        closes=Min("closes_at", filter=Q(closes_at__gt=now)),
        soon=Min("closes_at", filter=Q(closes_at__gte=not_soon_yet)),
    )
    if found["soon"] is not None:
        found["soon"] = closing_soon_from(found["soon"])
    return min((moment for moment in found.values() if moment is not None), default=None)
