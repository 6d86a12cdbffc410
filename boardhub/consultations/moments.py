"""When a consultation next opens or closes: the moment its page changes from "Not open yet" to
"Open now", or to "Closed", with nobody saving anything. Registered with core's page cache and
shared fragments (boardhub.core.registry.register_moments), which keep nothing past it."""

from django.db.models import Min, Q

from .models import ConsultationPage


def next_opening_or_closing(now):
    """When a live consultation next opens or closes after `now`, or None."""
    found = ConsultationPage.objects.live().aggregate(
        opens=Min("opens_at", filter=Q(opens_at__gt=now)),
        closes=Min("closes_at", filter=Q(closes_at__gt=now)),
    )
    return min((moment for moment in found.values() if moment is not None), default=None)
