"""The keeping-in-touch report: how long people waited to hear that their response had been
read (its first status change) and to hear its outcome (helped to change something, not
taken forward, no action needed), in working days; the share heard from within the time
we promise; and the responses waiting past it now.

The database counts the responses by the day each was sent, first changed and given its
outcome (one grouped query); the working days between those days are worked out for the
groups, of which there are at most a few thousand however many responses there are.

How many authors were told of each step (we have it, it was read, its outcome) comes from the
messages the notifications layer keeps about each response (one more grouped query): told
(sent, or done by hand), still to be told, could not be told (the message failed for good),
or nobody to tell (sent without a way to reach them, or they asked for no updates)."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncDate
from django.utils import timezone

from boardhub.consultations.models import Feedback, FeedbackStatus
from boardhub.feedback import deadlines
from boardhub.feedback.models import StatusChange
from boardhub.notifications.models import Notification
from boardhub.notifications.models import Status as MessageStatus

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
class Told:
    """Of the responses that reached one step, how their authors heard of it."""

    step: str
    reached: int
    told: int = 0
    waiting: int = 0  # queued, being sent, or for an officer to contact by hand
    could_not: int = 0  # the message failed for good
    nobody: int = 0  # no way to reach them, or they asked for no updates


# A message's status, as the best news of a step: told, then waiting, then failed.
TOLD = (MessageStatus.SENT, MessageStatus.DONE)
WAITING = (MessageStatus.QUEUED, MessageStatus.SENDING, MessageStatus.BY_HAND)
RANKS = {"told": 0, "waiting": 1, "could_not": 2}
UPDATES = ("feedback_status_changed", "feedback_shaped_a_change")


@dataclass
class KeepingInTouch:
    responses: int
    first_change: Wait
    outcome: Wait
    waiting_past_target: int  # still "received" past the promise, now
    target_days: int
    told: list  # [Told]: we have it, it was read, its outcome


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
        authors_told(responses),
    )


def _best_news(messages):
    """How the best of `messages` went: 0 told, 1 waiting, 2 could not; None: no message."""
    rank = Case(
        When(status__in=TOLD, then=Value(RANKS["told"])),
        When(status__in=WAITING, then=Value(RANKS["waiting"])),
        default=Value(RANKS["could_not"]),
        output_field=IntegerField(),
    )
    return Subquery(messages.annotate(rank=rank).order_by("rank").values("rank")[:1])


def authors_told(responses):
    """[Told] for each step: we have it (its receipt), it was read (a message about its
    first change of status or a later one) and its outcome (a message since the outcome)."""
    about = Notification.objects.filter(
        content_type=ContentType.objects.get_for_model(Feedback), object_id=OuterRef("pk")
    )
    changes = StatusChange.objects.filter(feedback=OuterRef("pk")).order_by("changed_at", "pk")
    rows = (
        responses.annotate(
            was_read=Exists(changes),
            outcome_at=Subquery(changes.filter(to_status__in=OUTCOMES).values("changed_at")[:1]),
        )
        .annotate(
            receipt=_best_news(about.filter(message_key="feedback_receipt")),
            read=_best_news(about.filter(message_key__in=UPDATES)),
            outcome=_best_news(
                about.filter(message_key__in=UPDATES, created_at__gte=OuterRef("outcome_at"))
            ),
        )
        .values("receipt", "read", "outcome", "was_read", has_outcome=Q(outcome_at__isnull=False))
        .annotate(count=Count("pk", distinct=True))
        .order_by()
    )
    steps = {
        "receipt": Told("We have it (a receipt)", 0),
        "read": Told("Read and acknowledged", 0),
        "outcome": Told("Told the outcome", 0),
    }
    reached_by = {
        "receipt": lambda row: True,
        "read": lambda row: row["was_read"],
        "outcome": lambda row: row["has_outcome"],
    }
    names = {rank: name for name, rank in RANKS.items()}
    for row in rows:
        for key, told in steps.items():
            if not reached_by[key](row):
                continue
            told.reached += row["count"]
            news = names.get(row[key], "nobody")
            setattr(told, news, getattr(told, news) + row["count"])
    return list(steps.values())


def _wait(waits, target):
    weighted = sorted(waits.items())
    return Wait(
        reached=sum(waits.values()),
        median=percentile(weighted, 0.5),
        ninetieth=percentile(weighted, 0.9),
        within_target=sum(count for days, count in weighted if days <= target),
    )
