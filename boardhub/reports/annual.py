"""The figures of "What the board did this year", for one calendar year: public data only.

Everything here is already public on its own page (consultations, published "you said, we
did" records, public meetings and the promises made at them), or a count of responses with
its small numbers hidden (boardhub.core.suppression): no answer, name or person is read, and
a response flagged for safeguarding is counted like any other, never shown. Each part is one
or two SQL queries, whatever the year holds.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.db.models import Count, Min, Q
from django.utils import timezone

from boardhub.consultations.models import Audience, Channel, ConsultationPage, Feedback
from boardhub.core.suppression import Count as Counted
from boardhub.core.suppression import publish
from boardhub.impact.models import ChangeRecord, ChangeStatus, public_change_url
from boardhub.meetings.models import Action, MeetingPage
from boardhub.meetings.models import Audience as MeetingAudience

from .accountability import accountability


@dataclass
class Year:
    year: int
    consultations: list  # [(ConsultationPage, published count of its responses this year)]
    members_only_consultations: int
    responses: object  # Published: the year's responses, split by channel
    channels: list  # [(label, Published)]
    changes: list  # [(ChangeRecord, its public address)]
    changes_by_status: list  # [(label, count)]
    meetings: list  # [MeetingPage], public ones held this year
    promises: dict  # {"due", "on_time", "late", "open", "overdue", "dropped"}

    @property
    def is_empty(self):
        # A hidden count of responses is a few responses, not none.
        some_responses = not self.responses.is_shown or self.responses.count
        return not (self.consultations or self.changes or self.meetings or some_responses)


def years_with_something():
    """The years, newest first, from the first consultation or change to this one."""
    firsts = [
        ConsultationPage.objects.live().aggregate(first=Min("opens_at"))["first"],
        ChangeRecord.objects.published().aggregate(first=Min("first_published_at"))["first"],
    ]
    found = [timezone.localtime(first).year for first in firsts if first]
    this_year = timezone.localdate().year
    return list(range(this_year, min(found, default=this_year) - 1, -1))


def _bounds(year):
    start = timezone.make_aware(datetime.combine(date(year, 1, 1), time.min))
    return start, timezone.make_aware(datetime.combine(date(year + 1, 1, 1), time.min))


def the_year(year):
    start, end = _bounds(year)
    threshold = settings.BOARDHUB_SMALL_NUMBER_THRESHOLD
    consultations = list(
        ConsultationPage.objects.live()
        .filter(opens_at__gte=start, opens_at__lt=end)
        .annotate(answers=Count("feedback", filter=Q(feedback__submit_time__lt=end)))
        .order_by("opens_at", "pk")
    )
    public = [c for c in consultations if c.audience == Audience.EVERYONE]
    answers = publish(
        Counted(
            "all",
            sum(c.answers for c in public),
            tuple(Counted(str(c.pk), c.answers) for c in public),
        ),
        threshold,
    )
    responses, channels = _responses(start, end, threshold)
    changes = list(
        ChangeRecord.objects.published()
        .filter(first_published_at__gte=start, first_published_at__lt=end)
        .order_by("first_published_at", "pk")
    )
    return Year(
        year=year,
        consultations=[(c, answers.child(str(c.pk))) for c in public],
        members_only_consultations=len(consultations) - len(public),
        responses=responses,
        channels=channels,
        changes=[(change, public_change_url(change)) for change in changes],
        changes_by_status=_by_status(changes),
        meetings=list(
            MeetingPage.objects.live()
            .filter(audience=MeetingAudience.PUBLIC, starts_at__gte=start, starts_at__lt=end)
            .order_by("starts_at", "pk")
        ),
        promises=_promises(year),
    )


def _responses(start, end, threshold):
    rows = (
        Feedback.objects.filter(submit_time__gte=start, submit_time__lt=end)
        .values("channel")
        .annotate(count=Count("pk"))
        .order_by()
    )
    by_channel = {row["channel"]: row["count"] for row in rows}
    tree = Counted(
        "all",
        sum(by_channel.values()),
        tuple(Counted(value, by_channel.get(value, 0)) for value in Channel.values),
    )
    published = publish(tree, threshold)
    channels = [
        (label, published.child(value)) for value, label in Channel.choices if by_channel.get(value)
    ]
    return published, channels


def _by_status(changes):
    counts = {}
    for change in changes:
        counts[change.status] = counts.get(change.status, 0) + 1
    return [(label, counts[value]) for value, label in ChangeStatus.choices if counts.get(value)]


def _promises(year):
    """The promises made at public meetings that were due this year, by how they went."""
    due = Action.objects.public().filter(due_on__year=year)
    owners = accountability(actions=due)
    totals = {
        "on_time": sum(o.done_on_time for o in owners),
        "late": sum(o.done_late for o in owners),
        "open": sum(o.open + o.in_progress for o in owners),
        "overdue": sum(o.overdue for o in owners),
        "dropped": sum(o.dropped for o in owners),
    }
    totals["due"] = sum(o.total for o in owners)
    return totals
