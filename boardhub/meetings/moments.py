"""When the meetings' public pages change with time alone, for the page cache
(boardhub.core.registry.register_moments): when the next meeting ends (the home page's next
meeting, and the index's "coming up"), and the next midnight at which an action goes overdue.
One query, as each app's moments are."""

from datetime import datetime, time, timedelta

from django.db.models import Min, OuterRef, Q, Subquery
from django.utils import timezone

from .models import Action, MeetingPage
from .models.actions import FINISHED


def next_moment(now):
    today = timezone.localdate(now)
    soonest_due = (
        Action.objects.exclude(status__in=FINISHED)
        .filter(due_on__gte=today, meeting=OuterRef("pk"))
        .order_by("due_on")
        .values("due_on")[:1]
    )
    found = MeetingPage.objects.live().aggregate(
        ends=Min("ends_at", filter=Q(ends_at__gt=now)), due=Min(Subquery(soonest_due))
    )
    moments = [found["ends"]]
    if found["due"] is not None:
        # Overdue from the start of the day after it is due.
        day_after = found["due"] + timedelta(days=1)
        moments.append(timezone.make_aware(datetime.combine(day_after, time.min)))
    return min((moment for moment in moments if moment is not None), default=None)
