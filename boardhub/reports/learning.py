"""The learning report: how many responses helped to change something (their status once a
change they shaped is published), overall, per consultation and per service; the published
changes by status; and how long after a consultation closed its first change was published.
SQL aggregates, a few queries whatever the numbers."""

from dataclasses import dataclass
from statistics import median

from django.db.models import Count, Min, Q

from boardhub.consultations.models import ConsultationPage, FeedbackStatus
from boardhub.impact.models import ChangeRecord, ChangeStatus
from boardhub.services.models import Service

from .grouping import per_service

MOST_SHOWN = 10
SHAPED = Q(status=FeedbackStatus.SHAPED_A_CHANGE)


@dataclass
class Share:
    """Of `responses`, how many helped to change something."""

    responses: int
    shaped: int

    @property
    def percent(self):
        return round(100 * self.shaped / self.responses) if self.responses else None


@dataclass
class Learning:
    overall: Share
    by_consultation: list  # [(page id, title, Share)], the most responses first
    by_service: list  # [(Service, Share)]
    changes_by_status: list  # [(value, label, published changes)]
    closed: int  # consultations that closed in the period
    closed_with_a_change: int
    median_days_to_a_change: float | None


def learning(responses, first, last, services=None):
    """`services`: the services the report is narrowed to (for the changes), or None."""
    overall = responses.aggregate(
        responses=Count("pk", distinct=True), shaped=Count("pk", filter=SHAPED, distinct=True)
    )
    return Learning(
        Share(overall["responses"], overall["shaped"]),
        _by_consultation(responses),
        _by_service(responses),
        _changes_by_status(services),
        *_from_closing_to_a_change(responses, first, last),
    )


def _by_consultation(responses):
    rows = (
        responses.values("page_id", "page__title")
        .annotate(
            responses=Count("pk", distinct=True), shaped=Count("pk", filter=SHAPED, distinct=True)
        )
        .order_by("-responses", "page__title")[:MOST_SHOWN]
    )
    return [
        (row["page_id"], row["page__title"], Share(row["responses"], row["shaped"])) for row in rows
    ]


def _by_service(responses):
    counts = per_service(
        responses,
        responses=Count("pk", distinct=True),
        shaped=Count("pk", filter=SHAPED, distinct=True),
    )
    services = Service.objects.in_bulk([pk for (pk,) in counts])
    ranked = sorted(
        counts.items(), key=lambda item: (-item[1]["responses"], services[item[0][0]].name)
    )
    return [(services[pk], Share(**found)) for (pk,), found in ranked[:MOST_SHOWN]]


def _changes_by_status(services):
    changes = ChangeRecord.objects.published()
    if services is not None:
        changes = changes.filter(service_links__service__in=services)
    counts = dict(
        changes.values("status")
        .annotate(count=Count("pk", distinct=True))
        .values_list("status", "count")
    )
    return [(value, label, counts.get(value, 0)) for value, label in ChangeStatus.choices]


def _from_closing_to_a_change(responses, first, last):
    """(consultations closed in the period among those the responses answer, how many of them
    have a published change, the median days from closing to the first)."""
    closed = ConsultationPage.objects.filter(
        pk__in=responses.values("page_id"),
        closes_at__date__gte=first,
        closes_at__date__lte=last,
    ).annotate(
        first_change=Min(
            "change_links__change__first_published_at",
            filter=Q(change_links__change__live=True),
        )
    )
    rows = list(closed.values_list("closes_at", "first_change"))
    days = [
        max((changed - closes).total_seconds() / 86400, 0)
        for closes, changed in rows
        if changed is not None
    ]
    return len(rows), len(days), round(median(days), 1) if days else None
