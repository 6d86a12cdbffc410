"""The volume report: how many responses arrived, month by month, by channel, from members
and from the public, and which consultations and services they were about. Every count is
an SQL aggregate over the responses the officer may see (the triage listing's own door and
filters), so that each figure is the number of rows its link shows there."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from boardhub.consultations.models import Channel
from boardhub.services.models import Service

from .grouping import month_starts, per_service

MOST_SHOWN = 10  # consultations and services, the most responses first


@dataclass
class Month:
    start: date
    by_channel: dict = field(default_factory=dict)  # {channel value: count}
    members: int = 0
    public: int = 0

    @property
    def total(self):
        return self.members + self.public


@dataclass
class Volume:
    months: list  # [Month], oldest first, every month of the range (none left out)
    channels: list  # [(value, label)] of the channels any month has
    by_consultation: list  # [(page id, title, count)]
    by_service: list  # [(Service, count)]

    @property
    def total(self):
        return sum(month.total for month in self.months)


def volume(responses, first, last):
    """The Volume for `responses` (already narrowed to the range and the filters), with a
    row for every month from `first` to `last`: three queries."""
    months = {start: Month(start) for start in month_starts(first, last)}
    rows = (
        responses.annotate(month=TruncMonth("submit_time", tzinfo=timezone.get_current_timezone()))
        .values("month", "channel")
        .annotate(
            members=Count("pk", filter=Q(member__isnull=False), distinct=True),
            public=Count("pk", filter=Q(member__isnull=True), distinct=True),
        )
        .order_by()
    )
    used = set()
    for row in rows:
        month = months.get(timezone.localtime(row["month"]).date())
        if month is None:
            continue
        month.by_channel[row["channel"]] = row["members"] + row["public"]
        month.members += row["members"]
        month.public += row["public"]
        used.add(row["channel"])
    channels = [(value, label) for value, label in Channel.choices if value in used]
    return Volume(
        list(months.values()), channels, _by_consultation(responses), _by_service(responses)
    )


def _by_consultation(responses):
    rows = (
        responses.values("page_id", "page__title")
        .annotate(count=Count("pk", distinct=True))
        .order_by("-count", "page__title")[:MOST_SHOWN]
    )
    return [(row["page_id"], row["page__title"], row["count"]) for row in rows]


def _by_service(responses):
    counts = per_service(responses, count=Count("pk", distinct=True))
    services = Service.objects.in_bulk([pk for (pk,) in counts])
    ranked = sorted(counts.items(), key=lambda item: (-item[1]["count"], services[item[0][0]].name))
    return [(services[pk], found["count"]) for (pk,), found in ranked[:MOST_SHOWN]]
