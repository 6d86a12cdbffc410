"""The reports in the admin's Reports menu. Those about responses, for feedback handlers,
read them through the triage listing's door (feedback_for_user) and its filters, so that a
figure's link opens the listing on exactly the responses it counts. "Promises kept" reads
the action log, for those who keep it, and links to its listing the same way."""

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from boardhub.consultations.models import Feedback, FeedbackStatus
from boardhub.core.charts import bar_chart, line_chart
from boardhub.feedback import handling
from boardhub.feedback.filters import FeedbackFilterSet
from boardhub.meetings.models import ActionStatus

from .accountability import accountability
from .keeping_in_touch import keeping_in_touch
from .learning import learning
from .themes import themes
from .volume import volume

# The listing's filters a report offers; the rest (status, overdue...) are the listing's own.
NARROWING = ("consultation", "service", "theme", "channel")
AFTER, BEFORE = "submit_time_from", "submit_time_to"
MOST_CHARTED = 10


class ReportFilterSet(FeedbackFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.filters):
            if name not in (*NARROWING, "submit_time"):
                del self.filters[name]
                self.form.fields.pop(name, None)
        self.form.fields["submit_time"].label = "Sent between"


@dataclass
class Period:
    first: date
    last: date

    def listing(self, narrowing, **more):
        """The triage listing's address for the responses of this period, as narrowed."""
        asked = {**narrowing, AFTER: self.first.isoformat(), BEFORE: self.last.isoformat()}
        return f"{reverse('feedback:index')}?{urlencode(asked | more)}"

    def within(self, month_start):
        """The part of this period in the month starting `month_start`."""
        following = date(
            month_start.year + (month_start.month == 12), month_start.month % 12 + 1, 1
        )
        return Period(max(self.first, month_start), min(self.last, following - timedelta(days=1)))


def asked_period(data, today):
    """(Period, errors): the dates asked for, or the twelve months up to today."""
    first, last = date(today.year - 1, today.month, 1), today
    errors = []
    for name, example, box in ((AFTER, "2026-04-01", 0), (BEFORE, "2027-03-31", 1)):
        typed = (data.get(name) or "").strip()
        if not typed:
            continue
        try:
            day = date.fromisoformat(typed)
        except ValueError:
            which = "first" if box == 0 else "last"
            errors.append((f"Enter the {which} day as a date, for example {example}", box))
            continue
        first, last = (day, last) if box == 0 else (first, day)
    if not errors and last < first:
        errors.append(("The last day must be the same as or after the first day", 1))
    return Period(first, last), [(message, f"id_submit_time_{box}") for message, box in errors]


def _report(request, title, build):
    """The context of one report: the period and filters asked for, with their errors, and
    what `build(responses, period, narrowing)` makes of the responses they pick."""
    if not handling.can_handle_feedback(request.user):
        raise PermissionDenied
    period, errors = asked_period(request.GET, timezone.localdate())
    data = request.GET.copy()
    if not errors:
        data[AFTER], data[BEFORE] = period.first.isoformat(), period.last.isoformat()
    responses = handling.feedback_for_user(request.user, Feedback.objects.all())
    filters = ReportFilterSet(data, queryset=responses, request=request)
    if not errors and not filters.is_valid():
        errors = [
            (message, f"id_{name}")
            for name, messages in filters.errors.items()
            for message in messages
        ]
    context = {
        "header_title": title,
        "page_title": title,
        "filters": filters,
        "period": period,
        "errors": errors,
    }
    if not errors:
        narrowing = {name: data[name] for name in NARROWING if data.get(name)}
        context.update(build(filters.qs, period, narrowing))
    return context


def volume_report(request):
    context = _report(request, "Volume of responses", _volume)
    return TemplateResponse(request, "reports/volume.html", context)


def _volume(responses, period, narrowing):
    figures = volume(responses, period.first, period.last)
    return {"figures": figures, **_table_and_chart(figures, period, narrowing)}


def _table_and_chart(figures, period, narrowing):
    rows = []
    for month in figures.months:
        part = period.within(month.start)
        rows.append(
            {
                "month": month,
                "channels": [
                    (month.by_channel.get(value, 0), part.listing(narrowing, channel=value))
                    for value, __ in figures.channels
                ],
                "members": (month.members, part.listing(narrowing, sender="members")),
                "public": (month.public, part.listing(narrowing, sender="public")),
                "total": (month.total, part.listing(narrowing)),
            }
        )
    chart = bar_chart(
        "Responses each month",
        f"How many responses arrived each month from {period.first:%-d %B %Y} to "
        f"{period.last:%-d %B %Y}. The same figures are in the table below.",
        [f"{month.start:%B %Y}" for month in figures.months],
        [("Responses", [month.total for month in figures.months])],
        unit="",
    )
    return {
        "rows": rows,
        "chart": chart,
        "whole": period.listing(narrowing),
        "consultation_links": [
            (title, count, period.listing(narrowing, consultation=page_id))
            for page_id, title, count in figures.by_consultation
        ],
        "service_links": [
            (service, count, period.listing(narrowing, service=service.pk))
            for service, count in figures.by_service
        ],
    }


def themes_report(request):
    context = _report(request, "Themes", _themes)
    return TemplateResponse(request, "reports/themes.html", context)


def _themes(responses, period, narrowing):
    figures = themes(responses, period.first, period.last)

    def listing(theme, part=period):
        return part.listing(narrowing, theme=theme.pk)

    parts = [period.within(month) for month in figures.months]
    chart = None
    if figures.ranked:
        shown = figures.ranked[:MOST_CHARTED]
        chart = bar_chart(
            "The most common themes",
            f"How many responses from {period.first:%-d %B %Y} to {period.last:%-d %B %Y} "
            "were given each theme. The same figures are in the table below.",
            [theme.name for theme, __ in shown],
            [("Responses", [count for __, count in shown])],
            unit="",
        )
    return {
        "figures": figures,
        "chart": chart,
        "moving_chart": _moving_chart(figures, period),
        "ranked": [(theme, count, listing(theme)) for theme, count in figures.ranked],
        "moving": [
            (
                theme,
                [(count, listing(theme, part)) for count, part in zip(counts, parts, strict=True)],
            )
            for theme, counts in figures.moving
        ],
        "by_service": [
            (
                service,
                [
                    (
                        theme,
                        count,
                        period.listing(narrowing | {"service": service.pk}, theme=theme.pk),
                    )
                    for theme, count in found
                ],
            )
            for service, found in figures.by_service
        ],
    }


def _moving_chart(figures, period):
    """How the most common themes moved month by month: a line each."""
    if not figures.moving or len(figures.months) < 2:
        return None
    return line_chart(
        "How the most common themes moved",
        f"Responses given each of the {len(figures.moving)} most common themes, month by month, "
        f"from {period.first:%B %Y} to {period.last:%B %Y}. Each theme has its own line and "
        "marker. The same figures are in the table below.",
        [f"{month:%b %Y}" for month in figures.months],
        [(theme.name, counts) for theme, counts in figures.moving],
    )


def keeping_in_touch_report(request):
    context = _report(request, "Keeping in touch", _keeping_in_touch)
    return TemplateResponse(request, "reports/keeping_in_touch.html", context)


def _keeping_in_touch(responses, period, narrowing):
    figures = keeping_in_touch(responses)
    return {
        "figures": figures,
        "whole": period.listing(narrowing),
        "waiting_link": period.listing(narrowing, overdue="true"),
    }


def learning_report(request):
    context = _report(request, "Learning from feedback", _learning)
    return TemplateResponse(request, "reports/learning.html", context)


def _learning(responses, period, narrowing):
    services = [narrowing["service"]] if narrowing.get("service") else None
    figures = learning(responses, period.first, period.last, services)
    shaped = {"status": FeedbackStatus.SHAPED_A_CHANGE}

    def pair(share, **more):
        return (
            share,
            period.listing(narrowing, **more),
            period.listing(narrowing, **more, **shaped),
        )

    changes = reverse("wagtailsnippets_impact_changerecord:list")
    by_service = {"service": narrowing["service"]} if services else {}
    return {
        "figures": figures,
        "overall": pair(figures.overall),
        "by_consultation": [
            (title, *pair(share, consultation=page_id))
            for page_id, title, share in figures.by_consultation
        ],
        "by_service": [
            (service.name, *pair(share, service=service.pk))
            for service, share in figures.by_service
        ],
        "changes_by_status": [
            (
                label,
                count,
                f"{changes}?{urlencode({'status': value, 'live': 'true', **by_service})}",
            )
            for value, label, count in figures.changes_by_status
        ],
        "narrowed_to_a_service": bool(services),
        "narrowed_beyond_services": any(name != "service" for name in narrowing),
    }


VIEW_ACTIONS = "meetings.view_action"


def accountability_report(request):
    """Not about responses: the action log's own readers, and its listing's filters."""
    if not request.user.has_perm(VIEW_ACTIONS):
        raise PermissionDenied
    listing = reverse("wagtailsnippets_meetings_action:list")
    owners = []
    for owner in accountability():

        def link(owner=owner, **more):
            return f"{listing}?{urlencode({'owner': owner.pk, **more})}"

        owners.append(
            {
                "owner": owner,
                "open": link(status=ActionStatus.OPEN),
                "in_progress": link(status=ActionStatus.IN_PROGRESS),
                "done": link(status=ActionStatus.DONE),
                "dropped": link(status=ActionStatus.DROPPED),
                "overdue": link(overdue="true"),
                "all": link(),
            }
        )
    title = "Promises kept"
    context = {"header_title": title, "page_title": title, "owners": owners}
    return TemplateResponse(request, "reports/accountability.html", context)
