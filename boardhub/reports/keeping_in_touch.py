"""The keeping-in-touch report: how long people waited to hear that their response had been
read (its first status change) and to hear its outcome (helped to change something, not
taken forward, no action needed), in working days; the share heard from within the time
we promise; and the responses waiting past it now.

The database counts the responses by the day each was sent, first changed and given its
outcome (one grouped query); the working days between those days are worked out for the
groups, of which there are at most a few thousand however many responses there are."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from boardhub.consultations.models import FeedbackStatus
from boardhub.feedback import deadlines
from boardhub.feedback.models import StatusChange

OUTCOMES = (
    FeedbackStatus.SHAPED_A_CHANGE,
    FeedbackStatus.NOT_TAKEN_FORWARD,
    FeedbackStatus.NO_ACTION_NEEDED,
)


@dataclass
class Wait:
    """How long the responses that got there waited, in working days."""

    reached: int  # how many got there
    median: int | None
    ninetieth: int | None  # 90 in 100 waited this long or less
    within_target: int  # how many got there within the promised working days

    @property
    def within_target_percent(self):
        return round(100 * self.within_target / self.reached) if self.reached else None


@dataclass
class KeepingInTouch:
    responses: int
    first_change: Wait
    outcome: Wait
    waiting_past_target: int  # still "received" past the promise, now
    target_days: int


def working_days_between(start, end):
    """Working days (Monday to Friday) after `start` up to and including `end`."""
    days, day = 0, start
    while day < end:
        day += timedelta(days=1)
        days += day.weekday() < 5
    return days


def percentile(weighted, share):
    """The smallest value that at least `share` of the weighted values are at or below:
    `weighted` is [(value, how many)] sorted by value."""
    total = sum(count for __, count in weighted)
    if not total:
        return None
    needed, seen = share * total, 0
    for value, count in weighted:
        seen += count
        if seen >= needed:
            return value
    return weighted[-1][0]


def _first(changes):
    changed = TruncDate("changed_at", tzinfo=timezone.get_current_timezone())
    return Subquery(changes.annotate(day=changed).order_by("changed_at", "pk").values("day")[:1])


def keeping_in_touch(responses, now=None):
    changes = StatusChange.objects.filter(feedback=OuterRef("pk"))
    rows = (
        responses.annotate(
            sent=TruncDate("submit_time", tzinfo=timezone.get_current_timezone()),
            first_day=_first(changes),
            outcome_day=_first(changes.filter(to_status__in=OUTCOMES)),
        )
        .values("sent", "first_day", "outcome_day")
        .annotate(count=Count("pk", distinct=True))
        .order_by()
    )
    target = settings.FEEDBACK_ACKNOWLEDGE_WITHIN_WORKING_DAYS
    first, outcome, total = {}, {}, 0
    for row in rows:
        total += row["count"]
        for reached, waits in ((row["first_day"], first), (row["outcome_day"], outcome)):
            if reached is not None:
                days = working_days_between(row["sent"], reached)
                waits[days] = waits.get(days, 0) + row["count"]
    return KeepingInTouch(
        total,
        _wait(first, target),
        _wait(outcome, target),
        deadlines.overdue(responses, now).count(),
        target,
    )


def _wait(waits, target):
    weighted = sorted(waits.items())
    return Wait(
        reached=sum(waits.values()),
        median=percentile(weighted, 0.5),
        ninetieth=percentile(weighted, 0.9),
        within_target=sum(count for days, count in weighted if days <= target),
    )
