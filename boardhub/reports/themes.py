"""The themes report: the themes officers gave the responses of a period, the most common
first; how the most common moved month by month; and the themes of each service. SQL
aggregates over the responses the officer may see, narrowed as the listing narrows them."""

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from boardhub.feedback.models import Theme
from boardhub.services.models import Service

from .grouping import month_starts, per_service

MOVING = 5  # the themes followed month by month
PER_SERVICE = 3


@dataclass
class Themes:
    ranked: list  # [(Theme, responses)], the most first
    months: list  # [date], every month of the period
    moving: list  # [(Theme, [responses each month])] for the MOVING most common
    by_service: list  # [(Service, [(Theme, responses)])], the services with the most first
    responses: int  # how many responses the period holds, themed or not


def themes(responses, first, last):
    # Grouped by the one join to the themes, never filtered on it: a filter on a relation
    # that holds many rows joins it a second time, and would count each theme's links twice.
    ranked_rows = (
        responses.values("theme_links__theme")
        .annotate(count=Count("pk", distinct=True))
        .order_by("-count", "theme_links__theme__name")
    )
    counts = {
        row["theme_links__theme"]: row["count"]
        for row in ranked_rows
        if row["theme_links__theme"] is not None
    }
    by_pk = Theme.objects.in_bulk(list(counts))
    ranked = [(by_pk[pk], count) for pk, count in counts.items()]
    months = month_starts(first, last)
    return Themes(
        ranked,
        months,
        _moving(responses, [theme for theme, __ in ranked[:MOVING]], months),
        _by_service(responses, by_pk),
        responses.count(),
    )


def _moving(responses, followed, months):
    if not followed:
        return []
    rows = (
        responses.annotate(month=TruncMonth("submit_time", tzinfo=timezone.get_current_timezone()))
        .values("month", "theme_links__theme")
        .annotate(count=Count("pk", distinct=True))
        .order_by()
    )
    found = {
        (timezone.localtime(row["month"]).date(), row["theme_links__theme"]): row["count"]
        for row in rows
    }
    return [(theme, [found.get((month, theme.pk), 0) for month in months]) for theme in followed]


def _by_service(responses, themes_by_pk):
    """Each service's most common themes."""
    counts = per_service(responses, "theme_links__theme", count=Count("pk", distinct=True))
    services = Service.objects.in_bulk({service for service, __ in counts})
    found = {}
    for (service, theme), figures in counts.items():
        found.setdefault(service, []).append((themes_by_pk[theme], figures["count"]))
    ranked = sorted(
        found.items(),
        key=lambda item: (-sum(count for __, count in item[1]), services[item[0]].name),
    )
    return [
        (services[service], sorted(themed, key=lambda tc: (-tc[1], tc[0].name))[:PER_SERVICE])
        for service, themed in ranked
    ]
